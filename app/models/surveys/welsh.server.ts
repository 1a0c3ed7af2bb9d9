import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { SurveyWelshInput } from "~/schemas/welsh.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { loadSurvey, type Survey } from "./surveys.server.ts";

/**
 * A survey's Welsh text, saved from one form beside the English. Allowed in every state: it is
 * wording, and answers are stored by choice key, so a translation never changes what an answer
 * means. Bumping the survey's version and updated_at refuses a stale form and refreshes the
 * answering pages' cached content.
 */
export async function saveSurveyWelsh(
  db: Db,
  actor: Actor,
  surveyId: number,
  input: SurveyWelshInput,
): Promise<Survey> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await loadSurvey(trx, surveyId, { lock: true });
    if (before.version !== input.version) {
      throw Refusal.conflict(
        "Someone else saved this survey after you opened it. Your Welsh text is below: check it against the saved survey and save again.",
      );
    }
    if (before.state === "archived")
      throw Refusal.conflict("This survey is archived: its text no longer changes.");
    // Each row is updated only within this survey, so a crafted form cannot reach another survey's.
    for (const section of input.sections) {
      await trx
        .updateTable("survey_sections")
        .set({ title_cy: section.title, introduction_cy: section.introduction })
        .where("id", "=", section.id)
        .where("survey_id", "=", surveyId)
        .execute();
    }
    for (const question of input.questions) {
      await trx
        .updateTable("survey_questions")
        .set({
          prompt_cy: question.prompt,
          help_text_cy: question.helpText,
          settings_cy: JSON.stringify(question.settings),
        })
        .where("id", "=", question.id)
        .where("survey_id", "=", surveyId)
        .execute();
    }
    await trx
      .updateTable("surveys")
      .set({
        bilingual: input.bilingual,
        title_cy: input.title,
        introduction_cy: input.introduction,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where("id", "=", surveyId)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.welsh_updated",
      subjectType: "survey",
      subjectId: surveyId,
      before: { bilingual: before.bilingual, version: before.version },
      after: { bilingual: input.bilingual, version: before.version + 1 },
    });
    return loadSurvey(trx, surveyId, { lock: false });
  });
}
