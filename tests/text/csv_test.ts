import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { csvTextCell, frameToCsv } from "../../lib/text/csv.ts";

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

Deno.test("csvTextCell() disarms every formula start OWASP lists and leaves other text alone", () => {
  for (const start of ["=", "+", "-", "@"]) {
    assert.equal(csvTextCell(`${start}1`), `'${start}1`);
  }
  assert.equal(csvTextCell("\r=1"), "'\\u{d}=1");
  assert.equal(csvTextCell("a=b"), "a=b");
  assert.equal(csvTextCell(""), "");
  assert.equal(csvTextCell("'quoted"), "'quoted");
});

Deno.test("frameToCsv() touches text and categorical columns only: numbers, nulls, booleans and dates stay as polars writes them", () => {
  const frame = pl.DataFrame({
    name: ["=A1", null, "ok"],
    kind: pl.Series("kind", ["-x", "y", "-x"]).cast(pl.Categorical),
    value: [-1.5, 0, 2],
    flag: [true, false, true],
  });
  assert.equal(
    frameToCsv(frame),
    "name,kind,value,flag\n'=A1,'-x,-1.5,true\n,y,0.0,false\nok,'-x,2.0,true\n",
  );
  assert.equal(frameToCsv(pl.DataFrame({ a: [] })), "a\n");
});
