import { sql, type RawBuilder } from "kysely";
import type { Actor } from "~/models/accounts/people.server.ts";
import type { ResultsFilter } from "~/schemas/survey-results.ts";
import {
  consentSchema,
  questionSettingsFrom,
  type Consent,
  type QuestionKind,
  type QuestionSettings,
} from "~/schemas/surveys.ts";
import type { Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { responseConditions } from "./result-scope.server.ts";
import { getSurvey, type Survey } from "./surveys.server.ts";

/**
 * Written answers (short and long text, case studies, "other, please say"), which results show
 * one by one rather than count: the latest few, every one a page at a time, one case study.
 */

export interface TextAnswer {
  responseId: number;
  questionId: number;
  title: string | null;
  text: string;
  consent: Consent | null;
  /** Only for named and confidential surveys (staff see who answered); null otherwise. */
  organisation: string | null;
  submittedOn: string | null;
}

const TEXT_KINDS: readonly QuestionKind[] = ["short_text", "long_text", "case_study"];
export const isTextKind = (kind: QuestionKind) => TEXT_KINDS.includes(kind);

/** Whether a question has an "other, please say" box whose texts staff can read. */
export const hasOtherText = (config: QuestionSettings) =>
  (config.kind === "single_choice" || config.kind === "multiple_choice") && config.settings.allowOther;

interface TextRow {
  response_id: number;
  question_id: number;
  title: string | null;
  text: string | null;
  consent: string | null;
  submitted_on: string | null;
  organisation: string | null;
}

function toTextAnswer(survey: Pick<Survey, "anonymity">, row: TextRow): TextAnswer {
  const consent = consentSchema.safeParse(row.consent);
  return {
    responseId: row.response_id,
    questionId: row.question_id,
    title: row.title,
    text: row.text ?? "",
    consent: consent.success ? consent.data : null,
    organisation: survey.anonymity === "anonymous" ? null : row.organisation,
    submittedOn: row.submitted_on,
  };
}

const LATEST_TEXTS = 3;

/**
 * The newest few answers to each of these text questions, by response id: a short backwards walk
 * of the (question_id, response_id) index per question, not a sort of every text answer.
 */
export async function latestTextAnswers(
  db: Db,
  survey: Pick<Survey, "anonymity">,
  questionIds: readonly number[],
  where: RawBuilder<unknown>,
): Promise<TextAnswer[]> {
  const rows = await sql<TextRow>`
      select latest.* from unnest(array[${sql.join(questionIds)}]::int[]) as wanted(id)
      cross join lateral (
        select a.response_id, a.question_id, a.title, a.text, a.consent, r.submitted_on::text as submitted_on,
          o.name as organisation
        from survey_answers a join survey_responses r on r.id = a.response_id
        left join organisations o on o.id = r.organisation_id
        where a.question_id = wanted.id and a.text is not null and ${where}
        order by a.response_id desc
        limit ${LATEST_TEXTS}
      ) latest`.execute(db);
  return rows.rows.map((row) => toTextAnswer(survey, row));
}

const TEXT_PAGE_SIZE = 25;

export interface TextAnswersPage {
  prompt: string;
  /** True for the texts written under "other, please say" of a choice question. */
  other: boolean;
  items: TextAnswer[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Every answer to one text question, newest first, a page at a time; for a choice question with
 * "other, please say", every text written there. `survey` is one the caller may see.
 */
export async function textAnswersOf(
  db: Db,
  survey: Survey,
  questionId: number,
  { page, filter }: { page: number; filter: ResultsFilter | null },
): Promise<TextAnswersPage> {
  const question = await db
    .selectFrom("survey_questions")
    .select(["prompt", "kind", "settings"])
    .where("id", "=", questionId)
    .where("survey_id", "=", survey.id)
    .executeTakeFirst();
  if (!question) throw Refusal.notFound();
  const config = questionSettingsFrom(question.kind, question.settings);
  const other = hasOtherText(config);
  if (!other && !isTextKind(config.kind)) throw Refusal.notFound();
  const column = other ? sql.ref("a.other_text") : sql.ref("a.text");
  const where = responseConditions(survey.id, { by: "none", filter });
  const [rows, count] = [
    await sql<TextRow>`
      select a.response_id, a.question_id, a.title, ${column} as text, a.consent,
        r.submitted_on::text as submitted_on, o.name as organisation
      from survey_responses r join survey_answers a on a.response_id = r.id
      left join organisations o on o.id = r.organisation_id
      where ${where} and a.question_id = ${questionId} and ${column} is not null
      order by a.response_id desc
      limit ${TEXT_PAGE_SIZE} offset ${(page - 1) * TEXT_PAGE_SIZE}`.execute(db),
    await sql<{ n: number }>`
      select count(*)::int as n from survey_responses r join survey_answers a on a.response_id = r.id
      where ${where} and a.question_id = ${questionId} and ${column} is not null`.execute(db),
  ];
  return {
    prompt: question.prompt,
    other,
    items: rows.rows.map((row) => toTextAnswer(survey, row)),
    total: count.rows[0]?.n ?? 0,
    page,
    pageSize: TEXT_PAGE_SIZE,
  };
}

/** Staff only: textAnswersOf, with the survey they asked for. */
export async function listTextAnswers(
  db: Db,
  actor: Actor,
  surveyId: number,
  questionId: number,
  options: { page: number; filter: ResultsFilter | null },
): Promise<TextAnswersPage & { survey: Survey }> {
  const survey = await getSurvey(db, actor, surveyId);
  return { survey, ...(await textAnswersOf(db, survey, questionId, options)) };
}

/** One case study answer, for saving as a quote: staff only, and only with consent to publish. */
export async function getCaseStudy(
  db: Db,
  actor: Actor,
  surveyId: number,
  questionId: number,
  responseId: number,
): Promise<{ survey: Survey; answer: TextAnswer }> {
  const survey = await getSurvey(db, actor, surveyId);
  const rows = await sql<TextRow>`
    select a.response_id, a.question_id, a.title, a.text, a.consent, r.submitted_on::text as submitted_on,
      o.name as organisation
    from survey_responses r join survey_answers a on a.response_id = r.id
    join survey_questions q on q.id = a.question_id
    left join organisations o on o.id = r.organisation_id
    where r.survey_id = ${surveyId} and r.status = 'submitted' and r.id = ${responseId}
      and a.question_id = ${questionId} and q.kind = 'case_study' and a.text is not null`.execute(db);
  const row = rows.rows[0];
  if (!row) throw Refusal.notFound();
  return { survey, answer: toTextAnswer(survey, row) };
}
