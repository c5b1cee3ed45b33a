/**
 * The data of a Monday re-run, for the model-identity, compare and Monday
 * tests: two new months of rankings after the bundled one (built by the
 * synthetic generator from the real month), in which three models change
 * identity, and a later models list that knows two of them. Private to tests/.
 *
 * - From 2026-07-31, DeepSeek V4 Flash is ranked as its new version
 *   `deepseek/deepseek-v4-flash-20260731` (the later list's canonical slug),
 *   and the later list halves its input price (0.14 → 0.07 USD per M).
 * - From 2026-07-15, `openai/gpt-oss-20b`'s rows are ranked as
 *   `meta/llama-5-maverick-20260715`: a new model of a vendor missing from
 *   reference/vendors.csv, in the later list with a `hugging_face_id`.
 * - From 2026-07-20, `qwen/qwen3.5-flash-20260224`'s rows are ranked as
 *   `qwen/qwen3.8-max-20260720`: a new model of a known vendor, in the later
 *   list without weights.
 * - From 2026-08-10, `openai/text-embedding-3-small`'s rows are ranked as
 *   `mystery/model-x`, which no table knows.
 * - The later list gives `google/gemini-3-flash-preview` a `hugging_face_id`
 *   (open weights), which would move pt-21 (an article of 2026-06-08) from
 *   rank 10 to 11 if a snapshot after the article could change its figure.
 *
 * @module
 */
import { join } from "node:path";
import { syntheticRankingsYear } from "../lib/tooling/synthetic_rankings.ts";
import type { RankingsDailyEnvelope } from "../lib/tooling/synthetic_rankings.ts";
import { copyDir, writeJson } from "./_helpers.ts";

const RANKINGS = "data/raw/rankings-daily/2026-05-24_2026-06-22.json";
const MODELS = "data/raw/openrouter-models/2026-05-01.models.json";
/** First and last new day. */
export const MONDAY_FIRST_DAY = "2026-06-23";
export const MONDAY_LAST_DAY = "2026-08-22";
/** The new version of DeepSeek V4 Flash. */
export const NEW_FLASH = "deepseek/deepseek-v4-flash-20260731";
/** The new model of an unknown vendor. */
export const NEW_META = "meta/llama-5-maverick-20260715";
/** The new model of a known vendor. */
export const NEW_QWEN = "qwen/qwen3.8-max-20260720";
/** The model nobody knows. */
export const MYSTERY = "mystery/model-x";
/** The later models list's date. */
export const LATER_LIST_DATE = "2026-08-20";

const RENAMES: [from: string, to: string, since: string][] = [
  ["deepseek/deepseek-v4-flash-20260423", NEW_FLASH, "2026-07-31"],
  ["openai/gpt-oss-20b", NEW_META, "2026-07-15"],
  ["qwen/qwen3.5-flash-20260224", NEW_QWEN, "2026-07-20"],
  ["openai/text-embedding-3-small", MYSTERY, "2026-08-10"],
];

/** The two new months as a rankings-daily response. */
export async function mondayRankings(): Promise<RankingsDailyEnvelope> {
  const real = JSON.parse(await Deno.readTextFile(RANKINGS)).data as {
    date: string;
    model_permaslug: string;
    total_tokens: string;
  }[];
  const envelope = syntheticRankingsYear(
    real.map((r) => ({
      date: r.date,
      permaslug: r.model_permaslug,
      tokens: Number(r.total_tokens),
    })),
    { days: 61, startDate: MONDAY_FIRST_DAY, seed: 28 },
  );
  for (const row of envelope.data) {
    for (const [from, to, since] of RENAMES) {
      if (row.model_permaslug === from && row.date >= since) {
        row.model_permaslug = to;
      }
    }
  }
  return envelope;
}

/** The later models list: the bundled one, DeepSeek V4 Flash at its new version, and the two new models. */
export async function mondayModelsList(): Promise<Record<string, unknown>[]> {
  const models = JSON.parse(await Deno.readTextFile(MODELS)) as Record<
    string,
    unknown
  >[];
  const flash = models.find((m) => m.id === "deepseek/deepseek-v4-flash")!;
  const later = models.map((m) =>
    m === flash
      ? {
        ...m,
        canonical_slug: NEW_FLASH,
        pricing: { ...(m.pricing as object), prompt: "0.00000007" },
      }
      : m.id === "google/gemini-3-flash-preview"
      ? { ...m, hugging_face_id: "google/gemini-3-flash-preview" }
      : m
  );
  const created = Date.UTC(2026, 6, 15) / 1000;
  later.push(
    {
      ...flash,
      id: "meta/llama-5-maverick",
      canonical_slug: NEW_META,
      hugging_face_id: "meta-llama/Llama-5-Maverick",
      name: "Meta: Llama 5 Maverick",
      created,
    },
    {
      ...flash,
      id: "qwen/qwen3.8-max",
      canonical_slug: NEW_QWEN,
      hugging_face_id: "",
      name: "Qwen: Qwen3.8 Max",
      created,
    },
  );
  return later.sort((a, b) => String(a.id) < String(b.id) ? -1 : 1);
}

/**
 * A copy of data/ with the two new months and the later models list, in `dir/data`.
 *
 * @param dir A temporary folder.
 * @returns The data folder.
 */
export async function mondayDataDir(dir: string): Promise<string> {
  const data = join(dir, "data");
  await copyDir("data", data);
  await writeJson(
    join(
      data,
      `raw/rankings-daily/${MONDAY_FIRST_DAY}_${MONDAY_LAST_DAY}.json`,
    ),
    await mondayRankings(),
  );
  await writeJson(
    join(data, `raw/openrouter-models/${LATER_LIST_DATE}.models.json`),
    await mondayModelsList(),
  );
  return data;
}
