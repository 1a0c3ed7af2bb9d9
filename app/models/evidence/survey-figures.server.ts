import type { Breakdown } from "~/models/surveys/result-scope.server.ts";
import { publishedQuestionTable } from "~/models/surveys/results-view.server.ts";
import { aggregateSurvey, type SurveyAggregates } from "~/models/surveys/results.server.ts";
import { surveyColumns, toSurvey, type Survey } from "~/models/surveys/surveys.server.ts";
import {
  breakdownAttributeLabels,
  breakdownAttributes,
  filterText,
  type SurveyFigureOrigin,
} from "~/schemas/survey-results.ts";
import type { Db } from "~/utils/db.server.ts";
import { protectGroupStatistics, type ProtectedCell } from "~/utils/disclosure.ts";
import { londonDay } from "~/utils/london-time.ts";
import { summarise } from "~/utils/survey-stats.ts";

/**
 * A figure saved from a survey is read from the same protected tables the published results show
 * (one table per breakdown), so figures and tables published side by side can never be subtracted
 * to reveal a small group: a cell hidden there is withheld here, with the reason. A filtered figure
 * also needs the rest of the population (everyone outside the filter) to be 0 or at least the
 * threshold, or the figure beside the unfiltered one would describe those few.
 */

export interface SurveyFigureValue {
  /** numeric text, null when withheld or when nobody answered. */
  value: string | null;
  /** Respondents the figure rests on; null when that number itself is withheld. */
  n: number | null;
  /** The London day the figure describes. */
  on: string;
  /** Why there is no value, in words ("fewer than 5 responses"), or null. */
  withheld: string | null;
  threshold: number;
}

async function loadFigureSurvey(db: Db, id: number): Promise<Survey | null> {
  const row = await db.selectFrom("surveys").select(surveyColumns).where("id", "=", id).executeTakeFirst();
  return row ? toSurvey(row) : null;
}

const shown = (cell: ProtectedCell | undefined): cell is ProtectedCell & { value: number } =>
  cell !== undefined && cell.status === "shown" && cell.value !== null;

const byLabel = (by: Breakdown) => (by === "none" ? "overall" : `by ${breakdownAttributeLabels[by]}`);

/** 0 or at least the threshold: a count that describes nobody, or enough people. */
const safe = (count: number, threshold: number) => count === 0 || count >= threshold;

export async function computeSurveyFigure(
  db: Db,
  origin: SurveyFigureOrigin,
  asOf: Date,
): Promise<SurveyFigureValue | null> {
  const survey = await loadFigureSurvey(db, origin.surveyId);
  if (!survey) return null;
  const question = await db
    .selectFrom("survey_questions")
    .select(["kind"])
    .where("id", "=", origin.questionId)
    .where("survey_id", "=", origin.surveyId)
    .executeTakeFirst();
  if (!question) return null;
  const threshold = survey.disclosureThreshold;
  const on = londonDay(asOf);
  const read = (by: Breakdown) =>
    aggregateSurvey(
      db,
      survey,
      { by, filter: null, asOf: on },
      { texts: false, onlyQuestion: origin.questionId },
    );
  const base = { on, threshold };
  const withhold = (reason: string, n: number | null = null): SurveyFigureValue => ({
    ...base,
    value: null,
    n,
    withheld: reason,
  });
  const fewer = `fewer than ${threshold} responses`;
  const filter = origin.filter;
  const scope = filterText(filter);
  const restReason = `fewer than ${threshold} respondents outside “${scope}” would be left over, so this figure beside the overall one would describe them`;

  if (origin.measure === "mean" || origin.measure === "median") {
    const results = await read(filter ? filter.attribute : "none");
    const answered = results.byQuestion.get(origin.questionId)?.answered ?? new Map<string | null, number>();
    const rows = results.groups.filter((group) => (answered.get(group) ?? 0) > 0);
    const total = rows.reduce((sum, group) => sum + (answered.get(group) ?? 0), 0);
    const n = filter ? (answered.get(filter.value) ?? 0) : total;
    if (n > 0 && n < threshold) return withhold(fewer);
    if (filter) {
      const withheld = protectGroupStatistics(
        rows.map((group) => answered.get(group) ?? 0),
        threshold,
      );
      if (withheld[rows.indexOf(filter.value)])
        return withhold(
          `withheld in the published results ${byLabel(filter.attribute)}, so that a small group's answers cannot be worked out`,
          n,
        );
      if (!safe(total - n, threshold)) return withhold(restReason, n);
    }
    const values = results.byQuestion.get(origin.questionId)?.values;
    const points = filter
      ? (values?.get(filter.value) ?? [])
      : [...(values?.values() ?? [])].flat().sort((a, b) => a.value - b.value);
    const summary = summarise(points);
    const statistic = origin.measure === "mean" ? summary.mean : summary.median;
    return { ...base, value: statistic === null ? null : statistic.toFixed(2), n, withheld: null };
  }

  const key = origin.choiceKey ?? "";
  const tableOf = (results: SurveyAggregates) => {
    const table = publishedQuestionTable(results, origin.questionId);
    return table ? { table, k: table.keys.indexOf(key) } : null;
  };
  let count: number;
  let n: number;
  if (filter) {
    const found = tableOf(await read(filter.attribute));
    if (!found) return null;
    const { table, k } = found;
    const r = table.rowsUsed.findIndex((row) => row.group === filter.value);
    n = r < 0 ? 0 : (table.rowTotals[r] ?? 0);
    count = r < 0 || k < 0 ? 0 : (table.counts[r]?.[k] ?? 0);
    if (n > 0 && n < threshold) return withhold(fewer);
    if (r >= 0) {
      const cell = k < 0 ? undefined : table.table.cells[r]?.[k];
      if (!shown(cell) || !shown(table.table.rowTotals[r]))
        return withhold(
          `hidden in the published results ${byLabel(filter.attribute)}, so that a small group's answers cannot be worked out`,
          n,
        );
    }
    const allN = table.rowTotals.reduce((a, b) => a + b, 0);
    const allCount = k < 0 ? 0 : table.counts.reduce((sum, row) => sum + (row[k] ?? 0), 0);
    const restN = allN - n;
    const restCount = allCount - count;
    if (!safe(restN, threshold) || !safe(restCount, threshold) || !safe(restN - restCount, threshold))
      return withhold(restReason, n);
  } else {
    // Read side by side (on a server the pool runs them in parallel).
    const [none, ...breakdowns] = await Promise.all([read("none"), ...breakdownAttributes.map(read)]);
    const overall = none ? tableOf(none) : null;
    if (!overall) return null;
    n = overall.table.rowTotals[0] ?? 0;
    count = overall.k < 0 ? 0 : (overall.table.counts[0]?.[overall.k] ?? 0);
    if (n > 0 && n < threshold) return withhold(fewer);
    const cell = overall.k < 0 ? undefined : overall.table.table.cells[0]?.[overall.k];
    if (n > 0 && !shown(cell))
      return withhold(
        `hidden in the published results, so that a small group's answers cannot be worked out`,
        n,
      );
    // The same count is the "All respondents" row of every breakdown: it must be shown in each.
    for (const [index, attribute] of breakdownAttributes.entries()) {
      const results = breakdowns[index];
      const found = n > 0 && results ? tableOf(results) : null;
      if (!found || found.k < 0) continue;
      if (!shown(found.table.table.columnTotals[found.k]) || !shown(found.table.table.grandTotal))
        return withhold(
          `hidden in the published results ${byLabel(attribute)}, so that a small group's answers cannot be worked out`,
          n,
        );
    }
  }
  // The answer's count and everyone else's (n − count) must both be large enough.
  if (!safe(count, threshold) || !safe(n - count, threshold))
    return withhold(`fewer than ${threshold} gave or did not give this answer`, n);
  if (origin.measure === "count") return { ...base, value: String(count), n, withheld: null };
  return { ...base, value: n ? ((count / n) * 100).toFixed(1) : null, n, withheld: null };
}
