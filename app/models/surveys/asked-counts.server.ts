import { sql, type RawBuilder } from "kysely";
import type { Db } from "~/utils/db.server.ts";
import type { Answer } from "~/utils/survey-answers.ts";
import { askedQuestions } from "~/utils/survey-conditions.ts";
import type { SurveySection } from "./surveys.server.ts";

/**
 * How many of the responses in scope were asked each conditional question: the conditions are
 * evaluated on each response's answers to the questions they test (a few answers per response,
 * read in one query), exactly as the answering pages did. Questions always asked are left out
 * (every respondent was asked them). Empty when the survey has no conditions.
 */
export async function askedCounts(
  db: Db,
  sections: readonly SurveySection[],
  where: RawBuilder<unknown>,
): Promise<Map<number, number>> {
  const conditions = sections.flatMap((section) => [
    section.condition,
    ...section.questions.map((question) => question.condition),
  ]);
  const sourceIds = [
    ...new Set(conditions.flatMap((condition) => (condition ? [condition.questionId] : []))),
  ];
  const conditional = sections.flatMap((section) =>
    section.questions
      .filter((question) => section.condition || question.condition)
      .map((question) => question.id),
  );
  const counts = new Map<number, number>(conditional.map((id) => [id, 0]));
  if (!sourceIds.length) return counts;
  const rows = await sql<{
    id: number;
    question_id: number | null;
    choices: unknown;
    number: string | null;
    yes: boolean | null;
  }>`
    select r.id, a.question_id, a.choices, a.number, a.yes
    from survey_responses r
    left join survey_answers a on a.response_id = r.id and a.question_id in (${sql.join(sourceIds)})
    where ${where}`.execute(db);
  const byResponse = new Map<number, Answer[]>();
  for (const row of rows.rows) {
    const answers = byResponse.get(row.id) ?? [];
    byResponse.set(row.id, answers);
    if (row.question_id === null) continue;
    answers.push({
      questionId: row.question_id,
      choices: Array.isArray(row.choices)
        ? row.choices.filter((key): key is string => typeof key === "string")
        : null,
      otherText: null,
      number: row.number,
      yes: row.yes,
      title: null,
      text: null,
      consent: null,
      fileId: null,
      fileName: null,
    });
  }
  for (const answers of byResponse.values()) {
    const asked = askedQuestions(sections, answers);
    for (const id of conditional) if (asked.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
