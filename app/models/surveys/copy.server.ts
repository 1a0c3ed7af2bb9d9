import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { conditionFrom } from "~/utils/survey-conditions.ts";
import { loadSurvey, surveyColumns, toSurvey, type Survey } from "./surveys.server.ts";

/** A new draft with the same settings, sections and questions, linked to the survey it copies. */
export async function copySurveyAsNewVersion(db: Db, actor: Actor, surveyId: number): Promise<Survey> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const source = await loadSurvey(trx, surveyId, { lock: true });
    const copy = await trx
      .insertInto("surveys")
      .values({
        title: source.title,
        introduction: source.introduction,
        bilingual: source.bilingual,
        title_cy: source.titleCy,
        introduction_cy: source.introductionCy,
        mode: source.mode,
        anonymity: source.anonymity,
        audience: JSON.stringify(source.audience),
        opens_on: null,
        closes_at: null,
        disclosure_threshold: source.disclosureThreshold,
        reminder_days_before: source.reminderDaysBefore,
        previous_version_id: source.id,
        created_by: actor.id,
      })
      .returning(surveyColumns)
      .executeTakeFirstOrThrow();
    const sections = await trx
      .selectFrom("survey_sections")
      .select(["id", "position", "title", "introduction", "title_cy", "introduction_cy", "condition"])
      .where("survey_id", "=", surveyId)
      .orderBy("position")
      .orderBy("id")
      .execute();
    // Conditions name questions by id: the copy's point at the copy's questions. Only earlier
    // questions can be conditions, so copying in order has every source's new id by the time it is
    // needed; the sections' conditions are set once every question exists.
    const newIds = new Map<number, number>();
    const remap = (stored: unknown) => {
      const condition = conditionFrom(stored);
      const questionId = condition ? newIds.get(condition.questionId) : undefined;
      return condition && questionId ? JSON.stringify({ ...condition, questionId }) : null;
    };
    const sectionConditions: { id: number; condition: unknown }[] = [];
    for (const section of sections) {
      const newSection = await trx
        .insertInto("survey_sections")
        .values({
          survey_id: copy.id,
          position: section.position,
          title: section.title,
          introduction: section.introduction,
          title_cy: section.title_cy,
          introduction_cy: section.introduction_cy,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (section.condition !== null)
        sectionConditions.push({ id: newSection.id, condition: section.condition });
      const questions = await trx
        .selectFrom("survey_questions")
        .select([
          "id",
          "condition",
          "position",
          "kind",
          "prompt",
          "help_text",
          "required",
          "settings",
          "prompt_cy",
          "help_text_cy",
          "settings_cy",
        ])
        .where("section_id", "=", section.id)
        .orderBy("position")
        .orderBy("id")
        .execute();
      for (const question of questions) {
        const inserted = await trx
          .insertInto("survey_questions")
          .values({
            survey_id: copy.id,
            section_id: newSection.id,
            position: question.position,
            kind: question.kind,
            prompt: question.prompt,
            help_text: question.help_text,
            required: question.required,
            settings: JSON.stringify(question.settings),
            condition: remap(question.condition),
            prompt_cy: question.prompt_cy,
            help_text_cy: question.help_text_cy,
            settings_cy: question.settings_cy === null ? null : JSON.stringify(question.settings_cy),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        newIds.set(question.id, inserted.id);
      }
    }
    for (const section of sectionConditions) {
      await trx
        .updateTable("survey_sections")
        .set({ condition: remap(section.condition) })
        .where("id", "=", section.id)
        .execute();
    }
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.copied",
      subjectType: "survey",
      subjectId: copy.id,
      after: { previousVersionId: source.id },
    });
    return toSurvey(copy);
  });
}
