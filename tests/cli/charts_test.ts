// Runs `deno task charts` as a subprocess on the bundled data.
import assert from "node:assert/strict";
import { join } from "node:path";
import { inTempDir, names, runTask } from "../_helpers.ts";

Deno.test("deno task charts refuses a bad value with one line naming it, exit 2, and writes nothing", async () => {
  await inTempDir(async (dir) => {
    const out = join(dir, "out");
    const cases: [string[], RegExp][] = [
      [
        ["--only", "weekly_mover"],
        /^error: --only names "weekly_mover", expected names from agent_task_cost, /,
      ],
      [
        ["--width", "50"],
        /^error: --width is "50", expected a whole number, 320 or more$/,
      ],
      [
        ["--width", "9000"],
        /^error: --width is "9000", expected a whole number from 320 to 4000$/,
      ],
      [
        ["--theme", "blue"],
        /^error: --theme is "blue", expected one of light, dark$/,
      ],
      [["--title", "X"], /^error: --title needs --only with one chart/],
      [
        ["--as-of", "2026-02-30"],
        /^error: --as-of is "2026-02-30", expected a calendar date/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await runTask("charts", ["--out", out, ...args]);
      assert.equal(run.code, 2, args.join(" "));
      const [first, ...rest] = run.stderr.trim().split("\n");
      assert.match(first, message);
      assert.deepEqual(rest.filter((l) => l !== ""), [
        "See deno task charts --help for the options.",
      ]);
    }
    assert.deepEqual(await names(dir), []);
  });
});

Deno.test("deno task charts --only --title --width --theme --as-of writes that chart's kit, titled, sized, dark and cut", async () => {
  await inTempDir(async (dir) => {
    const out = join(dir, "out");
    const run = await runTask("charts", [
      "--out",
      out,
      "--only",
      "weekly_movers",
      "--title",
      "Nine big moves",
      "--width",
      "1080",
      "--theme",
      "dark",
      "--as-of",
      "2026-06-14",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(await names(join(out, "charts")), [
      ".tokenbook-output",
      "weekly_movers.csv",
      "weekly_movers.dark.png",
      "weekly_movers.dark.svg",
      "weekly_movers.json",
      "weekly_movers.png",
      "weekly_movers.social.png",
      "weekly_movers.svg",
    ]);
    const svg = await Deno.readTextFile(join(out, "charts/weekly_movers.svg"));
    // 440 × 1080 / 720 = 660: the height keeps the aspect.
    assert.match(svg, /^<svg width="1080" height="660" /);
    assert.match(svg, /<title>Nine big moves<\/title>/);
    assert.match(svg, /<rect width="1080" height="660" fill="#16181c"\/>/);
    const meta = JSON.parse(
      await Deno.readTextFile(join(out, "charts/weekly_movers.json")),
    );
    assert.equal(meta.title, "Nine big moves");
    assert.equal(meta.data_to, "2026-06-14");
    assert.match(
      meta.source,
      /; data to 14 June 2026\. CC BY 4\.0 · tokenbook$/,
    );
  });
});
