/**
 * Read a what-if's two input files: the policy (JSON) and the workload (a
 * `.csv` workload or a saved `GET /api/v1/activity` response, `.json`).
 *
 * @module
 */
import { readJson, readText } from "../loading/input.ts";
import type { Problem } from "../loading/problems.ts";
import { parsePolicy, type Policy } from "./policy.ts";
import { parseActivity, parseWorkloadCsv, type Workload } from "./workload.ts";
import {
  isAnthropicUsageReport,
  parseAnthropicUsage,
} from "./anthropic_usage.ts";
import {
  isOpenRouterUsageLine,
  parseOpenRouterUsage,
} from "./openrouter_usage.ts";

/** The workload formats `--format` names. */
export const WORKLOAD_FORMATS = [
  "csv",
  "activity",
  "openrouter-usage",
  "anthropic-usage",
] as const;

/** A workload format. */
export type WorkloadFormat = (typeof WORKLOAD_FORMATS)[number];

/**
 * The format of a workload, by its content: JSONL whose first line is a
 * response with `model` and `usage` is OpenRouter per-request usage; other
 * JSON with `data[].results[]` is Anthropic's usage report; other text
 * starting with `{` or `[` is an `/activity` response; anything else a
 * workload CSV.
 *
 * @param text The file's text.
 * @returns The format.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(detectWorkloadFormat('{"model":"a/b","created":1,"usage":{"prompt_tokens":1}}\n'), "openrouter-usage");
 * assert.equal(detectWorkloadFormat('{"data": []}'), "activity");
 * assert.equal(detectWorkloadFormat("stream,model\n"), "csv");
 * ```
 */
export function detectWorkloadFormat(text: string): WorkloadFormat {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  const firstLine = trimmed.split("\n", 1)[0] ?? "";
  if (isOpenRouterUsageLine(firstLine)) return "openrouter-usage";
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      if (isAnthropicUsageReport(JSON.parse(trimmed))) return "anthropic-usage";
    } catch {
      // Not JSON: the activity parser names the problem.
    }
    return "activity";
  }
  return "csv";
}

/**
 * Read and validate a policy file and a workload file.
 *
 * @param policyFile Path of the policy JSON, or null to price the workload as it ran (no policy).
 * @param workloadFile Path of the workload: `.csv`, or `.json` for an activity response.
 * @returns Both, or every problem of both files (each naming file, record and field).
 *
 * @example The bundled examples
 * ```ts
 * import assert from "node:assert/strict";
 * const inputs = await loadWhatIfInputs("data/examples/routing_skeleton.policy.json", "data/examples/case_study_team.workload.csv");
 * assert.ok(inputs.ok);
 * assert.equal(inputs.ok && inputs.policy?.dollar_track.budget_cap_usd, 800);
 * assert.equal(inputs.ok && inputs.workload.rows.length, 4);
 * ```
 */
export async function loadWhatIfInputs(
  policyFile: string,
  workloadFile: string,
  format?: WorkloadFormat,
): Promise<
  { ok: true; policy: Policy; workload: Workload } | {
    ok: false;
    problems: Problem[];
  }
>;
export async function loadWhatIfInputs(
  policyFile: string | null,
  workloadFile: string,
  format?: WorkloadFormat,
): Promise<
  { ok: true; policy: Policy | null; workload: Workload } | {
    ok: false;
    problems: Problem[];
  }
>;
export async function loadWhatIfInputs(
  policyFile: string | null,
  workloadFile: string,
  format?: WorkloadFormat,
): Promise<
  { ok: true; policy: Policy | null; workload: Workload } | {
    ok: false;
    problems: Problem[];
  }
> {
  const problems: Problem[] = [];
  let policy: Policy | null | undefined = null;
  if (policyFile !== null) {
    policy = undefined;
    const policyJson = await readJson(policyFile);
    if (!policyJson.ok) problems.push(...policyJson.problems);
    else {
      const parsed = parsePolicy(policyJson.value, policyFile);
      if (parsed.ok) policy = parsed.policy;
      else problems.push(...parsed.problems);
    }
  }
  let workload: Workload | undefined;
  const read = await readText(workloadFile);
  if (!read.ok) problems.push(...read.problems);
  else {
    const kind = format ?? detectWorkloadFormat(read.value);
    let parsed:
      | { ok: true; workload: Workload }
      | { ok: false; problems: Problem[] };
    if (kind === "openrouter-usage") {
      parsed = parseOpenRouterUsage(
        read.value,
        workloadFile,
        policy?.streams,
      );
    } else if (kind === "anthropic-usage") {
      const json = await readJson(workloadFile);
      parsed = json.ok
        ? parseAnthropicUsage(json.value, workloadFile)
        : { ok: false, problems: json.problems };
    } else if (kind === "activity") {
      const json = await readJson(workloadFile);
      parsed = json.ok
        ? parseActivity(json.value, workloadFile, policy?.streams)
        : { ok: false, problems: json.problems };
    } else parsed = parseWorkloadCsv(read.value, workloadFile);
    if (parsed.ok) workload = parsed.workload;
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0 || policy === undefined || workload === undefined) {
    return { ok: false, problems };
  }
  return { ok: true, policy, workload };
}
