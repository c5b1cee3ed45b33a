"""The pandas equivalent of cli/bench/bill_scale.ts: read DIR/requests.csv,
price each request at the price in force on its day (the latest record of
DIR/prices.csv on or before it), switch every rate of a request to the tier's
when its prompt tokens are strictly above min_prompt_tokens, bill every part
(uncached, cache read, 5-minute and 1-hour writes, completion without
reasoning, reasoning, request, web search) x (1 - discount), sum, and write
the total, USD to 6 decimals, to OUT."""
import sys

import pandas as pd

directory, out = sys.argv[1], sys.argv[2]
requests = pd.read_csv(f"{directory}/requests.csv")
prices = pd.read_csv(f"{directory}/prices.csv")
requests["day"] = pd.to_datetime(requests["timestamp"].str.slice(0, 10))
prices["day"] = pd.to_datetime(prices["source_date"])
requests = requests.sort_values("day")
prices = prices.sort_values("day")
rows = pd.merge_asof(requests, prices, on="day", left_by="model", right_by="model_id")
long = rows["min_prompt_tokens"].notna() & (
    rows["prompt_tokens"] / rows["requests"] > rows["min_prompt_tokens"]
)
for part in ["input", "output", "cache_read", "cache_write", "cache_write_1h"]:
    tier = rows[f"tier_{part}"]
    rows[part] = rows[part].where(~(long & tier.notna()), tier)
uncached = (
    rows["prompt_tokens"] - rows["cached_tokens"] - rows["cache_write_tokens"]
    - rows["cache_write_1h_tokens"]
)
usd = (
    uncached * rows["input"]
    + rows["cached_tokens"] * rows["cache_read"]
    + rows["cache_write_tokens"] * rows["cache_write"]
    + rows["cache_write_1h_tokens"] * rows["cache_write_1h"]
    + (rows["completion_tokens"] - rows["reasoning_tokens"]) * rows["output"]
    + rows["reasoning_tokens"] * rows["reasoning"]
) / 1e6 + rows["requests"] * rows["request"] + rows["web_searches"] * rows["web_search"]
total = (usd * (1 - rows["discount"])).sum()
with open(out, "w") as f:
    f.write(f"{total:.6f}\n")
