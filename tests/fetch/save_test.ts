import assert from "node:assert/strict";
import {
  commitFiles,
  pathInside,
  type PendingFile,
  removeStalePartials,
  stageFile,
  UnsafeNameError,
} from "../../lib/fetch/save.ts";
import { inTempDir, names } from "../_helpers.ts";

const file = (dir: string, text: string): PendingFile => ({
  dir,
  name: "2026-06-20_2026-06-22.json",
  alternative: "2026-06-20_2026-06-22.as-of-20260624T020000Z.json",
  text,
});

Deno.test("stageFile() writes under a name no loader reads, and commitFiles() renames it into place", async () => {
  await inTempDir(async (dir) => {
    const pending = file(`${dir}/raw`, '{"data":[]}');
    const staged = await stageFile(pending);
    assert.match(staged, /2026-06-20_2026-06-22\.json\.partial-[0-9a-f]{8}$/);
    const [saved] = await commitFiles([{ file: pending, staged }]);
    assert.deepEqual(saved, {
      status: "written",
      path: `${dir}/raw/2026-06-20_2026-06-22.json`,
    });
    assert.deepEqual(await names(`${dir}/raw`), ["2026-06-20_2026-06-22.json"]);
  });
});

Deno.test("commitFiles() never replaces a file with other content: it uses the alternative name", async () => {
  await inTempDir(async (dir) => {
    const first = file(dir, '{"data":[1]}');
    await commitFiles([{ file: first, staged: await stageFile(first) }]);
    const second = file(dir, '{"data":[2]}');
    const [saved] = await commitFiles([{
      file: second,
      staged: await stageFile(second),
    }]);
    assert.equal(saved.status, "written");
    assert.deepEqual(await names(dir), [
      "2026-06-20_2026-06-22.as-of-20260624T020000Z.json",
      "2026-06-20_2026-06-22.json",
    ]);
    assert.equal(
      await Deno.readTextFile(`${dir}/2026-06-20_2026-06-22.json`),
      '{"data":[1]}',
    );
  });
});

Deno.test("commitFiles() saves nothing of a batch when one file's names are both taken", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/2026-06-20_2026-06-22.json`, "a");
    await Deno.writeTextFile(
      `${dir}/2026-06-20_2026-06-22.as-of-20260624T020000Z.json`,
      "b",
    );
    const other: PendingFile = {
      dir,
      name: "other.json",
      alternative: "other.2.json",
      text: "{}",
    };
    const taken = file(dir, "c");
    const batch = [
      { file: other, staged: await stageFile(other) },
      { file: taken, staged: await stageFile(taken) },
    ];
    await assert.rejects(() => commitFiles(batch), Deno.errors.AlreadyExists);
    assert.deepEqual(await names(dir), [
      "2026-06-20_2026-06-22.as-of-20260624T020000Z.json",
      "2026-06-20_2026-06-22.json",
    ]);
  });
});

Deno.test("stageFile() refuses a name that leaves its folder, and writes nothing", async () => {
  await inTempDir(async (dir) => {
    for (
      const name of [
        "../x.json",
        "a/b.json",
        "..",
        ".hidden.json",
        "a\u202e.json",
        "",
      ]
    ) {
      await assert.rejects(
        () =>
          stageFile({
            dir: `${dir}/raw`,
            name,
            alternative: "ok.json",
            text: "{}",
          }),
        UnsafeNameError,
        name,
      );
    }
    assert.throws(
      () => pathInside(`${dir}/raw`, "../raw/x.json"),
      UnsafeNameError,
    );
    assert.deepEqual(await names(dir), []);
  });
});

Deno.test("removeStalePartials() removes what a killed run left, and nothing else", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.json`, "{}");
    await Deno.writeTextFile(`${dir}/a.json.partial-0123abcd`, "{");
    await Deno.writeTextFile(`${dir}/notes.txt`, "keep");
    assert.deepEqual(await removeStalePartials(dir), [
      `${dir}/a.json.partial-0123abcd`,
    ]);
    assert.deepEqual(await names(dir), ["a.json", "notes.txt"]);
    assert.deepEqual(await removeStalePartials(`${dir}/missing`), []);
  });
});
