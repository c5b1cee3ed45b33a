/**
 * A routing policy in the shape of the skeleton of "2026 OpenRouter: Billing
 * Beats Benchmarks" (week of 2026-05-18…24): a Token track with fallbacks, a
 * Dollar track with a monthly budget cap, a gray pool capped at a share of
 * traffic, and the track each stream of work is routed to.
 *
 * ```json
 * {"token_track": {"primary": ID, "fallback": [ID…]},
 *  "dollar_track": {"primary": ID, "budget_cap_usd": N},
 *  "gray_pool": {"model": ID, "max_share": F},
 *  "routes": {STREAM: "token_track" | "dollar_track" | "gray_pool"}}
 * ```
 *
 * Optional fields beyond the skeleton: `dollar_track.downgrade_to` (the model
 * non-incident Dollar-track traffic moves to after an overrun; default the
 * Token track's primary), `dollar_track.incident_streams` (streams never
 * downgraded; default none) and `streams` (`{MODEL_ID: STREAM}`: the stream of
 * a model's traffic in an activity file; default the model id).
 *
 * @module
 */
import { z } from "zod";
import { zodProblems } from "../loading/input.ts";
import { error, warning } from "../loading/problems.ts";
import type { Problem } from "../loading/problems.ts";

/** The tracks a stream can be routed to. */
export const TRACKS = ["token_track", "dollar_track", "gray_pool"] as const;
/** One of {@linkcode TRACKS}. */
export type Track = typeof TRACKS[number];

/** A validated policy; model ids as written (resolve them with `resolveModelId()`). */
export interface Policy {
  /** Volume work: the primary model and its fallbacks, in order. */
  token_track: { primary: string; fallback: string[] };
  /** Premium work under a monthly cap. */
  dollar_track: {
    primary: string;
    /** Monthly hard cap, USD. */
    budget_cap_usd: number;
    /** Where non-incident traffic goes after an overrun; null: the Token track's primary. */
    downgrade_to: string | null;
    /** Streams kept on the Dollar track during a downgrade. */
    incident_streams: string[];
  };
  /** Free or experimental model for non-sensitive traffic. */
  gray_pool: {
    model: string;
    /** Largest share 0–1 of a period's tokens the gray pool may take. */
    max_share: number;
  };
  /** Stream → track. */
  routes: Record<string, Track>;
  /** Model id → stream, for activity files. */
  streams: Record<string, string>;
}

const id = z.string().trim().min(1);
const schema = z.object({
  token_track: z.object({
    primary: id,
    fallback: z.array(id).default([]),
  }).strict(),
  dollar_track: z.object({
    primary: id,
    budget_cap_usd: z.number().finite().min(0, "a cap of 0 USD or more"),
    downgrade_to: id.nullable().default(null),
    incident_streams: z.array(id).default([]),
  }).strict(),
  gray_pool: z.object({
    model: id,
    max_share: z.number().min(0, "a share from 0 to 1").max(
      1,
      "a share from 0 to 1",
    ),
  }).strict(),
  routes: z.record(id, z.enum(TRACKS)),
  streams: z.record(id, id).default({}),
}).strict();

/**
 * Validate a parsed policy file.
 *
 * @param value The parsed JSON.
 * @param file The file's path, for problem lines.
 * @returns The policy, or every problem found (file, field, value, expected).
 *
 * @example A budget cap below zero
 * ```ts
 * import assert from "node:assert/strict";
 * const result = parsePolicy({
 *   token_track: { primary: "a/b", fallback: [] },
 *   dollar_track: { primary: "c/d", budget_cap_usd: -1 },
 *   gray_pool: { model: "e/f", max_share: 0.1 },
 *   routes: { agents: "token_track" },
 * }, "policy.json");
 * assert.equal(result.ok, false);
 * if (!result.ok) assert.equal(result.problems[0].field, "dollar_track.budget_cap_usd");
 * ```
 */
export function parsePolicy(
  value: unknown,
  file: string,
): { ok: true; policy: Policy } | { ok: false; problems: Problem[] } {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: zodProblems(file, "", value, parsed.error.issues),
    };
  }
  const policy = parsed.data as Policy;
  if (Object.keys(policy.routes).length === 0) {
    return {
      ok: false,
      problems: [
        error(file, "", "routes", {}, "at least one stream routed to a track"),
      ],
    };
  }
  return { ok: true, policy };
}

/**
 * Warnings for a valid but degenerate policy, which would run without doing
 * what it says: a Token-track fallback that repeats its primary (or another
 * fallback), and a Dollar-track downgrade whose target is the Dollar track's
 * own primary (`downgrade_to`, or the Token track's primary it defaults to),
 * so the 15% rule would move traffic to the same model.
 *
 * @param policy The parsed policy.
 * @param file The policy file, for the problem lines.
 * @returns One warning per degenerate setting (empty for a sound policy).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const warnings = policyWarnings({
 *   token_track: { primary: "a/b", fallback: ["a/b"] },
 *   dollar_track: { primary: "a/b", budget_cap_usd: 10, downgrade_to: null, incident_streams: [] },
 *   gray_pool: { model: "e/f", max_share: 0.1 },
 *   routes: { agents: "token_track" },
 *   streams: {},
 * }, "p.json");
 * assert.deepEqual(warnings.map((w) => w.field), ["token_track.fallback[0]", "dollar_track.downgrade_to"]);
 * ```
 */
export function policyWarnings(policy: Policy, file: string): Problem[] {
  const warnings: Problem[] = [];
  const { token_track: token, dollar_track: dollar } = policy;
  token.fallback.forEach((model, i) => {
    const earlier = [token.primary, ...token.fallback.slice(0, i)];
    if (earlier.includes(model)) {
      warnings.push(
        warning(
          file,
          "",
          `token_track.fallback[${i}]`,
          model,
          `a fallback other than ${
            model === token.primary
              ? "the primary"
              : `fallback[${token.fallback.indexOf(model)}]`
          } (this one is never reached: the same model was tried before it)`,
          "degenerate_policy",
        ),
      );
    }
  });
  const target = dollar.downgrade_to ?? token.primary;
  if (target === dollar.primary) {
    warnings.push(
      warning(
        file,
        "",
        "dollar_track.downgrade_to",
        dollar.downgrade_to ?? `null (token_track.primary ${token.primary})`,
        `a downgrade target other than dollar_track.primary ${dollar.primary} (the 15% rule would move traffic to the same model and change no bill)`,
        "degenerate_policy",
      ),
    );
  }
  return warnings;
}
