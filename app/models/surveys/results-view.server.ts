import type {
  GroupCounts,
  QuestionAggregate,
  ResultsQuestion,
  SurveyAggregates,
} from "~/models/surveys/results.server.ts";
import type { TextAnswer } from "~/models/surveys/text-answers.server.ts";
import { breakdownAttributeLabels, groupLabel, type BreakdownAttribute } from "~/schemas/survey-results.ts";
import { OTHER_CHOICE_KEY, type QuestionKind } from "~/schemas/surveys.ts";
import {
  describeCell,
  protectCount,
  protectGroupStatistics,
  protectTable,
  WITHHELD_REASON,
  type CellStatus,
  type ProtectedCell,
  type ProtectedTable,
} from "~/utils/disclosure.ts";
import { formatCount } from "~/utils/format.ts";
import {
  cumulativeByDay,
  formatPercent,
  mergeValueCounts,
  numberBins,
  percentOf,
  protectDailyCounts,
  scaleBins,
  summarise,
  type Bin,
  type CumulativeDay,
  type ValueCount,
} from "~/utils/survey-stats.ts";

/**
 * Turns counted results into what a page shows. With `protect`, every number passes disclosure
 * control and raw counts never reach the page's data (so never the browser); without it (staff
 * only, "exact numbers") the counts are shown as they are.
 */

interface CellView {
  text: string;
  value: number | null;
  percentText: string | null;
  status: CellStatus;
  /** In staff's exact view: this count is withheld when the table is published. */
  withheld: boolean;
}

interface RowView {
  label: string;
  cells: CellView[];
  total: CellView;
  overall: boolean;
  /** The groups the row counts (several when shown as one); none for all respondents. */
  groups: (string | null)[];
}

export interface TableView {
  groupHeading: string;
  columns: string[];
  columnKeys: string[];
  rows: RowView[];
  /** Percentages are of the row's respondents; multiple choice rows add up to more than 100%. */
  multiple: boolean;
  /** Counts suppressed (published view) or marked as withheld when published (exact view). */
  suppressed: number;
  /** Why the breakdown is withheld when published: no suppression pattern is safe. */
  withheld: string | null;
  /** Which groups are shown as one when published, in one sentence, or null. */
  merged: string | null;
}

interface StatisticsRow {
  label: string;
  n: CellView;
  mean: string | null;
  median: string | null;
}

interface BarView {
  label: string;
  value: number | null;
  text: string;
}

export interface QuestionView {
  id: number;
  sectionTitle: string;
  prompt: string;
  kind: QuestionKind;
  answered: CellView;
  /** A conditional question: how many were asked it (others were asked every question). */
  asked: CellView | null;
  table: TableView | null;
  chart: { kind: "bars" | "histogram"; bars: BarView[]; unit: string } | null;
  statistics: StatisticsRow[] | null;
  texts: { total: number; latest: TextAnswer[] } | null;
  /** How many wrote their own answer under "other, please say": like texts, staff's exact view only. */
  otherTexts: { total: number } | null;
}

export interface ResultsView {
  threshold: number;
  protect: boolean;
  respondents: CellView;
  questions: QuestionView[];
  overTime: CumulativeDay[];
  invited: number;
}

const OVERALL = "All respondents";

function cellView(
  cell: ProtectedCell,
  threshold: number,
  base: ProtectedCell | null,
  published: ProtectedCell | null = null,
): CellView {
  const text = describeCell(cell, threshold, formatCount);
  const percent =
    cell.value !== null && base && base.value !== null && base.status === "shown"
      ? percentOf(cell.value, base.value)
      : null;
  return {
    text,
    value: cell.value,
    status: cell.status,
    percentText: percent === null ? null : formatPercent(percent),
    withheld: published !== null && published.status !== "shown",
  };
}

const exact = (value: number): ProtectedCell => ({ value, status: "shown" });

const oneDecimal = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
const formatStatistic = (value: number | null, unit = "") =>
  value === null
    ? null
    : `${unit === "£" ? "£" : ""}${oneDecimal.format(value)}${unit && unit !== "£" ? ` ${unit}` : ""}`;

interface Categories {
  keys: string[];
  labels: string[];
  exclusive: boolean;
  /** counts[groupIndex][categoryIndex] */
  counts: number[][];
  bins?: Bin[];
}

/**
 * Published number distributions get open ends: the first and last ranges are widened ("under
 * 400", "4,000 or more") until each holds at least `threshold` answers, so the exact range of a
 * lone outlier (one very large organisation) is never shown. Null: exact ranges (staff view).
 */
function openEnds(bins: Bin[], threshold: number | null): Bin[] {
  if (threshold === null || bins.length < 2) return bins;
  const merged = bins.map((bin) => ({ ...bin }));
  while (merged.length > 1 && (merged[0]?.count ?? 0) < threshold) {
    const [first, second, ...rest] = merged;
    if (!first || !second) break;
    merged.splice(
      0,
      merged.length,
      { ...second, from: first.from, count: first.count + second.count },
      ...rest,
    );
  }
  while (merged.length > 1 && (merged[merged.length - 1]?.count ?? 0) < threshold) {
    const last = merged.pop();
    const previous = merged.pop();
    if (!last || !previous) break;
    merged.push({ ...previous, to: last.to, count: previous.count + last.count });
  }
  return merged.map((bin, i) => {
    const label =
      merged.length === 1
        ? "All answers"
        : i === 0
          ? `under ${formatCount(bin.to)}`
          : i === merged.length - 1
            ? `${formatCount(bin.from)} or more`
            : bin.label;
    return { ...bin, label };
  });
}

function categoriesFor(
  question: ResultsQuestion,
  aggregate: QuestionAggregate,
  groups: (string | null)[],
  protectEnds: number | null,
  allValues: readonly ValueCount[],
): Categories | null {
  const config = question.config;
  const fromChoices = (keys: string[], labels: string[], exclusive: boolean): Categories => ({
    keys,
    labels,
    exclusive,
    counts: groups.map((group) => keys.map((key) => aggregate.choices.get(key)?.get(group) ?? 0)),
  });
  if (config.kind === "single_choice" || config.kind === "multiple_choice") {
    const options = [...config.settings.choices];
    if (config.settings.allowOther || aggregate.choices.has(OTHER_CHOICE_KEY)) {
      options.push({ key: OTHER_CHOICE_KEY, label: "Other" });
    }
    return fromChoices(
      options.map((o) => o.key),
      options.map((o) => o.label),
      config.kind === "single_choice",
    );
  }
  if (config.kind === "yes_no") return fromChoices(["yes", "no"], ["Yes", "No"], true);
  if (config.kind === "scale" || config.kind === "number") {
    const bins =
      config.kind === "scale"
        ? scaleBins(allValues, config.settings.min, config.settings.max, {
            [config.settings.min]: config.settings.minLabel,
            [config.settings.max]: config.settings.maxLabel,
          })
        : openEnds(numberBins(allValues), protectEnds);
    const binOf = (value: number) => {
      const index = bins.findIndex(
        (bin, i) => value >= bin.from && (value < bin.to || i === bins.length - 1),
      );
      return index;
    };
    const counts = groups.map((group) => {
      const row = bins.map(() => 0);
      for (const point of aggregate.values.get(group) ?? []) {
        const index = binOf(point.value);
        if (index >= 0) row[index] = (row[index] ?? 0) + point.count;
      }
      return row;
    });
    return {
      keys: bins.map((b) => String(b.from)),
      labels: bins.map((b) => b.label),
      exclusive: true,
      counts,
      bins,
    };
  }
  return null;
}

/**
 * Every frequency table a results page of this scope publishes, as protectTable receives it (for
 * the audit over the demo and for benchmarks).
 */
export function publishedTables(results: SurveyAggregates) {
  const threshold = results.survey.disclosureThreshold;
  return results.questions.flatMap((question) => {
    const aggregate = results.byQuestion.get(question.id);
    if (!aggregate) return [];
    const answeredBy = (group: string | null) => aggregate.answered.get(group) ?? 0;
    const kind = question.config.kind;
    const allValues =
      kind === "scale" || kind === "number" ? mergeValueCounts([...aggregate.values.values()]) : [];
    const categories = categoriesFor(question, aggregate, results.groups, threshold, allValues);
    if (!categories) return [];
    const used = results.groups
      .map((group, index) => ({ group, index }))
      .filter(({ group }) => answeredBy(group) > 0);
    const counts = used.map(({ index }) => categories.counts[index] ?? []);
    const rowTotals = used.map(({ group }) => answeredBy(group));
    return [
      { questionId: question.id, table: { counts, rowTotals, exclusive: categories.exclusive }, threshold },
    ];
  });
}

interface QuestionTable {
  /** The groups with answers, in order, and their index in the aggregate's groups. */
  rowsUsed: { group: string | null; index: number }[];
  counts: number[][];
  rowTotals: number[];
  table: Omit<ProtectedTable, "threshold">;
}

/** The one table of a question that pages show and evidence figures are read from. */
function questionTable(
  categories: Categories,
  aggregate: QuestionAggregate,
  groups: (string | null)[],
  protect: boolean,
  threshold: number,
): QuestionTable {
  const answeredBy = (group: string | null) => aggregate.answered.get(group) ?? 0;
  // A group in which nobody answered this question adds nothing: leave its row out.
  const rowsUsed = groups
    .map((group, index) => ({ group, index }))
    .filter(({ group }) => answeredBy(group) > 0);
  const counts = rowsUsed.map(({ index }) => categories.counts[index] ?? []);
  const rowTotals = rowsUsed.map(({ group }) => answeredBy(group));
  const table = protect
    ? protectTable({ counts, rowTotals, exclusive: categories.exclusive }, threshold)
    : {
        cells: counts.map((row) => row.map(exact)),
        rowTotals: rowTotals.map(exact),
        columnTotals: categories.keys.map((_, k) =>
          exact(counts.reduce((sum, row) => sum + (row[k] ?? 0), 0)),
        ),
        grandTotal: exact(rowTotals.reduce((a, b) => a + b, 0)),
      };
  return { rowsUsed, counts, rowTotals, table };
}

export interface PublishedQuestionTable extends QuestionTable {
  keys: string[];
  exclusive: boolean;
}

/**
 * A choice question's table exactly as the published results show it (for evidence figures), or
 * null for questions without one. Groups are the aggregate's, "not known" included.
 */
export function publishedQuestionTable(
  results: SurveyAggregates,
  questionId: number,
): PublishedQuestionTable | null {
  const question = results.questions.find((q) => q.id === questionId);
  const aggregate = results.byQuestion.get(questionId);
  if (!question || !aggregate) return null;
  const kind = question.config.kind;
  if (kind !== "single_choice" && kind !== "multiple_choice" && kind !== "yes_no") return null;
  const threshold = results.survey.disclosureThreshold;
  const categories = categoriesFor(question, aggregate, results.groups, threshold, []);
  if (!categories) return null;
  return {
    ...questionTable(categories, aggregate, results.groups, true, threshold),
    keys: categories.keys,
    exclusive: categories.exclusive,
  };
}

function presentQuestion(
  question: ResultsQuestion,
  aggregate: QuestionAggregate,
  results: SurveyAggregates,
  protect: boolean,
  threshold: number,
): QuestionView {
  const { groups, scope } = results;
  const breakdown = scope.by !== "none";
  const answeredBy = (group: string | null) => aggregate.answered.get(group) ?? 0;
  const answeredTotal = groups.reduce((sum, group) => sum + answeredBy(group), 0);
  // Counts published on their own: "fewer than N" says no more than the rule.
  const answered = cellView(
    protect ? protectCount(answeredTotal, threshold) : exact(answeredTotal),
    threshold,
    null,
  );
  const kind = question.config.kind;
  const askedTotal = results.asked.get(question.id);
  const asked =
    askedTotal === undefined
      ? null
      : cellView(protect ? protectCount(askedTotal, threshold) : exact(askedTotal), threshold, null);
  const base: QuestionView = {
    id: question.id,
    sectionTitle: question.sectionTitle,
    prompt: question.prompt,
    kind,
    answered,
    asked,
    table: null,
    chart: null,
    statistics: null,
    texts: null,
    otherTexts: null,
  };
  // Every group's values together, merged and sorted once for the bins and the overall statistics.
  const allValues =
    kind === "scale" || kind === "number" ? mergeValueCounts([...aggregate.values.values()]) : [];
  const categories = categoriesFor(question, aggregate, groups, protect ? threshold : null, allValues);
  if (!categories) {
    const texts = results.texts.get(question.id);
    return { ...base, texts: protect || !texts ? null : texts };
  }
  const { rowsUsed, table } = questionTable(categories, aggregate, groups, protect, threshold);
  // Staff's exact view still marks what the published table withholds.
  const published = protect ? table : questionTable(categories, aggregate, groups, true, threshold).table;
  const attribute: BreakdownAttribute | null = scope.by === "none" ? null : scope.by;
  const mark = (cell: ProtectedCell | undefined) => (protect ? null : (cell ?? null));
  const rows: RowView[] = rowsUsed.map(({ group }, r) => ({
    label: attribute ? groupLabel(attribute, group) : OVERALL,
    cells: (table.cells[r] ?? []).map((cell, k) =>
      cellView(cell, threshold, table.rowTotals[r] ?? null, mark(published.cells[r]?.[k])),
    ),
    total: cellView(table.rowTotals[r] ?? exact(0), threshold, null, mark(published.rowTotals[r])),
    overall: !attribute,
    groups: attribute ? [group] : [],
  }));
  // Groups shown as one when published: one row named after them (the staff's exact view keeps
  // each group, marked, and says which are merged).
  const merged = published.merged;
  const mergedNames = merged ? joinNames(merged.rows.map((r) => rows[r]?.label ?? "")) : null;
  const shownRows =
    merged && protect
      ? rows.flatMap((row, r) =>
          r === merged.rows[0]
            ? [
                {
                  ...row,
                  label: mergedNames ?? row.label,
                  cells: merged.cells.map((cell) => cellView(cell, threshold, merged.total)),
                  total: cellView(merged.total, threshold, null),
                  groups: merged.rows.map((m) => rowsUsed[m]?.group ?? null),
                },
              ]
            : merged.rows.includes(r)
              ? []
              : [row],
        )
      : [...rows];
  if (breakdown && rowsUsed.length) {
    shownRows.push({
      label: OVERALL,
      cells: table.columnTotals.map((cell, k) =>
        cellView(cell, threshold, table.grandTotal, mark(published.columnTotals[k])),
      ),
      total: cellView(table.grandTotal, threshold, null, mark(published.grandTotal)),
      overall: true,
      groups: [],
    });
  }
  const suppressed = shownRows
    .flatMap((row) => [...row.cells, row.total])
    .filter((cell) => cell.withheld || cell.status !== "shown").length;
  const overallCells = breakdown ? table.columnTotals : (table.cells[0] ?? []);
  const bars: BarView[] = categories.labels.map((label, k) => {
    const cell = overallCells[k] ?? exact(0);
    return {
      label,
      value: cell.status === "shown" ? cell.value : null,
      text: cellView(cell, threshold, table.grandTotal).text,
    };
  });
  const unit = question.config.kind === "number" ? question.config.settings.unit : "";
  let statistics: StatisticsRow[] | null = null;
  if (kind === "scale" || kind === "number") {
    // One statistics row per row of the table: groups shown as one there are one here too.
    const members = rowsUsed.flatMap((_, r) =>
      merged && protect && merged.rows.includes(r) ? (r === merged.rows[0] ? [merged.rows] : []) : [[r]],
    );
    const groupsOf = (rs: number[]) => rs.map((r) => rowsUsed[r]?.group ?? null);
    const sizes = members.map((rs) => groupsOf(rs).reduce((sum, group) => sum + answeredBy(group), 0));
    const withheld = protect ? protectGroupStatistics(sizes, threshold) : sizes.map(() => false);
    const statRow = (label: string, points: ValueCount[], n: CellView, hide: boolean): StatisticsRow => {
      const summary = summarise(points);
      return {
        label,
        n,
        mean: hide ? null : formatStatistic(summary.mean, unit),
        median: hide ? null : formatStatistic(summary.median, unit),
      };
    };
    statistics = members.map((rs, i) =>
      statRow(
        shownRows[i]?.label ?? OVERALL,
        mergeValueCounts(groupsOf(rs).map((group) => aggregate.values.get(group) ?? [])),
        shownRows[i]?.total ?? answered,
        withheld[i] ?? false,
      ),
    );
    if (breakdown) {
      statistics.push(statRow(OVERALL, allValues, answered, protect && answered.status !== "shown"));
    }
  }
  const otherTexts = results.otherTexts.get(question.id);
  return {
    ...base,
    otherTexts: protect || otherTexts === undefined ? null : { total: otherTexts },
    table: {
      groupHeading: attribute ? breakdownAttributeLabels[attribute] : "",
      columns: categories.labels,
      columnKeys: categories.keys,
      rows: shownRows,
      multiple: !categories.exclusive,
      suppressed,
      withheld: published.withheld ? WITHHELD_REASON : null,
      merged: mergedNames
        ? `${mergedNames} are shown as one group${protect ? "" : " when this table leaves"}: too few responses to show them one by one.`
        : null,
    },
    chart: { kind: kind === "scale" || kind === "number" ? "histogram" : "bars", bars, unit },
    statistics,
  };
}

export function presentResults(results: SurveyAggregates, { protect }: { protect: boolean }): ResultsView {
  const threshold = results.survey.disclosureThreshold;
  const respondentCount = sumCounts(results.respondents);
  const respondents = cellView(
    protect && respondentCount > 0 && respondentCount < threshold
      ? { value: null, status: "small" }
      : exact(respondentCount),
    threshold,
    null,
  );
  const questions = results.questions.map((question) =>
    presentQuestion(
      question,
      results.byQuestion.get(question.id) ?? { answered: new Map(), choices: new Map(), values: new Map() },
      results,
      protect,
      threshold,
    ),
  );
  const range = {
    from: results.survey.opensOn ?? results.survey.openedAt?.toISOString().slice(0, 10) ?? null,
    to: results.survey.closesOn,
  };
  const today = new Date().toISOString().slice(0, 10);
  const overTime = cumulativeByDay(results.responsesByDay, results.invited, {
    from: range.from,
    to: range.to && range.to < today ? range.to : today,
  });
  return {
    threshold,
    protect,
    respondents,
    questions,
    overTime: protect ? protectDailyCounts(overTime, threshold) : overTime,
    invited: results.invited,
  };
}

/** "Scotland, Wales and Northern Ireland". */
const joinNames = (names: string[]) =>
  names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

const sumCounts = (counts: GroupCounts) => [...counts.values()].reduce((a, b) => a + b, 0);
