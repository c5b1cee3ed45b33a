/**
 * `deno run … cli/bench/bill_scale.ts DIR OUT`: bill `DIR/requests.csv` at
 * `DIR/prices.csv` (see `bill_fixture.ts`) with tokenbook's scale path
 * (`billAtScale()`: lazy scan, aggregate by model, day, rate bucket and
 * stream, exact bill per bucket) and write the total, USD to 6 decimals, to
 * OUT. Progress on stderr.
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import { billAtScale, scanWorkload } from "../../lib/whatif/scale_bill.ts";
import { OBSERVED_PRICES_SCHEMA } from "../../lib/loading/observed_prices.ts";
import { INFERENCE_SCHEMA } from "../../lib/loading/inference_stats.ts";
import { frameOf } from "../../lib/loading/frames.ts";
import { benchPriceFrame } from "./bill_fixture.ts";

const [dir, out] = Deno.args;
const book = {
  prices: benchPriceFrame(),
  modelIdentity: pl.DataFrame({ permaslug: [], model_id: [] }),
  observedPrices: frameOf([], OBSERVED_PRICES_SCHEMA),
  inference: frameOf([], INFERENCE_SCHEMA),
};
const bill = billAtScale(
  scanWorkload(join(dir, "requests.csv")),
  book,
  (line) => console.error(line),
);
await Deno.writeTextFile(out, `${bill.usd.toFixed(6)}\n`);
