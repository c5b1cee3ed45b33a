import assert from "node:assert/strict";
import {
  ADVANCE_BOLD,
  ADVANCE_OTHER,
  ADVANCE_REGULAR,
} from "../../lib/charts/font_metrics.ts";
import { textWidth } from "../../lib/charts/chart_style.ts";

Deno.test("the DejaVu Sans tables cover ASCII 32..126 in both faces, bold no narrower, and textWidth() reads them", () => {
  assert.equal(ADVANCE_REGULAR.length, 95);
  assert.equal(ADVANCE_BOLD.length, 95);
  for (let i = 0; i < 95; i++) {
    assert.ok(
      ADVANCE_BOLD[i] >= ADVANCE_REGULAR[i],
      String.fromCharCode(i + 32),
    );
  }
  // "M" is 863/1000 em regular, 995 bold; "…" 1000 in both.
  assert.equal(textWidth("M", 10), 8.63);
  assert.equal(textWidth("M", 10, true), 9.95);
  assert.equal(ADVANCE_OTHER["…"], 1000);
  assert.equal(textWidth("…", 10), 10);
});
