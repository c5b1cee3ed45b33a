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
): Promise<
  { ok: true; policy: Policy; workload: Workload } | {
    ok: false;
    problems: Problem[];
  }
>;
export async function loadWhatIfInputs(
  policyFile: string | null,
  workloadFile: string,
): Promise<
  { ok: true; policy: Policy | null; workload: Workload } | {
    ok: false;
    problems: Problem[];
  }
>;
export async function loadWhatIfInputs(
  policyFile: string | null,
  workloadFile: string,
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
  if (workloadFile.toLowerCase().endsWith(".json")) {
    const read = await readJson(workloadFile);
    if (!read.ok) problems.push(...read.problems);
    else {
      const parsed = parseActivity(read.value, workloadFile, policy?.streams);
      if (parsed.ok) workload = parsed.workload;
      else problems.push(...parsed.problems);
    }
  } else {
    const read = await readText(workloadFile);
    if (!read.ok) problems.push(...read.problems);
    else {
      const parsed = parseWorkloadCsv(read.value, workloadFile);
      if (parsed.ok) workload = parsed.workload;
      else problems.push(...parsed.problems);
    }
  }
  if (problems.length > 0 || policy === undefined || workload === undefined) {
    return { ok: false, problems };
  }
  return { ok: true, policy, workload };
}
