import type { BreakdownAttribute } from "~/schemas/survey-results-labels.ts";
import { OTHER_CHOICE_KEY, type QuestionSettings } from "~/schemas/surveys.ts";
import { messagesFor } from "~/utils/i18n.ts";
import { groupNamesCy, joinNamesCy, notKnownCy, resultsCatalogue } from "~/utils/i18n-results.ts";
import type { Db } from "~/utils/db.server.ts";
import { sectionsIn, type FellBack } from "~/utils/survey-welsh.ts";
import type { QuestionView, TableView } from "./results-view.server.ts";
import { answeringContent, type Survey } from "./surveys.server.ts";

/**
 * The members' summary in Welsh: results-view.server.ts words every table in English (the staff
 * pages' language); this rewords a copy of what it made for a member who chose Welsh. Question
 * prompts and choice labels come from the survey's Welsh text, falling back to English, and
 * `english` names what fell back ("prompt", "column:<key>") so the page marks it lang="en". The
 * cached view is never changed. Numbers stay as they are: Welsh writes them alike.
 */
export type SummaryQuestion = QuestionView & { english: FellBack };

const t = resultsCatalogue.cy;
const words = messagesFor("cy");

/** describeCell's words ("hidden", "fewer than 10") in Welsh; a number is left alone. */
function cellText(text: string): string {
  if (text === "hidden") return t.hidden;
  const fewer = /^fewer than (.+)$/.exec(text);
  return fewer ? t.fewerThan(fewer[1] ?? "") : text;
}

const cell = <C extends { text: string }>(c: C): C => ({ ...c, text: cellText(c.text) });

/** A number question's range, as survey-stats.ts and results-view.server.ts word it, in Welsh. */
function rangeText(label: string): string {
  if (label === "All answers") return t.allAnswers;
  const patterns: [RegExp, (m: string[]) => string][] = [
    [/^under (.+)$/, (m) => t.under(m[1] ?? "")],
    [/^(.+) or more$/, (m) => t.orMore(m[1] ?? "")],
    [/^(.+) to under (.+)$/, (m) => t.rangeUnder(m[1] ?? "", m[2] ?? "")],
    [/^(.+) to (.+)$/, (m) => t.range(m[1] ?? "", m[2] ?? "")],
  ];
  for (const [pattern, say] of patterns) {
    const match = pattern.exec(label);
    if (match) return say([...match]);
  }
  return label;
}

/** One column's Welsh label and whether it fell back to English. */
function columnIn(
  key: string,
  label: string,
  config: QuestionSettings,
  fellBack: FellBack,
): { label: string; english: boolean } {
  switch (config.kind) {
    case "single_choice":
    case "multiple_choice": {
      if (key === OTHER_CHOICE_KEY) return { label: words.other, english: false };
      const choice = config.settings.choices.find((c) => c.key === key);
      return { label: choice?.label ?? label, english: !choice || fellBack.includes(`choice:${key}`) };
    }
    case "yes_no":
      return { label: key === "yes" ? words.yes : words.no, english: false };
    case "scale": {
      const value = Number(key);
      const { min, max, minLabel, maxLabel } = config.settings;
      const end = value === min ? "minLabel" : value === max ? "maxLabel" : null;
      const name = end === "minLabel" ? minLabel : end === "maxLabel" ? maxLabel : "";
      return { label: name ? `${value} ${name}` : label, english: end !== null && fellBack.includes(end) };
    }
    default:
      return { label: rangeText(label), english: false };
  }
}

const groupName = (by: BreakdownAttribute, group: string | null) =>
  group === null ? notKnownCy : (groupNamesCy[by][group] ?? group);

function tableIn(table: TableView, columns: string[], by: BreakdownAttribute | null): TableView {
  const rowLabel = (row: TableView["rows"][number]) =>
    row.overall || !by ? t.allRespondents : joinNamesCy(row.groups.map((group) => groupName(by, group)));
  const mergedRow = table.rows.find((row) => row.groups.length > 1);
  return {
    ...table,
    groupHeading: by ? t.attributes[by] : "",
    columns,
    rows: table.rows.map((row) => ({
      ...row,
      label: rowLabel(row),
      cells: row.cells.map(cell),
      total: cell(row.total),
    })),
    withheld: table.withheld ? t.withheldReason : null,
    // Mid-sentence, "Yr Alban" takes a small article: "Dangosir yr Alban a Chymru…".
    merged:
      table.merged && mergedRow ? t.mergedGroups(rowLabel(mergedRow).replace(/^Yr /, "yr ")) : table.merged,
  };
}

/** A statistic with its unit ("£1,200", "12 staff") given the Welsh unit. */
const statisticIn = (text: string | null, unit: string, welshUnit: string) =>
  text !== null && unit && unit !== "£" && text.endsWith(` ${unit}`)
    ? `${text.slice(0, -unit.length)}${welshUnit}`
    : text;

/** The summary's questions worded for `language`: as they are in English, reworded in Welsh. */
export async function summaryQuestionsIn(
  db: Db,
  survey: Pick<Survey, "id" | "updatedAt">,
  questions: readonly QuestionView[],
  by: BreakdownAttribute | "none",
  language: "en" | "cy",
): Promise<SummaryQuestion[]> {
  if (language === "en") return questions.map((question) => ({ ...question, english: [] }));
  const content = sectionsIn(await answeringContent(db, survey), "cy");
  const welsh = new Map(content.flatMap((section) => section.questions).map((q) => [q.id, q]));
  const attribute = by === "none" ? null : by;
  return questions.map((question): SummaryQuestion => {
    const own = welsh.get(question.id);
    if (!own) return { ...question, english: ["prompt"] };
    const english: string[] = own.english.includes("prompt") ? ["prompt"] : [];
    const keys = question.table?.columnKeys ?? [];
    const columns = keys.map((key, k) => {
      const column = columnIn(key, question.table?.columns[k] ?? key, own.config, own.english);
      if (column.english) english.push(`column:${key}`);
      return column.label;
    });
    const table = question.table ? tableIn(question.table, columns, attribute) : null;
    // Statistics rows follow the table's rows (and all respondents last): reword them by label.
    const labels = new Map(
      question.table?.rows.map((row, r) => [row.label, table?.rows[r]?.label ?? row.label]),
    );
    const unit = question.chart?.unit ?? "";
    const welshUnit = own.config.kind === "number" ? own.config.settings.unit : unit;
    return {
      ...question,
      prompt: own.prompt,
      sectionTitle: content.find((section) => section.id === own.sectionId)?.title ?? question.sectionTitle,
      answered: cell(question.answered),
      asked: question.asked ? cell(question.asked) : null,
      table,
      chart: question.chart && {
        ...question.chart,
        unit: welshUnit,
        // The bars are the table's columns, in the same order.
        bars: question.chart.bars.map((bar, k) => ({ ...cell(bar), label: columns[k] ?? bar.label })),
      },
      statistics:
        question.statistics?.map((row) => ({
          ...row,
          label: labels.get(row.label) ?? (row.label === "All respondents" ? t.allRespondents : row.label),
          n: cell(row.n),
          mean: statisticIn(row.mean, unit, welshUnit),
          median: statisticIn(row.median, unit, welshUnit),
        })) ?? null,
      english,
    };
  });
}
