import { sql } from "kysely";
import { surveyFigureOriginSchema, type SurveyFigureOrigin } from "~/schemas/survey-results.ts";
import type { Db } from "~/utils/db.server.ts";
import { formatEvidenceNumber } from "~/utils/evidence-text.ts";
import { formatDate } from "~/utils/format.ts";

/**
 * A survey figure published twice must not tell, by the difference, what the few responses in
 * between said: 47.9% of 71 frozen in one document and 48.6% of 72 in the next says how the one
 * organisation in between answered. A figure may be published again only with the same value, or
 * with a difference from every earlier published value of the same question and filter of 0 or at
 * least the threshold in n and in each count (those who gave the answer and those who did not).
 * Saving a figure refuses a conflict; freezing holds the latest earlier value instead.
 */

export interface PublishedFigure {
  evidenceId: number;
  origin: SurveyFigureOrigin;
  value: string | null;
  n: number | null;
  on: string | null;
  text: string;
  url: string | null;
}

interface FigureNow {
  origin: SurveyFigureOrigin;
  value: string | null;
  n: number | null;
}

/** Every frozen value of a figure on the same survey question and filter, newest first. */
export async function publishedFigures(
  db: Db,
  origin: SurveyFigureOrigin,
  except?: { type: string; id: number },
): Promise<PublishedFigure[]> {
  let query = db
    .selectFrom("evidence_citations")
    .innerJoin("evidence_items", "evidence_items.id", "evidence_citations.evidence_id")
    .select([
      "evidence_citations.evidence_id",
      "evidence_items.origin",
      "evidence_citations.frozen_value",
      "evidence_citations.frozen_n",
      "evidence_citations.frozen_on",
      "evidence_citations.frozen_text",
      "evidence_citations.frozen_url",
    ])
    .where(
      sql<boolean>`evidence_items.origin @> ${JSON.stringify({
        type: "survey_figure",
        surveyId: origin.surveyId,
        questionId: origin.questionId,
      })}::jsonb`,
    )
    .where(sql<boolean>`evidence_items.origin -> 'filter' = ${JSON.stringify(origin.filter)}::jsonb`)
    .where("evidence_citations.frozen_value", "is not", null);
  if (except)
    query = query.where((eb) =>
      eb.not(
        eb.and([
          eb("evidence_citations.subject_type", "=", except.type),
          eb("evidence_citations.subject_id", "=", except.id),
        ]),
      ),
    );
  const rows = await query
    .orderBy("evidence_citations.frozen_at", "desc")
    .orderBy("evidence_citations.id", "desc")
    .execute();
  return rows.flatMap((row) => {
    const parsed = surveyFigureOriginSchema.safeParse(row.origin);
    return parsed.success
      ? [
          {
            evidenceId: row.evidence_id,
            origin: parsed.data,
            value: row.frozen_value,
            n: row.frozen_n,
            on: row.frozen_on,
            text: row.frozen_text,
            url: row.frozen_url,
          },
        ]
      : [];
  });
}

/** The count of respondents who gave the answer, worked back from a percent or count figure. */
function countOf(figure: FigureNow): number | null {
  if (figure.value === null || figure.n === null) return null;
  if (figure.origin.measure === "count") return Number(figure.value);
  if (figure.origin.measure === "percent") return Math.round((Number(figure.value) * figure.n) / 100);
  return null;
}

const sameMeasure = (a: SurveyFigureOrigin, b: SurveyFigureOrigin) =>
  a.measure === b.measure && a.choiceKey === b.choiceKey;

/** Why publishing `now` beside `earlier` would describe fewer than `threshold` responses, or null. */
function conflictWith(now: FigureNow, earlier: PublishedFigure, threshold: number): string | null {
  if (now.value === null || now.n === null || earlier.n === null) return null;
  if (
    sameMeasure(now.origin, earlier.origin) &&
    Number(now.value) === Number(earlier.value) &&
    now.n === earlier.n
  )
    return null;
  const narrow = (difference: number) => difference !== 0 && Math.abs(difference) < threshold;
  const dn = now.n - earlier.n;
  if (narrow(dn)) return `${Math.abs(dn)} ${Math.abs(dn) === 1 ? "response" : "responses"}`;
  const [a, b] = [countOf(now), countOf(earlier)];
  const comparable = a !== null && b !== null && now.origin.choiceKey === earlier.origin.choiceKey;
  if (comparable) {
    if (narrow(a - b) || narrow(now.n - a - (earlier.n - b))) return `fewer than ${threshold} answers`;
  } else if (dn === 0 && sameMeasure(now.origin, earlier.origin)) {
    // Same respondents, different mean or median: the change describes a few edited answers.
    return "a few changed answers";
  }
  return null;
}

const describe = (figure: PublishedFigure) =>
  `${figure.value === null ? "no value" : formatEvidenceNumber(figure.value)}${figure.origin.measure === "percent" ? "%" : ""} (n = ${figure.n ?? "?"}${figure.on ? `, ${formatDate(figure.on)}` : ""})`;

/** The first earlier published value `now` conflicts with, with a sentence saying why. */
export function republicationConflict(
  now: FigureNow,
  earlier: readonly PublishedFigure[],
  threshold: number,
): { earlier: PublishedFigure; message: string } | null {
  for (const figure of earlier) {
    const what = conflictWith(now, figure, threshold);
    if (what)
      return {
        earlier: figure,
        message: `This figure was published earlier as ${describe(figure)}; publishing it now at n = ${now.n ?? "?"} would reveal what ${what} in between said. It can be published again once the difference is at least ${threshold}.`,
      };
  }
  return null;
}

/** The value freezing holds instead of a conflicting one: the latest earlier value of the same figure. */
export function heldValue(now: FigureNow, earlier: readonly PublishedFigure[]): PublishedFigure | null {
  return earlier.find((figure) => sameMeasure(figure.origin, now.origin)) ?? null;
}
