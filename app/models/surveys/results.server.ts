import { sql, type RawBuilder } from "kysely";
import type { Actor } from "~/models/accounts/people.server.ts";
import {
  getSurvey,
  loadSurveyContent,
  notFound,
  requireStaffActor,
  surveyColumns,
  toSurvey,
  type Survey,
} from "~/models/surveys/surveys.server.ts";
import type { BreakdownAttribute, ResultsFilter } from "~/schemas/survey-results.ts";
import { attributeValues } from "~/schemas/survey-results.ts";
import type { Consent, QuestionSettings } from "~/schemas/surveys.ts";
import { consentSchema, questionSettingsFrom } from "~/schemas/surveys.ts";
import type { Db } from "~/utils/db.server.ts";
import type { DayCount, ValueCount } from "~/utils/survey-stats.ts";

/**
 * Survey results, aggregated in the database: a handful of grouped queries whatever the number of
 * responses, never one row per answer. Only submitted responses count. Everything here is for
 * staff eyes; what leaves them goes through disclosure control (survey-results-view.ts).
 */

export type Breakdown = BreakdownAttribute | "none";

export interface ResultsScope {
  by: Breakdown;
  filter: ResultsFilter | null;
  /** Count responses submitted on or before this London day ('YYYY-MM-DD'); all when absent. */
  asOf?: string | null;
}

export interface ResultsQuestion {
  id: number;
  sectionTitle: string;
  prompt: string;
  config: QuestionSettings;
}

/** Counts by group: the key is the group's value, or null for "not known" (and for no breakdown). */
export type GroupCounts = Map<string | null, number>;

export interface QuestionAggregate {
  answered: GroupCounts;
  /** choice key ("yes"/"no" for yes or no) → counts by group. */
  choices: Map<string, GroupCounts>;
  /** scale and number answers: value counts by group. */
  values: Map<string | null, ValueCount[]>;
}

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

export interface SurveyAggregates {
  survey: Survey;
  questions: ResultsQuestion[];
  scope: ResultsScope;
  /** Groups with respondents, in the attribute's order, "not known" last. */
  groups: (string | null)[];
  respondents: GroupCounts;
  byQuestion: Map<number, QuestionAggregate>;
  /** Text, long text and case study answers: how many, and the latest few of each. */
  texts: Map<number, { total: number; latest: TextAnswer[] }>;
  /**
   * Choice questions with "other, please say": how many wrote their own answer. Only the count:
   * the texts are read a page at a time (listTextAnswers), since a newest-few walk like the one
   * for text answers would pass over every answer that has none, on every results request.
   */
  otherTexts: Map<number, number>;
  responsesByDay: DayCount[];
  /** People invited (one per person) or organisations invited (one per organisation). */
  invited: number;
}

const TEXT_KINDS = new Set(["short_text", "long_text", "case_study"]);
export const LATEST_TEXTS = 3;

/** Whether a question has an "other, please say" box whose texts staff can read. */
export const hasOtherText = (config: QuestionSettings) =>
  (config.kind === "single_choice" || config.kind === "multiple_choice") && config.settings.allowOther;

const groupColumn = (by: Breakdown): RawBuilder<string | null> =>
  by === "none" ? sql<null>`null::text` : sql<string | null>`r.${sql.ref(by)}`;

function responseConditions(surveyId: number, scope: ResultsScope): RawBuilder<unknown> {
  const parts = [sql`r.survey_id = ${surveyId}`, sql`r.status = 'submitted'`];
  if (scope.filter) parts.push(sql`r.${sql.ref(scope.filter.attribute)} = ${scope.filter.value}`);
  if (scope.asOf) parts.push(sql`r.submitted_on <= ${scope.asOf}`);
  return sql.join(parts, sql` and `);
}

/** Anonymous surveys store each attribute only where it is not identifying, one at a time. */
export function checkScope(survey: Pick<Survey, "anonymity">, scope: ResultsScope): ResultsScope {
  if (
    survey.anonymity === "anonymous" &&
    scope.filter &&
    scope.by !== "none" &&
    scope.by !== scope.filter.attribute
  ) {
    return { ...scope, filter: null };
  }
  return scope;
}

const add = (counts: GroupCounts, group: string | null, n: number) =>
  counts.set(group, (counts.get(group) ?? 0) + n);

export async function aggregateSurvey(
  db: Db,
  survey: Survey,
  requested: ResultsScope,
  options: { texts?: boolean } = {},
): Promise<SurveyAggregates> {
  const scope = checkScope(survey, requested);
  const sections = await loadSurveyContent(db, survey.id);
  const questions: ResultsQuestion[] = sections.flatMap((section) =>
    section.questions.map((q) => ({
      id: q.id,
      sectionTitle: section.title,
      prompt: q.prompt,
      config: q.config,
    })),
  );
  const where = responseConditions(survey.id, scope);
  const group = groupColumn(scope.by);
  const textIds = questions.filter((q) => TEXT_KINDS.has(q.config.kind)).map((q) => q.id);
  const otherTextIds = questions.filter((q) => hasOtherText(q.config)).map((q) => q.id);

  const numericIds = questions
    .filter((q) => q.config.kind === "scale" || q.config.kind === "number")
    .map((q) => q.id);
  const choiceIds = questions
    .filter((q) => q.config.kind === "single_choice" || q.config.kind === "multiple_choice")
    .map((q) => q.id);
  const otherIds = questions
    .filter((q) => !numericIds.includes(q.id) && !choiceIds.includes(q.id))
    .map((q) => q.id);
  // Each query reads only the answers it needs, so each answer row is joined once; on a server they
  // run side by side on the pool (PGlite takes them one after another).
  const none = Promise.resolve({ rows: [] });
  const [respondentRows, answerRows, numberRows, choiceRows, dayRows, invited] = await Promise.all([
    sql<{ grp: string | null; n: number }>`
      select ${group} as grp, count(*)::int as n from survey_responses r where ${where} group by 1`.execute(
      db,
    ),
    otherIds.length
      ? sql<{ question_id: number; grp: string | null; n: number; yes: number; no: number }>`
          select a.question_id, ${group} as grp, count(*)::int as n,
            count(*) filter (where a.yes)::int as yes, count(*) filter (where not a.yes)::int as no
          from survey_responses r join survey_answers a on a.response_id = r.id
          where ${where} and a.question_id in (${sql.join(otherIds)})
          group by 1, 2`.execute(db)
      : none,
    numericIds.length
      ? sql<{ question_id: number; grp: string | null; number: string; n: number }>`
          select a.question_id, ${group} as grp, a.number, count(*)::int as n
          from survey_responses r join survey_answers a on a.response_id = r.id
          where ${where} and a.question_id in (${sql.join(numericIds)}) and a.number is not null
          group by 1, 2, 3`.execute(db)
      : none,
    choiceIds.length
      ? // One row per distinct set of choices (a few hundred at most), split into keys below:
        // hashing the short text of each answer is about twice as fast as expanding every
        // answer's array in SQL and grouping the keys.
        sql<{ question_id: number; grp: string | null; choices: string; n: number; other_texts: number }>`
          select a.question_id, ${group} as grp, a.choices::text as choices, count(*)::int as n,
            count(a.other_text)::int as other_texts
          from survey_responses r join survey_answers a on a.response_id = r.id
          where ${where} and a.question_id in (${sql.join(choiceIds)}) and a.choices is not null
          group by 1, 2, 3`.execute(db)
      : none,
    sql<{ day: string; n: number }>`
      select r.submitted_on::text as day, count(*)::int as n from survey_responses r
      where ${responseConditions(survey.id, { ...scope, asOf: null })} group by 1 order by 1`.execute(db),
    db
      .selectFrom("survey_invitations")
      .select((eb) =>
        survey.mode === "organisation"
          ? eb.fn.count<number>("organisation_id").distinct().as("n")
          : eb.fn.countAll<number>().as("n"),
      )
      .where("survey_id", "=", survey.id)
      .executeTakeFirstOrThrow(),
  ]);

  const respondents: GroupCounts = new Map();
  for (const row of respondentRows.rows) add(respondents, row.grp, row.n);
  const byQuestion = new Map<number, QuestionAggregate>(
    questions.map((q) => [q.id, { answered: new Map(), choices: new Map(), values: new Map() }]),
  );
  for (const row of answerRows.rows) {
    const aggregate = byQuestion.get(row.question_id);
    if (!aggregate) continue;
    add(aggregate.answered, row.grp, row.n);
    for (const [key, n] of [
      ["yes", row.yes],
      ["no", row.no],
    ] as const) {
      if (!n) continue;
      const counts = aggregate.choices.get(key) ?? new Map<string | null, number>();
      add(counts, row.grp, n);
      aggregate.choices.set(key, counts);
    }
  }
  for (const row of numberRows.rows) {
    const aggregate = byQuestion.get(row.question_id);
    if (!aggregate) continue;
    add(aggregate.answered, row.grp, row.n);
    const list = aggregate.values.get(row.grp) ?? [];
    list.push({ value: Number(row.number), count: row.n });
    aggregate.values.set(row.grp, list);
  }
  const otherTextCounts = new Map<number, number>();
  for (const row of choiceRows.rows) {
    otherTextCounts.set(row.question_id, (otherTextCounts.get(row.question_id) ?? 0) + row.other_texts);
    const aggregate = byQuestion.get(row.question_id);
    const keys = choiceKeys(row.choices);
    if (!aggregate || !keys) continue;
    // Answered: at least one choice. A key ticked twice counts twice, as each element did before.
    if (keys.length) add(aggregate.answered, row.grp, row.n);
    for (const key of keys) {
      if (key === null) continue;
      const counts = aggregate.choices.get(key) ?? new Map<string | null, number>();
      add(counts, row.grp, row.n);
      aggregate.choices.set(key, counts);
    }
  }
  // Sorted once here, so statistics and bins can walk the lists without sorting them again.
  for (const aggregate of byQuestion.values()) {
    for (const list of aggregate.values.values()) list.sort((a, b) => a.value - b.value);
  }

  const texts = new Map<number, { total: number; latest: TextAnswer[] }>();
  const otherTexts = new Map<number, number>();
  if (options.texts !== false) {
    for (const id of otherTextIds) otherTexts.set(id, otherTextCounts.get(id) ?? 0);
  }
  if (options.texts !== false && textIds.length) {
    for (const id of textIds) {
      const answered = byQuestion.get(id)?.answered;
      texts.set(id, { total: [...(answered?.values() ?? [])].reduce((a, b) => a + b, 0), latest: [] });
    }
    // Per question, the newest few by response id: a short backwards walk of the (question_id,
    // response_id) index, not a sort of every text answer.
    const rows = await sql<TextRow>`
      select latest.* from unnest(array[${sql.join(textIds)}]::int[]) as wanted(id)
      cross join lateral (
        select a.response_id, a.question_id, a.title, a.text, a.consent, r.submitted_on::text as submitted_on,
          o.name as organisation
        from survey_answers a join survey_responses r on r.id = a.response_id
        left join organisations o on o.id = r.organisation_id
        where a.question_id = wanted.id and a.text is not null and ${where}
        order by a.response_id desc
        limit ${LATEST_TEXTS}
      ) latest`.execute(db);
    for (const row of rows.rows) texts.get(row.question_id)?.latest.push(toTextAnswer(survey, row));
  }

  const order = scope.by === "none" ? [null] : [...attributeValues[scope.by], null];
  return {
    survey,
    questions,
    scope,
    groups: order.filter((value) => respondents.has(value)),
    respondents,
    byQuestion,
    texts,
    otherTexts,
    responsesByDay: dayRows.rows.map((row) => ({ day: row.day, count: row.n })),
    invited: Number(invited.n),
  };
}

/**
 * The keys of a stored choices array, as jsonb_array_elements_text gives them (strings as they
 * are, other scalars as JSON text, JSON null as null); null when the value is not an array.
 */
export function choiceKeys(stored: string): (string | null)[] | null {
  const parsed: unknown = JSON.parse(stored);
  if (!Array.isArray(parsed)) return null;
  return parsed.map((element: unknown) =>
    element === null ? null : typeof element === "string" ? element : JSON.stringify(element),
  );
}

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

/** Staff only: the survey's results as the database counts them. */
export async function getSurveyAggregates(
  db: Db,
  actor: Actor,
  surveyId: number,
  scope: ResultsScope,
): Promise<SurveyAggregates> {
  const survey = await getSurvey(db, actor, surveyId);
  return aggregateSurvey(db, survey, scope);
}

export const TEXT_PAGE_SIZE = 25;

/**
 * Every answer to one text question, newest first, a page at a time; for a choice question with
 * "other, please say", every text written there (`other` is then true).
 */
export async function listTextAnswers(
  db: Db,
  actor: Actor,
  surveyId: number,
  questionId: number,
  { page, filter }: { page: number; filter: ResultsFilter | null },
): Promise<{
  survey: Survey;
  prompt: string;
  other: boolean;
  items: TextAnswer[];
  total: number;
  page: number;
  pageSize: number;
}> {
  const survey = await getSurvey(db, actor, surveyId);
  const question = await db
    .selectFrom("survey_questions")
    .select(["prompt", "kind", "settings"])
    .where("id", "=", questionId)
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!question) throw notFound();
  const other = hasOtherText(questionSettingsFrom(question.kind, question.settings));
  if (!other && !TEXT_KINDS.has(question.kind)) throw notFound();
  const column = other ? sql.ref("a.other_text") : sql.ref("a.text");
  const where = responseConditions(surveyId, { by: "none", filter });
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
    survey,
    prompt: question.prompt,
    other,
    items: rows.rows.map((row) => toTextAnswer(survey, row)),
    total: count.rows[0]?.n ?? 0,
    page,
    pageSize: TEXT_PAGE_SIZE,
  };
}

/** One case study answer, for saving as a quote: staff only, and only with consent to publish. */
export async function getCaseStudy(
  db: Db,
  actor: Actor,
  surveyId: number,
  questionId: number,
  responseId: number,
): Promise<{ survey: Survey; answer: TextAnswer }> {
  requireStaffActor(actor);
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
  if (!row) throw notFound();
  return { survey, answer: toTextAnswer(survey, row) };
}

export interface CsvExport {
  header: string[];
  rows: (string | number | null)[][];
}

/**
 * One row per submitted response, one column per question (two for "other" and case studies).
 * Names only for named surveys. Cells are neutralised by toCsv.
 */
export async function exportResponses(
  db: Db,
  actor: Actor,
  surveyId: number,
): Promise<{ survey: Survey; csv: CsvExport }> {
  const survey = await getSurvey(db, actor, surveyId);
  const sections = await loadSurveyContent(db, surveyId);
  const questions = sections.flatMap((section) => section.questions);
  const named = survey.anonymity === "named";
  const responses = await db
    .selectFrom("survey_responses as r")
    .leftJoin("organisations as o", "o.id", "r.organisation_id")
    .leftJoin("people as p", "p.id", "r.submitted_by")
    .select([
      "r.id",
      "r.submitted_on",
      "r.nation",
      "r.service_area",
      "r.size_band",
      "o.name as organisation",
      "p.name as person",
    ])
    .where("r.survey_id", "=", surveyId)
    .where("r.status", "=", "submitted")
    .orderBy("r.id")
    .execute();
  const answers = await db
    .selectFrom("survey_answers as a")
    .innerJoin("survey_responses as r", "r.id", "a.response_id")
    .select([
      "a.response_id",
      "a.question_id",
      "a.choices",
      "a.other_text",
      "a.number",
      "a.yes",
      "a.title",
      "a.text",
      "a.consent",
    ])
    .where("r.survey_id", "=", surveyId)
    .where("r.status", "=", "submitted")
    .execute();
  const byResponse = new Map<number, Map<number, (typeof answers)[number]>>();
  for (const answer of answers) {
    const map = byResponse.get(answer.response_id) ?? new Map<number, (typeof answers)[number]>();
    map.set(answer.question_id, answer);
    byResponse.set(answer.response_id, map);
  }
  const header = [
    "Response",
    "Submitted on",
    ...(named ? ["Organisation", "Submitted by"] : []),
    "Nation",
    "Service area",
    "Size",
  ];
  for (const q of questions) {
    header.push(q.prompt);
    if (q.config.kind === "case_study") header.push(`${q.prompt} (title)`, `${q.prompt} (consent)`);
    else if (
      (q.config.kind === "single_choice" || q.config.kind === "multiple_choice") &&
      q.config.settings.allowOther
    ) {
      header.push(`${q.prompt} (other)`);
    }
  }
  const rows = responses.map((response) => {
    const mine = byResponse.get(response.id) ?? new Map<number, (typeof answers)[number]>();
    const row: (string | number | null)[] = [
      response.id,
      response.submitted_on,
      ...(named ? [response.organisation, response.person] : []),
      response.nation,
      response.service_area,
      response.size_band,
    ];
    for (const q of questions) {
      const answer = mine.get(q.id);
      const config = q.config;
      if (config.kind === "single_choice" || config.kind === "multiple_choice") {
        const keys: string[] = Array.isArray(answer?.choices) ? answer.choices.map(String) : [];
        const labels = keys.map(
          (key: string) => config.settings.choices.find((c) => c.key === key)?.label ?? "Other",
        );
        row.push(labels.join("; ") || null);
        if (config.settings.allowOther) row.push(answer?.other_text ?? null);
      } else if (config.kind === "yes_no") {
        row.push(answer?.yes === true ? "Yes" : answer?.yes === false ? "No" : null);
      } else if (config.kind === "scale" || config.kind === "number") {
        row.push(answer?.number === null || answer?.number === undefined ? null : Number(answer.number));
      } else if (config.kind === "case_study") {
        row.push(answer?.text ?? null, answer?.title ?? null, answer?.consent ?? null);
      } else {
        row.push(answer?.text ?? null);
      }
    }
    return row;
  });
  return { survey, csv: { header, rows } };
}

/**
 * A member may see the summary of a closed survey they (or their organisation) were invited to.
 * Staff may always see it. Anyone else: 404.
 */
export async function getSurveyForSummary(db: Db, actor: Actor, surveyId: number): Promise<Survey> {
  const row = await db.selectFrom("surveys").select(["id"]).where("id", "=", surveyId).executeTakeFirst();
  if (!row) throw notFound();
  if (actor.role === "staff" || actor.role === "admin") return getSurvey(db, actor, surveyId);
  const invited = await db
    .selectFrom("survey_invitations")
    .select("id")
    .where("survey_id", "=", surveyId)
    .where((eb) =>
      actor.organisationId === null
        ? eb("person_id", "=", actor.id)
        : eb.or([eb("person_id", "=", actor.id), eb("organisation_id", "=", actor.organisationId)]),
    )
    .limit(1)
    .executeTakeFirst();
  if (!invited) throw notFound();
  const survey = toSurvey(
    await db.selectFrom("surveys").select(surveyColumns).where("id", "=", surveyId).executeTakeFirstOrThrow(),
  );
  if (survey.state !== "closed" && survey.state !== "archived") throw notFound();
  return survey;
}
