/**
 * The claims ledger: every quantitative claim of the five source articles
 * (`data/claims.csv`), with the value reproduced from data by a named method
 * and a verdict (`verdicts.ts`). This module gathers the ledger's public
 * surface: loading (`load.ts`), tolerances (`tolerance.ts`), comparison
 * (`compare.ts`), evaluation (`evaluate.ts`), the checks by family
 * (`checks/`), the Markdown rendering (`markdown.ts`) and the walk of the
 * cited evidence (`cited.ts`).
 *
 * @module
 */
export * from "./verdicts.ts";
export * from "./flags.ts";
export * from "./load.ts";
export * from "./figures.ts";
export * from "./tolerance.ts";
export * from "./compare.ts";
export * from "./evaluate.ts";
export * from "./markdown.ts";
export * from "./cited.ts";
export * from "./checks/mod.ts";
