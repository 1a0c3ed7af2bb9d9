import type { Db } from "~/utils/db.server.ts";

/** A figure from the survey, cited by the signed-off document (as freezing the citations leaves it). */
export async function citeSurvey(
  db: Db,
  surveyId: number,
  subject: { type: "submission" | "position_version"; id: number },
) {
  const item = await db
    .insertInto("evidence_items")
    .values({
      kind: "figure",
      label: `Members paying VAT on shared services (${surveyId})`,
      origin: JSON.stringify({
        type: "survey_figure",
        surveyId,
        questionId: 1,
        measure: "percent",
        choiceKey: null,
        filter: null,
      }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("evidence_citations")
    .values({
      evidence_id: item.id,
      subject_type: subject.type,
      subject_id: subject.id,
      frozen_text: "58% (n=40)",
    })
    .execute();
}
