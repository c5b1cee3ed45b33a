// Every file or folder of lib/ that the notebooks, README.md and the verdict
// policy name exists: a reader who follows a path finds the code.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

Deno.test("the lib/ paths that notebooks and documents name exist", async () => {
  const documents = ["README.md", "data/VERDICTS.md"];
  for await (const entry of Deno.readDir(`${root}notebooks`)) {
    if (entry.name.endsWith(".ipynb")) {
      documents.push(`notebooks/${entry.name}`);
    }
  }
  const missing: string[] = [];
  for (const document of documents) {
    const text = await Deno.readTextFile(`${root}${document}`);
    for (const [path] of text.matchAll(/\blib\/[A-Za-z0-9_/]*(?:\.ts|\/)/g)) {
      try {
        await Deno.stat(`${root}${path}`);
      } catch {
        missing.push(`${document}: ${path}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});
