import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { frameToCsv } from "../../lib/text/csv.ts";

Deno.test("frameToCsv() writes a header, quotes what needs quoting, and ends with one newline", () => {
  const text = frameToCsv(pl.DataFrame({
    model: ["DeepSeek V4 Flash · models list", 'a "b", c'],
    tokens: pl.Series("tokens", [4935252096935, 1], pl.Int64),
  }));
  assert.equal(
    text,
    'model,tokens\nDeepSeek V4 Flash · models list,4935252096935\n"a ""b"", c",1\n',
  );
  assert.equal(
    frameToCsv(pl.DataFrame({ a: pl.Series("a", [], pl.Utf8) })),
    "a\n",
  );
});
