/**
 * The bundled data, analysed once, as the claim checks see it: shared by the
 * tests/claim*_test.ts files. Private to tests/.
 *
 * @module
 */
import assert from "node:assert/strict";
import { claimInputs, runAnalyses } from "../lib/run/analyses.ts";
import {
  type CheckedClaim,
  checksByName,
  type Claim,
  claimEvidence,
  type ClaimInputs,
  type Evaluation,
  type LedgerEntry,
  loadClaims,
  precisionOf,
} from "../lib/claims/claims.ts";
import { loadWorkspace } from "../lib/loading/workspace.ts";

/** The bundled workspace. */
export const ws = await loadWorkspace("data");
/** The bundled claims. */
export const claims = await loadClaims("data/claims.csv");
/** Every analysis of the bundled data, with the ledger. */
export const results = runAnalyses(ws, claims);
/** What the checks read. */
export const inputs: ClaimInputs = claimInputs(
  ws,
  results,
  claims,
  claimEvidence(ws),
);
const checks = checksByName();

/** A claim of data/claims.csv, optionally changed. */
export function claim(id: string, change: Partial<Claim> = {}): Claim {
  const found = claims.find((c) => c.id === id);
  assert.ok(found !== undefined, `no claim ${id}`);
  return { ...found, ...change };
}

/** Run a claim's check as the ledger does (precision read from its quote and column). */
export function run(c: Claim): Evaluation {
  const check = checks[c.check];
  assert.ok(check !== undefined, `no check ${c.check}`);
  const checked: CheckedClaim = { ...c, precision: precisionOf(c, claims) };
  return check(checked, inputs);
}

/** The ledger entry of a claim id. */
export function entry(
  id: string,
  ledger: readonly LedgerEntry[] = results.ledger,
): LedgerEntry {
  const found = ledger.find((e) => e.id === id);
  assert.ok(found !== undefined, `no ledger entry ${id}`);
  return found;
}
