import pl from "nodejs-polars";
import { classifyModels, loadWorkspace, weeklyOriginShare } from "./lib/mod.ts";
const ws = await loadWorkspace("data");
const c = classifyModels(ws.rankings, ws.modelIdentity, ws.vendors);
const o = weeklyOriginShare(c);
const w = o.pivot(
  "share",
  { index: ["week_start", "days_covered"], on: "origin" } as any,
);
console.log(w.toString());
