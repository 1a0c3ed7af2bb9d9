import { sql } from "kysely";
import type { Db } from "~/utils/db.server.ts";
import type { ResultsScope } from "./result-scope.server.ts";
import { presentResults, type ResultsView } from "./results-view.server.ts";
import { aggregateSurvey } from "./results.server.ts";
import type { Survey } from "./surveys.server.ts";

/**
 * Results of a closed survey, computed once per breakdown, filter and view, then served from this
 * process's memory. A closed survey takes no more answers and cannot reopen, but its figures can
 * still move: a threshold or wording change (the survey's version and updated_at), an erasure (a
 * person's answers holding files go, and names go from the text answers), an organisation renamed
 * or a file removed. So each entry is filed under a fingerprint read from the database on every
 * request, in one small query: a change in any of them misses the cache, on every process, and the
 * stale entry ages out. Open and draft surveys are always computed afresh.
 */

export interface CachedResults {
  scope: ResultsScope;
  view: ResultsView;
}

const MAX_ENTRIES = 100;
/** Per database, so two databases in one process (the tests) never share an entry. */
const cachesByDb = new WeakMap<Db, Map<string, CachedResults>>();

function entriesFor(db: Db): Map<string, CachedResults> {
  let entries = cachesByDb.get(db);
  if (!entries) {
    entries = new Map();
    cachesByDb.set(db, entries);
  }
  return entries;
}

/** How many times results were computed rather than served from memory (read by the tests). */
export const resultsCacheStats = { computed: 0, served: 0 };

const cacheable = (survey: Survey) => survey.state === "closed" || survey.state === "archived";

async function fingerprint(db: Db, survey: Survey): Promise<string> {
  const { rows } = await sql<{
    responses: number;
    last_response: number | null;
    invited: number;
    files: number;
    last_file: number | null;
    people: Date | null;
    organisations: Date | null;
  }>`
    select
      (select count(*)::int from survey_responses where survey_id = ${survey.id}) as responses,
      (select max(id) from survey_responses where survey_id = ${survey.id}) as last_response,
      (select count(*)::int from survey_invitations where survey_id = ${survey.id}) as invited,
      (select count(*)::int from stored_files) as files,
      (select max(id) from stored_files) as last_file,
      (select max(updated_at) from people) as people,
      (select max(updated_at) from organisations) as organisations`.execute(db);
  const row = rows[0];
  return [
    survey.state,
    survey.version,
    survey.updatedAt.getTime(),
    survey.disclosureThreshold,
    row?.responses,
    row?.last_response,
    row?.invited,
    row?.files,
    row?.last_file,
    row?.people?.getTime(),
    row?.organisations?.getTime(),
  ].join(":");
}

/**
 * A results page's figures: aggregated and put through disclosure control when `protect`; without
 * the text answers when `texts` is false (the members' summary).
 */
export async function surveyResultsView(
  db: Db,
  survey: Survey,
  requested: ResultsScope,
  { protect, texts = true }: { protect: boolean; texts?: boolean },
): Promise<CachedResults> {
  const compute = async () => {
    resultsCacheStats.computed++;
    const aggregates = await aggregateSurvey(db, survey, requested, { texts });
    return { scope: aggregates.scope, view: presentResults(aggregates, { protect }) };
  };
  if (!cacheable(survey)) return compute();
  const filter = requested.filter ? `${requested.filter.attribute}=${requested.filter.value}` : "";
  const key = [
    survey.id,
    await fingerprint(db, survey),
    requested.by,
    filter,
    requested.asOf ?? "",
    protect ? "published" : "exact",
    texts ? "texts" : "",
  ].join("|");
  const entries = entriesFor(db);
  const cached = entries.get(key);
  if (cached) {
    // Most recently used last, so the oldest entry is the one that goes when the map is full.
    entries.delete(key);
    entries.set(key, cached);
    resultsCacheStats.served++;
    return cached;
  }
  const fresh = await compute();
  entries.set(key, fresh);
  for (const oldest of entries.keys()) {
    if (entries.size <= MAX_ENTRIES) break;
    entries.delete(oldest);
  }
  return fresh;
}
