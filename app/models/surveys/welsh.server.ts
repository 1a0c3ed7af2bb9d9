import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { SurveyWelshInput } from "~/schemas/welsh.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { saveWelshText } from "~/utils/welsh-save.server.ts";
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
    if (before.state === "archived")
      throw Refusal.conflict("This survey is archived: its text no longer changes.");
    await saveWelshText(trx, {
      actorId: actor.id,
      subject: { type: "survey", id: surveyId },
      before,
      input,
      write: async (version) => {
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
            version,
            updated_at: new Date(),
          })
          .where("id", "=", surveyId)
          .execute();
      },
    });
    return loadSurvey(trx, surveyId, { lock: false });
  });
}
