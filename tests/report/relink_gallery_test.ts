// The gallery and the notebooks' record: a report on new data lists the
// notebooks of the old data as older and links none of them; once
// deno task notebooks ran on the new data, relinkGallery
// (lib/report/relink_gallery.ts) links them and changes nothing else.
import assert from "node:assert/strict";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import {
  dataRecordText,
  readNotebookRun,
} from "../../lib/tooling/notebook_record.ts";
import { writeOutputDir } from "../../lib/tooling/output_dir.ts";
import { buildReport } from "../../lib/report/report.ts";
import { relinkGallery } from "../../lib/report/relink_gallery.ts";
import { inTempDir } from "../_helpers.ts";
import { mondayDataDir } from "../_monday_data.ts";

Deno.test("a report on new data marks the notebooks of the previous data as stale and links none of them", async () => {
  await inTempDir(async (dir) => {
    const data = await mondayDataDir(dir);
    const out = join(dir, "out");
    // Notebooks as `deno task notebooks` left them after a run on the bundled month.
    await writeOutputDir(join(out, "notebooks"), async (tmp) => {
      await Deno.writeTextFile(
        join(tmp, "DATA.txt"),
        dataRecordText({
          data: "data",
          as_of: null,
          rankings: ["2026-05-24", "2026-06-22"],
        }),
      );
      await Deno.writeTextFile(
        join(tmp, "05_weekly_movers.html"),
        "<p>old</p>",
      );
    });
    await buildReport({ dataDir: data, outDir: out });
    assert.deepEqual(await readNotebookRun(out), {
      data: "data",
      as_of: null,
      rankings: ["2026-05-24", "2026-06-22"],
    });
    const page =
      new JSDOM(await Deno.readTextFile(join(out, "index.html"))).window
        .document;
    const hrefs = [...page.querySelectorAll("header .links a")].map((a) =>
      a.getAttribute("href")
    );
    assert.equal(hrefs.some((href) => href?.startsWith("notebooks/")), false);
    assert.match(
      page.querySelector("header .links")!.textContent!,
      /Notebook 05_weekly_movers \(older than this report, not linked: ran on rankings 2026-05-24 … 2026-06-22; the report is on 2026-05-24 … 2026-08-22; run deno task notebooks\)/,
    );
    // deno task notebooks then runs on the new data: the gallery links them.
    await writeOutputDir(join(out, "notebooks"), async (tmp) => {
      await Deno.writeTextFile(
        join(tmp, "DATA.txt"),
        dataRecordText({
          data,
          as_of: null,
          rankings: ["2026-05-24", "2026-08-22"],
        }),
      );
      await Deno.writeTextFile(
        join(tmp, "05_weekly_movers.html"),
        "<p>new</p>",
      );
    });
    const before = await Deno.readTextFile(join(out, "index.html"));
    assert.equal(await relinkGallery(out), true);
    const after = await Deno.readTextFile(join(out, "index.html"));
    const relinked = new JSDOM(after).window.document;
    assert.deepEqual(
      [...relinked.querySelectorAll("header .links a")].map((a) =>
        a.getAttribute("href")
      ),
      // docs/index.html only once deno task docs built it (issue 22).
      ["report.md", "notebooks/05_weekly_movers.html"],
    );
    // Only the links changed.
    const outside = (html: string) =>
      html.replace(/ {2}<ul class="links">[\s\S]*?<\/ul>\n/, "");
    assert.equal(outside(after), outside(before));
    assert.equal(await relinkGallery(join(dir, "nowhere")), false);
  });
});
