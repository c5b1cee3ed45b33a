// Every validator message in tokenbook's "X is V, expected E" form: no zod
// phrases, too-deep JSON named as such, an unbalanced CSV quote reported as
// such (lib/loading/input.ts: zodProblems, readJson, csvQuoteProblem).

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { formatProblem } from "../../lib/loading/problems.ts";
import {
  MAX_JSON_DEPTH,
  readJson,
  zodProblems,
} from "../../lib/loading/input.ts";
import { validatePaths } from "../../lib/loading/validate.ts";
import { loadWhatIfInputs } from "../../lib/whatif/load_inputs.ts";
import { copyDir, inTempDir } from "../_helpers.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ZOD_PHRASES =
  /invalid enum value|unrecognized key|Expected '|invalid input|invalid literal|Number must be|String must|Array must|Maximum call stack/i;

Deno.test("zod issues of every kind are worded as tokenbook words problems", () => {
  const schema = z.object({
    track: z.enum(["token_track", "dollar_track"]),
    kind: z.literal("policy"),
    share: z.number().min(0).max(1),
    name: z.string().min(1).regex(/^[a-z]+$/),
    models: z.array(z.string()).min(1),
    either: z.union([z.string(), z.number()]),
    inner: z.object({ a: z.number() }).strict(),
  }).strict();
  const value = {
    track: "gray",
    kind: "plan",
    share: 1.5,
    name: "",
    models: [],
    either: true,
    inner: { a: 1, b: 2 },
    colour: "red",
  };
  const problems = zodProblems(
    "p.json",
    "",
    value,
    schema.safeParse(value).error!.issues,
  );
  const lines = problems.map(formatProblem);
  for (const line of lines) {
    assert.doesNotMatch(line, ZOD_PHRASES, line);
    assert.match(line, / is .*, expected /, line);
  }
  assert.ok(
    lines.includes(
      'error: p.json: track is "gray", expected one of "token_track", "dollar_track"',
    ),
    lines.join("\n"),
  );
  assert.ok(
    lines.some((l) => /share is 1\.5, expected a number ≤ 1/.test(l)),
  );
  assert.ok(
    lines.some((l) =>
      /inner\.b is 2, expected only the documented keys/.test(l)
    ),
  );
  assert.ok(
    lines.some((l) =>
      /colour is "red", expected only the documented keys/.test(l)
    ),
  );
});

Deno.test("a policy with a bad route and an unknown key says which, in tokenbook's words", async () => {
  await inTempDir(async (dir) => {
    const policy = JSON.parse(
      await Deno.readTextFile(
        join(ROOT, "data", "examples", "routing_skeleton.policy.json"),
      ),
    );
    policy.routes.agents_ide = "token";
    policy.gray_pool.colour = "grey";
    const file = join(dir, "p.json");
    await Deno.writeTextFile(file, JSON.stringify(policy));
    const result = await loadWhatIfInputs(
      file,
      join(ROOT, "data", "examples", "case_study_team.workload.csv"),
    );
    assert.equal(result.ok, false);
    const lines = result.ok ? [] : result.problems.map(formatProblem);
    for (const line of lines) assert.doesNotMatch(line, ZOD_PHRASES, line);
    assert.ok(
      lines.some((l) =>
        l.includes(
          `routes.agents_ide is "token", expected one of "token_track"`,
        )
      ),
      lines.join("\n"),
    );
    assert.ok(
      lines.some((l) =>
        l.includes(
          'gray_pool.colour is "grey", expected only the documented keys',
        )
      ),
      lines.join("\n"),
    );
  });
});

Deno.test("valid JSON nested too deep says so, with its line and column, and validate and the loaders agree", async () => {
  await inTempDir(async (dir) => {
    const file = join(dir, "deep.json");
    await Deno.writeTextFile(file, "[".repeat(100_000) + "]".repeat(100_000));
    const read = await readJson(file);
    assert.equal(read.ok, false);
    const line = read.ok ? "" : formatProblem(read.problems[0]);
    assert.equal(
      line,
      `error: ${file}: line 1 column ${
        MAX_JSON_DEPTH + 1
      } expected JSON nested no deeper than ${MAX_JSON_DEPTH} levels (this value is nested deeper than ${MAX_JSON_DEPTH} levels)`,
    );
    const data = join(dir, "data");
    await copyDir(join(ROOT, "data"), data);
    await Deno.writeTextFile(
      join(data, "raw", "openrouter-models", "2026-05-01.models.json"),
      `{"data": ${"[".repeat(20_000)}${"]".repeat(20_000)}}`,
    );
    const result = await validatePaths([data]);
    const lines = result.problems.map(formatProblem);
    assert.ok(
      lines.some((l) => /nested deeper than 256 levels/.test(l)),
      lines.join("\n"),
    );
    for (const l of lines) assert.doesNotMatch(l, ZOD_PHRASES);
  });
});

Deno.test("an unbalanced quote in a CSV is reported as such at the line it opens, not as a field count", async () => {
  await inTempDir(async (dir) => {
    const data = join(dir, "data");
    await copyDir(join(ROOT, "data"), data);
    const file = join(data, "reference", "vendors.csv");
    const lines = (await Deno.readTextFile(file)).split("\n");
    lines[3] = `"${lines[3]}`;
    await Deno.writeTextFile(file, lines.join("\n"));
    const result = await validatePaths([data]);
    const errors = result.problems.filter((p) => p.severity === "error").map(
      formatProblem,
    );
    assert.ok(
      errors.some((l) =>
        l.includes(`vendors.csv: line 4 is "\\"`) &&
        l.includes("the quote that opens on this line is unbalanced")
      ),
      errors.join("\n"),
    );
    assert.ok(
      !errors.some((l) => /fields like the header/.test(l)),
      errors.join("\n"),
    );
  });
});
