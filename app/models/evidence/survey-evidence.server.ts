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
import { publishedFigures, republicationConflict } from "./republication.server.ts";
import { computeSurveyFigure } from "./survey-figures.server.ts";

/**
 * Evidence computed from surveys. A figure remembers where it comes from (survey, question, answer,
 * filter, measure) in evidence_items.origin and is computed again whenever it is read, as the
 * survey stood on the day asked for, from the published (protected) results tables
 * (survey-figures.server.ts). Freezing on approval (freezeCitations, in citations.server.ts)
 * stores what this computes at that moment, or holds an earlier published value
 * (republication.server.ts).
 */

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
  // Refused now rather than saved and later printed as "withheld": the reason says what to change.
  const now = await computeSurveyFigure(db, origin, new Date());
  if (now?.withheld) throw Refusal.invalid(`This figure cannot be published: ${now.withheld}.`);
  if (now) {
    const conflict = republicationConflict(
      { origin, value: now.value, n: now.n },
      await publishedFigures(db, origin),
      survey.disclosureThreshold,
    );
    if (conflict) throw Refusal.invalid(conflict.message);
  }
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
