// What out/notebooks/DATA.txt records (lib/tooling/notebook_record.ts), and
// how the gallery marks notebooks older than the report instead of linking them.
import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import {
  dataRecordText,
  notebookFreshness,
  parseDataRecord,
  rankingsPeriodOfFiles,
} from "../../lib/tooling/notebook_record.ts";
import { galleryHtml, galleryLinks } from "../../lib/charts/gallery.ts";
import { inTempDir } from "../_helpers.ts";
import { mondayDataDir } from "../_monday_data.ts";

Deno.test("rankingsPeriodOfFiles() spans every rankings file's name, cut at as-of, and is null without files", async () => {
  await inTempDir(async (dir) => {
    assert.equal(await rankingsPeriodOfFiles(dir, null), null);
    const data = await mondayDataDir(dir);
    assert.deepEqual(await rankingsPeriodOfFiles(data, null), [
      "2026-05-24",
      "2026-08-22",
    ]);
    assert.deepEqual(await rankingsPeriodOfFiles(data, "2026-07-01"), [
      "2026-05-24",
      "2026-07-01",
    ]);
    assert.equal(await rankingsPeriodOfFiles(data, "2026-05-01"), null);
  });
});

Deno.test("DATA.txt: the data folder, as of, and the rankings period, read back as written", () => {
  for (
    const run of [
      { data: "data", as_of: null, rankings: null },
      {
        data: "/tmp/x/data",
        as_of: "2026-06-07",
        rankings: ["2026-05-24", "2026-06-07"] as [string, string],
      },
    ]
  ) {
    assert.deepEqual(parseDataRecord(dataRecordText(run)), run);
  }
  // The record of a run before this change (one line) still reads, with no period.
  assert.deepEqual(parseDataRecord("data\n"), {
    data: "data",
    as_of: null,
    rankings: null,
  });
});

Deno.test("notebookFreshness(): another period, another as-of, or no record is not current", () => {
  const report = {
    rankings: ["2026-05-24", "2026-08-22"] as [string, string],
    as_of: null,
  };
  assert.equal(notebookFreshness(null, report).current, false);
  assert.equal(
    notebookFreshness({
      data: "data",
      as_of: "2026-06-07",
      rankings: report.rankings,
    }, report).reason,
    "ran as of 2026-06-07; the report as of all data",
  );
  assert.equal(
    notebookFreshness(
      { data: "other", as_of: null, rankings: report.rankings },
      report,
    ).current,
    true,
  );
});

Deno.test("galleryLinks() lists stale notebooks with the reason and without a link", () => {
  const links = galleryLinks(["01_a.html"], {
    freshness: { current: false, reason: "ran on rankings x" },
  });
  const html = galleryHtml({ title: "t", generated: "g", links }, []);
  const page = new JSDOM(html).window.document;
  const hrefs = [...page.querySelectorAll("header .links a")].map((a) =>
    a.getAttribute("href")
  );
  assert.deepEqual(hrefs, ["report.md", "docs/index.html"]);
  const text = page.querySelector("header .links")!.textContent!;
  assert.match(
    text,
    /Notebook 01_a \(older than this report, not linked: ran on rankings x; run deno task notebooks\)/,
  );
});
