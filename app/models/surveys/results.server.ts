import { sql, type RawBuilder } from "kysely";
import type { Actor } from "~/models/accounts/people.server.ts";
import { attributeValues } from "~/schemas/survey-results.ts";
import type { QuestionSettings } from "~/schemas/surveys.ts";
import type { Db } from "~/utils/db.server.ts";
import type { DayCount, ValueCount } from "~/utils/survey-stats.ts";
import { checkScope, responseConditions, type Breakdown, type ResultsScope } from "./result-scope.server.ts";
import { askedCounts } from "./asked-counts.server.ts";
import { getSurvey, loadSurveyContent, type Survey } from "./surveys.server.ts";
import { hasOtherText, isTextKind, latestTextAnswers, type TextAnswer } from "./text-answers.server.ts";

/**
 * Survey results, aggregated in the database: a handful of grouped queries whatever the number of
 * responses, never one row per answer. Only submitted responses count. Everything here is for
 * staff eyes; what leaves them goes through disclosure control (results-view.server.ts).
 */

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
  /** Conditional questions: how many of the responses in scope were asked them. */
  asked: Map<number, number>;
}

const groupColumn = (by: Breakdown): RawBuilder<string | null> =>
  by === "none" ? sql<null>`null::text` : sql<string | null>`r.${sql.ref(by)}`;

const add = (counts: GroupCounts, group: string | null, n: number) =>
  counts.set(group, (counts.get(group) ?? 0) + n);

export async function aggregateSurvey(
  db: Db,
  survey: Survey,
  requested: ResultsScope,
  options: { texts?: boolean; onlyQuestion?: number } = {},
): Promise<SurveyAggregates> {
  const scope = checkScope(survey, requested);
  const sections = await loadSurveyContent(db, survey.id);
  const questions: ResultsQuestion[] = sections.flatMap((section) =>
    section.questions
      .filter((q) => options.onlyQuestion === undefined || q.id === options.onlyQuestion)
      .map((q) => ({
        id: q.id,
        sectionTitle: section.title,
        prompt: q.prompt,
        config: q.config,
      })),
  );
  const where = responseConditions(survey.id, scope);
  const group = groupColumn(scope.by);
  const textIds = questions.filter((q) => isTextKind(q.config.kind)).map((q) => q.id);
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
    for (const answer of await latestTextAnswers(db, survey, textIds, where)) {
      texts.get(answer.questionId)?.latest.push(answer);
    }
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
    asked: await askedCounts(db, sections, where),
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
