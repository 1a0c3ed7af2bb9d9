import { sql } from "kysely";
import type { NewEvidenceItemsRow } from "../../../db/schema.ts";
import type { Actor } from "~/models/accounts/people.server.ts";
import { getCaseStudy } from "~/models/surveys/text-answers.server.ts";
import { getSurvey, loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import {
  filterText,
  surveyFigureOriginSchema,
  type FigureMeasure,
  type ResultsFilter,
  type SurveyFigureOrigin,
} from "~/schemas/survey-results.ts";
import { OTHER_CHOICE_KEY } from "~/schemas/surveys.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { londonDay } from "~/utils/london-time.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/**
 * Evidence computed from surveys. A figure remembers where it comes from (survey, question, answer,
 * filter, measure) in evidence_items.origin and is computed again whenever it is read, as the
 * survey stood on the day asked for, with disclosure control: a figure resting on fewer responses
 * than the survey's threshold reads "fewer than N". Freezing on approval (freezeCitations, in
 * citations.server.ts) stores whatever this computes at that moment.
 */

export interface SurveyFigureValue {
  /** numeric text, null when withheld or when nobody answered. */
  value: string | null;
  /** Respondents the figure rests on; null when that number itself is withheld. */
  n: number | null;
  /** The London day the figure describes. */
  on: string;
  /** Why there is no value: "fewer than 5 responses", or null. */
  withheld: string | null;
  threshold: number;
}

interface FigureRow {
  n: number;
  hits: number | null;
  mean: string | null;
  median: string | null;
}

export async function computeSurveyFigure(
  db: Db,
  origin: SurveyFigureOrigin,
  asOf: Date,
): Promise<SurveyFigureValue | null> {
  const survey = await db
    .selectFrom("surveys")
    .select(["disclosure_threshold"])
    .where("id", "=", origin.surveyId)
    .executeTakeFirst();
  if (!survey) return null;
  const threshold = survey.disclosure_threshold;
  const on = londonDay(asOf);
  const question = await db
    .selectFrom("survey_questions")
    .select(["kind"])
    .where("id", "=", origin.questionId)
    .where("survey_id", "=", origin.surveyId)
    .executeTakeFirst();
  if (!question) return null;
  const filter = origin.filter
    ? sql`and r.${sql.ref(origin.filter.attribute)} = ${origin.filter.value}`
    : sql``;
  const key = origin.choiceKey ?? "";
  const hit =
    question.kind === "yes_no"
      ? sql`a.yes = ${key === "yes"}`
      : sql`a.choices @> ${JSON.stringify([key])}::jsonb`;
  const result = await sql<FigureRow>`
    select count(*)::int as n,
      sum(case when ${hit} then 1 else 0 end)::int as hits,
      avg(a.number)::text as mean,
      (percentile_cont(0.5) within group (order by a.number))::text as median
    from survey_responses r join survey_answers a on a.response_id = r.id
    where r.survey_id = ${origin.surveyId} and r.status = 'submitted' and r.submitted_on <= ${on}
      and a.question_id = ${origin.questionId} ${filter}`.execute(db);
  const row = result.rows[0] ?? { n: 0, hits: 0, mean: null, median: null };
  const small = (count: number) => count > 0 && count < threshold;
  const base = { on, threshold };
  if (small(row.n)) return { ...base, value: null, n: null, withheld: `fewer than ${threshold} responses` };
  if (origin.measure === "percent" || origin.measure === "count") {
    const hits = row.hits ?? 0;
    // The answer's count and everyone else's (n − count) must both be large enough.
    if (small(hits) || small(row.n - hits)) {
      return {
        ...base,
        value: null,
        n: row.n,
        withheld: `fewer than ${threshold} gave or did not give this answer`,
      };
    }
    if (origin.measure === "count") return { ...base, value: String(hits), n: row.n, withheld: null };
    return { ...base, value: row.n ? ((hits / row.n) * 100).toFixed(1) : null, n: row.n, withheld: null };
  }
  const statistic = origin.measure === "mean" ? row.mean : row.median;
  return {
    ...base,
    value: statistic === null ? null : Number(statistic).toFixed(2),
    n: row.n,
    withheld: null,
  };
}

export interface NewSurveyFigure {
  surveyId: number;
  questionId: number;
  measure: FigureMeasure;
  choiceKey: string | null;
  filter: ResultsFilter | null;
  label: string;
}

const measureFits: Record<string, readonly FigureMeasure[]> = {
  single_choice: ["percent", "count"],
  multiple_choice: ["percent", "count"],
  yes_no: ["percent", "count"],
  scale: ["mean", "median"],
  number: ["mean", "median"],
};

export async function createSurveyFigure(db: Db, actor: Actor, input: NewSurveyFigure): Promise<number> {
  const survey = await getSurvey(db, actor, input.surveyId);
  const question = (await loadSurveyContent(db, survey.id))
    .flatMap((section) => section.questions)
    .find((q) => q.id === input.questionId);
  if (!question) throw Refusal.notFound();
  const config = question.config;
  if (!(measureFits[config.kind] ?? []).includes(input.measure)) {
    throw Refusal.conflict("That kind of figure does not fit this question.");
  }
  let answerLabel: string | null = null;
  if (input.measure === "percent" || input.measure === "count") {
    const choices =
      config.kind === "yes_no"
        ? [
            { key: "yes", label: "Yes" },
            { key: "no", label: "No" },
          ]
        : config.kind === "single_choice" || config.kind === "multiple_choice"
          ? [
              ...config.settings.choices,
              ...(config.settings.allowOther ? [{ key: OTHER_CHOICE_KEY, label: "Other" }] : []),
            ]
          : [];
    answerLabel = choices.find((c) => c.key === input.choiceKey)?.label ?? null;
    if (!answerLabel) throw Refusal.conflict("Choose which answer the figure counts.");
  }
  const origin: SurveyFigureOrigin = {
    type: "survey_figure",
    surveyId: survey.id,
    questionId: question.id,
    measure: input.measure,
    choiceKey: answerLabel ? input.choiceKey : null,
    filter: input.filter,
  };
  const unit =
    input.measure === "percent"
      ? "%"
      : input.measure === "count"
        ? "responses"
        : config.kind === "number"
          ? config.settings.unit || null
          : null;
  const scope = filterText(input.filter);
  const what = answerLabel
    ? `${input.measure === "percent" ? "share" : "number"} answering “${answerLabel}”`
    : `${input.measure} answer`;
  const sourceNote = `Survey “${survey.title}”, question “${question.prompt}”: ${what}${scope ? `, ${scope}` : ""}. Submitted responses only, disclosure threshold ${survey.disclosureThreshold}.`;
  return addSurveyEvidence(
    db,
    actor,
    { kind: "figure", label: input.label, unit, source_note: sourceNote, origin: JSON.stringify(origin) },
    { kind: "figure", label: input.label, origin },
  );
}

/**
 * A case study as a quote, only with the respondent's consent: anonymous when they asked for it,
 * and always in confidential and anonymous surveys (nothing published names anyone there).
 */
export async function createSurveyQuote(
  db: Db,
  actor: Actor,
  input: { surveyId: number; questionId: number; responseId: number; label: string },
): Promise<number> {
  const { survey, answer } = await getCaseStudy(
    db,
    actor,
    input.surveyId,
    input.questionId,
    input.responseId,
  );
  if (answer.consent !== "anonymous" && answer.consent !== "attributed") {
    throw Refusal.conflict("This story was not given with consent to publish, so it cannot be quoted.");
  }
  const attributed =
    answer.consent === "attributed" && survey.anonymity === "named" && answer.organisation !== null;
  const origin = {
    type: "survey_quote",
    surveyId: survey.id,
    questionId: input.questionId,
    responseId: input.responseId,
  };
  return addSurveyEvidence(
    db,
    actor,
    {
      kind: "quote",
      label: input.label,
      quote_text: answer.title ? `${answer.title}: ${answer.text}` : answer.text,
      anonymous: !attributed,
      attribution: attributed ? answer.organisation : null,
      consent_method: "survey",
      consent_on: answer.submittedOn ?? londonDay(),
      source_note: `Survey “${survey.title}”`,
      origin: JSON.stringify(origin),
    },
    { kind: "quote", label: input.label, anonymous: !attributed, origin },
  );
}

/** Adds the item with its audit row, which records where it came from rather than all it says. */
async function addSurveyEvidence(
  db: Db,
  actor: Actor,
  values: Omit<NewEvidenceItemsRow, "created_by">,
  audited: Record<string, unknown>,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("evidence_items")
      .values({ ...values, created_by: actor.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "evidence.created",
      subjectType: "evidence",
      subjectId: row.id,
      after: audited,
    });
    return row.id;
  });
}

/** The origin of a computed figure, or null for anything else (hand-entered items, quotes). */
export function surveyFigureOrigin(origin: unknown): SurveyFigureOrigin | null {
  const parsed = surveyFigureOriginSchema.safeParse(origin);
  return parsed.success ? parsed.data : null;
}
