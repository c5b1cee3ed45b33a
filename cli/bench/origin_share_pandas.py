"""The pandas yardstick of `deno task bench`: the same job as
cli/bench/origin_share.ts, written the way a pandas user would.

Load every rankings-daily file of a data folder, check it (every record an
object; `date` a calendar date YYYY-MM-DD; `model_permaslug` a non-empty
string; `total_tokens` a non-negative integer below 2^53, as a decimal string
or a JSON number; one row per date and model in a file, the same value where
files overlap), classify each row by the origin of its vendor
(reference/vendors.csv; `unknown` when missing; the `other` row is its own
origin), sum tokens per calendar week (Monday to Sunday, UTC) and origin,
divide by the week's total and write the table tokenbook's report writes as
tables/origin_share_weekly.csv: week_start, days_covered, origin, tokens,
share; by week, then tokens descending, then origin.

    python3 cli/bench/origin_share_pandas.py DATA_DIR OUT_CSV

Exit codes: 0 when the table was written; 1 when the data is invalid (one
line per problem: file, record, field, value, expected); 2 on a usage error.
Needs pandas (Debian: python3-pandas).
"""

import glob
import json
import os
import sys

import numpy as np
import pandas as pd

OTHER = "other"
OTHER_ORIGIN = "other (not in top 50)"
UNKNOWN_ORIGIN = "unknown"
MAX_TOKENS = 2**53 - 1


def problem(file, record, field, value, expected):
    where = ".".join(part for part in (record, field) if part)
    shown = json.dumps(value)[:80]
    return f"error: {file}: {where} is {shown}, expected {expected}"


def load_file(path):
    """The rows of one file as a frame, and the problems found."""
    with open(path, encoding="utf-8-sig") as handle:
        try:
            value = json.load(handle)
        except json.JSONDecodeError as cause:
            return None, [f"error: {path}: expected valid JSON ({cause})"]
    if isinstance(value, list):
        records, prefix = value, ""
    elif isinstance(value, dict) and isinstance(value.get("data"), list):
        records, prefix = value["data"], "data"
    else:
        return None, [f'error: {path}: expected an object {{"data": [...]}} or a JSON array of rows']
    problems = [
        problem(path, f"{prefix}[{i}]", "", record, "an object with date, model_permaslug and total_tokens")
        for i, record in enumerate(records)
        if not isinstance(record, dict)
    ]
    if problems:
        return None, problems
    frame = pd.DataFrame.from_records(records, columns=["date", "model_permaslug", "total_tokens"])
    date, slug, total = frame["date"], frame["model_permaslug"], frame["total_tokens"]
    is_text = date.map(type).eq(str)
    day = pd.to_datetime(date.where(is_text), format="%Y-%m-%d", errors="coerce")
    good_date = is_text & date.str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False) & day.notna()
    good_slug = slug.map(type).eq(str) & slug.str.strip().ne("").fillna(False)
    text_total = total.map(type).eq(str)
    digits = total.where(text_total).str.strip()
    good_text = text_total & digits.str.fullmatch(r"\d+").fillna(False)
    tokens = pd.to_numeric(digits.where(good_text), errors="coerce")
    number = total.map(lambda v: type(v) in (int, float))
    tokens = tokens.where(good_text, pd.to_numeric(total.where(number), errors="coerce"))
    good_tokens = (good_text | number) & tokens.notna() & (tokens >= 0) & (tokens <= MAX_TOKENS) & (tokens % 1 == 0)
    for column, good, expected in (
        ("date", good_date, "a calendar date YYYY-MM-DD"),
        ("model_permaslug", good_slug, "a non-empty model slug"),
        ("total_tokens", good_tokens, "a non-negative integer (decimal string) below 2^53"),
    ):
        for i in np.flatnonzero(~good.to_numpy()):
            problems.append(problem(path, f"{prefix}[{i}]", column, frame[column].iloc[i], expected))
    if problems:
        return None, problems
    rows = pd.DataFrame({
        "date": date,
        "day": day,
        "permaslug": slug,
        "tokens": tokens.astype(np.int64),
    })
    twice = rows.duplicated(["date", "permaslug"], keep=False)
    if twice.any():
        for i in np.flatnonzero(twice.to_numpy()):
            problems.append(problem(path, f"{prefix}[{i}]", "", f"{date.iloc[i]} {slug.iloc[i]}", "one row per date and model"))
        return None, problems
    rows["source_file"] = path
    return rows, []


def main(args):
    if len(args) != 2:
        print("Usage: origin_share_pandas.py DATA_DIR OUT_CSV", file=sys.stderr)
        return 2
    data_dir, out_file = args
    files = sorted(glob.glob(os.path.join(data_dir, "raw", "rankings-daily", "*.json")))
    frames, problems = [], []
    for path in files:
        rows, found = load_file(path)
        problems += found
        if rows is not None:
            frames.append(rows)
    if not problems and frames:
        rankings = pd.concat(frames, ignore_index=True)
        rankings = rankings.drop_duplicates(["date", "permaslug", "tokens"])
        clash = rankings.duplicated(["date", "permaslug"], keep=False)
        for _, row in rankings[clash].iterrows():
            problems.append(problem(row.source_file, f"{row.date} {row.permaslug}", "total_tokens", str(row.tokens), "the same value in every file carrying this day"))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    vendors = pd.read_csv(os.path.join(data_dir, "reference", "vendors.csv"), dtype=str, keep_default_na=False)
    origin_of = vendors.drop_duplicates("vendor").set_index("vendor")["origin"]
    vendor = rankings["permaslug"].str.split("/", n=1).str[0]
    origin = vendor.map(origin_of).fillna(UNKNOWN_ORIGIN)
    rankings["origin"] = origin.where(rankings["permaslug"].ne(OTHER), OTHER_ORIGIN)
    week = rankings["day"] - pd.to_timedelta(rankings["day"].dt.weekday, unit="D")
    rankings["week_start"] = week.dt.strftime("%Y-%m-%d")
    rankings["days_covered"] = rankings.groupby("week_start")["date"].transform("nunique")
    table = rankings.groupby(["week_start", "origin"], as_index=False).agg(
        days_covered=("days_covered", "first"), tokens=("tokens", "sum"))
    table["share"] = table["tokens"] / table.groupby("week_start")["tokens"].transform("sum")
    table = table.sort_values(["week_start", "tokens", "origin"], ascending=[True, False, True], kind="stable")
    table[["week_start", "days_covered", "origin", "tokens", "share"]].to_csv(out_file, index=False, lineterminator="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
