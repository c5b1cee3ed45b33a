/**
 * The house's floors: each `lib/` folder may import only the folders listed
 * below it here. A new upward import, or a new folder not placed on a floor,
 * fails this test with the file and the import named.
 */
import assert from "node:assert/strict";

/** Which folders each `lib/` folder may import (besides itself). */
export const ALLOWED_IMPORTS: Record<string, readonly string[]> = {
  base: [],
  text: ["base"],
  loading: ["base", "text"],
  analysis: ["base", "text", "loading"],
  fetch: ["base", "text", "loading"],
  tooling: ["base", "text", "loading", "analysis"],
  whatif: ["base", "text", "loading", "analysis"],
  claims: ["base", "text", "loading", "analysis", "whatif"],
  run: ["base", "text", "loading", "analysis", "whatif", "claims"],
  charts: ["base", "text", "loading", "analysis", "whatif", "claims", "run"],
  findings: [
    "base",
    "text",
    "loading",
    "analysis",
    "whatif",
    "claims",
    "run",
    "charts",
  ],
  report: [
    "base",
    "text",
    "loading",
    "analysis",
    "whatif",
    "claims",
    "run",
    "charts",
    "findings",
    "tooling",
  ],
};

const SPECIFIER =
  /^\s*(?:import|export)\b[^;]*?\bfrom\s*["'](\.{1,2}\/[^"']+)["']|\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/gm;

/** Every `.ts` file under a folder, recursively. */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) out.push(...tsFiles(path));
    else if (entry.name.endsWith(".ts")) out.push(path);
  }
  return out.sort();
}

/** The `lib/` folder a path lies in, or `mod` for `lib/mod.ts`. */
function folderOf(path: string): string {
  const parts = path.split("/");
  return parts.length > 2 ? parts[1] : "mod";
}

/** Resolve a relative specifier against the importing file's folder. */
function resolve(from: string, specifier: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

/** Every cross-folder import of `lib/`, with the file that makes it. Doc examples (in comments) are left out. */
export function folderImports(): { file: string; from: string; to: string }[] {
  const found: { file: string; from: string; to: string }[] = [];
  for (const file of tsFiles("lib")) {
    const code = Deno.readTextFileSync(file)
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    for (const match of code.matchAll(SPECIFIER)) {
      const target = resolve(file, match[1] ?? match[2]);
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to) found.push({ file, from, to });
    }
  }
  return found;
}

Deno.test("every lib/ folder imports only the folders below it (no arrow up, no folder loop)", () => {
  const wrong = folderImports().filter(({ from, to }) =>
    from !== "mod" && !(ALLOWED_IMPORTS[from] ?? []).includes(to)
  ).map(({ file, from, to }) =>
    from in ALLOWED_IMPORTS
      ? `${file} (${from}/) imports ${to}/, which is not below it`
      : `${file}: folder lib/${from}/ has no floor: add it to ALLOWED_IMPORTS`
  );
  assert.deepEqual(wrong, []);
});

Deno.test("the allowed directions themselves have no loop", () => {
  const visiting = new Set<string>();
  const done = new Set<string>();
  const loops: string[] = [];
  const visit = (folder: string, path: string[]) => {
    if (done.has(folder)) return;
    if (visiting.has(folder)) {
      loops.push([...path, folder].join(" → "));
      return;
    }
    visiting.add(folder);
    for (const below of ALLOWED_IMPORTS[folder] ?? []) {
      visit(below, [...path, folder]);
    }
    visiting.delete(folder);
    done.add(folder);
  };
  Object.keys(ALLOWED_IMPORTS).forEach((folder) => visit(folder, []));
  assert.deepEqual(loops, []);
});

Deno.test("the check sees an upward import (control)", () => {
  const imports = folderImports();
  assert.ok(imports.some(({ from, to }) => from === "charts" && to === "run"));
  const upward = { from: "loading", to: "claims" };
  assert.equal(ALLOWED_IMPORTS[upward.from].includes(upward.to), false);
});
