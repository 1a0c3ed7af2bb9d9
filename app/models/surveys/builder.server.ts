import type { Actor } from "~/models/accounts/people.server.ts";
import type { QuestionInput, SectionInput } from "~/schemas/surveys.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import {
  lockSurvey,
  notFound,
  requireStaffActor,
  SurveyConflictError,
  surveyColumns,
  surveyHasAnswers,
  toSurvey,
  type Survey,
} from "./surveys.server.ts";

export const QUESTIONS_FIXED_MESSAGE =
  "People have started answering this survey, so its questions cannot change: answers already given " +
  "would no longer match. Fix a typo in the wording instead, or copy the survey as a new version.";

/** Locks the survey and refuses structural changes once answers exist or it has closed. */
async function lockForStructure(trx: Db, surveyId: number): Promise<Survey> {
  const survey = await lockSurvey(trx, surveyId);
  if (survey.state === "closed" || survey.state === "archived") {
    throw new SurveyConflictError("This survey has closed: its questions can no longer change.");
  }
  if (await surveyHasAnswers(trx, surveyId)) throw new SurveyConflictError(QUESTIONS_FIXED_MESSAGE);
  return survey;
}

async function touch(trx: Db, surveyId: number) {
  await trx.updateTable("surveys").set({ updated_at: new Date() }).where("id", "=", surveyId).execute();
}

async function sectionOf(trx: Db, surveyId: number, sectionId: number) {
  const section = await trx
    .selectFrom("survey_sections")
    .select(["id", "position"])
    .where("id", "=", sectionId)
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!section) throw notFound();
  return section;
}

async function questionOf(trx: Db, surveyId: number, questionId: number) {
  const question = await trx
    .selectFrom("survey_questions")
    .select(["id", "section_id", "position", "prompt", "help_text", "kind"])
    .where("id", "=", questionId)
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!question) throw notFound();
  return question;
}

export async function addSection(
  db: Db,
  actor: Actor,
  surveyId: number,
  input: SectionInput,
): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    await lockForStructure(trx, surveyId);
    const last = await trx
      .selectFrom("survey_sections")
      .select((eb) => eb.fn.max("position").as("position"))
      .where("survey_id", "=", surveyId)
      .executeTakeFirst();
    const row = await trx
      .insertInto("survey_sections")
      .values({
        survey_id: surveyId,
        position: Number(last?.position ?? 0) + 1,
        title: input.title,
        introduction: input.introduction,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await touch(trx, surveyId);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.section_added",
      subjectType: "survey",
      subjectId: surveyId,
      after: { sectionId: row.id, title: input.title },
    });
    return row.id;
  });
}

/** A section's title and introduction are wording: they may change until the survey closes. */
export async function updateSection(
  db: Db,
  actor: Actor,
  surveyId: number,
  sectionId: number,
  input: SectionInput,
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    const survey = await lockSurvey(trx, surveyId);
    if (survey.state === "archived") throw new SurveyConflictError("This survey is archived.");
    await sectionOf(trx, surveyId, sectionId);
    await trx
      .updateTable("survey_sections")
      .set({ title: input.title, introduction: input.introduction })
      .where("id", "=", sectionId)
      .execute();
    await touch(trx, surveyId);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.section_updated",
      subjectType: "survey",
      subjectId: surveyId,
      after: { sectionId, title: input.title },
    });
  });
}

export async function deleteSection(
  db: Db,
  actor: Actor,
  surveyId: number,
  sectionId: number,
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    await lockForStructure(trx, surveyId);
    await sectionOf(trx, surveyId, sectionId);
    const count = await trx
      .selectFrom("survey_sections")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("survey_id", "=", surveyId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) <= 1) throw new SurveyConflictError("A survey needs at least one section.");
    await trx.deleteFrom("survey_sections").where("id", "=", sectionId).execute();
    await touch(trx, surveyId);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.section_deleted",
      subjectType: "survey",
      subjectId: surveyId,
      before: { sectionId },
    });
  });
}

/** Swaps positions with the neighbour above or below; at either end it does nothing. */
export async function moveSection(
  db: Db,
  actor: Actor,
  surveyId: number,
  sectionId: number,
  direction: "up" | "down",
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    await lockForStructure(trx, surveyId);
    await sectionOf(trx, surveyId, sectionId);
    const sections = await trx
      .selectFrom("survey_sections")
      .select("id")
      .where("survey_id", "=", surveyId)
      .orderBy("position")
      .orderBy("id")
      .execute();
    const ids = swapped(
      sections.map((section) => section.id),
      sectionId,
      direction,
    );
    for (const [index, id] of ids.entries()) {
      await trx
        .updateTable("survey_sections")
        .set({ position: index + 1 })
        .where("id", "=", id)
        .execute();
    }
    await touch(trx, surveyId);
  });
}

function swapped(ids: number[], id: number, direction: "up" | "down"): number[] {
  const index = ids.indexOf(id);
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= ids.length) return ids;
  const result = [...ids];
  [result[index], result[other]] = [ids[other] ?? id, id];
  return result;
}

function questionColumns(input: QuestionInput) {
  return {
    section_id: input.sectionId,
    kind: input.kind,
    prompt: input.prompt,
    help_text: input.helpText,
    required: input.required,
    settings: JSON.stringify(input.settings),
  };
}

export async function addQuestion(
  db: Db,
  actor: Actor,
  surveyId: number,
  input: QuestionInput,
): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    await lockForStructure(trx, surveyId);
    await sectionOf(trx, surveyId, input.sectionId);
    const last = await trx
      .selectFrom("survey_questions")
      .select((eb) => eb.fn.max("position").as("position"))
      .where("section_id", "=", input.sectionId)
      .executeTakeFirst();
    const row = await trx
      .insertInto("survey_questions")
      .values({ ...questionColumns(input), survey_id: surveyId, position: Number(last?.position ?? 0) + 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await touch(trx, surveyId);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.question_added",
      subjectType: "survey",
      subjectId: surveyId,
      after: { questionId: row.id, kind: input.kind, prompt: input.prompt },
    });
    return row.id;
  });
}

export async function updateQuestion(
  db: Db,
  actor: Actor,
  surveyId: number,
  questionId: number,
  input: QuestionInput,
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    await lockForStructure(trx, surveyId);
    const before = await questionOf(trx, surveyId, questionId);
    await sectionOf(trx, surveyId, input.sectionId);
    const moved = before.section_id !== input.sectionId;
    let position = before.position;
    if (moved) {
      const last = await trx
        .selectFrom("survey_questions")
        .select((eb) => eb.fn.max("position").as("position"))
        .where("section_id", "=", input.sectionId)
        .executeTakeFirst();
      position = Number(last?.position ?? 0) + 1;
    }
    await trx
      .updateTable("survey_questions")
      .set({ ...questionColumns(input), position })
      .where("id", "=", questionId)
      .execute();
    await touch(trx, surveyId);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.question_updated",
      subjectType: "survey",
      subjectId: surveyId,
      before: { questionId, kind: before.kind, prompt: before.prompt },
      after: { questionId, kind: input.kind, prompt: input.prompt },
    });
  });
}

export async function deleteQuestion(
  db: Db,
  actor: Actor,
  surveyId: number,
  questionId: number,
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    await lockForStructure(trx, surveyId);
    const before = await questionOf(trx, surveyId, questionId);
    await trx.deleteFrom("survey_questions").where("id", "=", questionId).execute();
    await touch(trx, surveyId);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.question_deleted",
      subjectType: "survey",
      subjectId: surveyId,
      before: { questionId, kind: before.kind, prompt: before.prompt },
    });
  });
}

export async function moveQuestion(
  db: Db,
  actor: Actor,
  surveyId: number,
  questionId: number,
  direction: "up" | "down",
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    await lockForStructure(trx, surveyId);
    const question = await questionOf(trx, surveyId, questionId);
    const siblings = await trx
      .selectFrom("survey_questions")
      .select("id")
      .where("section_id", "=", question.section_id)
      .orderBy("position")
      .orderBy("id")
      .execute();
    const ids = swapped(
      siblings.map((row) => row.id),
      questionId,
      direction,
    );
    for (const [index, id] of ids.entries()) {
      await trx
        .updateTable("survey_questions")
        .set({ position: index + 1 })
        .where("id", "=", id)
        .execute();
    }
    await touch(trx, surveyId);
  });
}

/**
 * A typo fix that keeps the question's meaning: allowed even after answers exist, because only
 * the words change, never the kind or the choices; the old and new wording go in the audit log.
 */
export async function fixQuestionWording(
  db: Db,
  actor: Actor,
  surveyId: number,
  questionId: number,
  input: { prompt: string; helpText: string },
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    const survey = await lockSurvey(trx, surveyId);
    if (survey.state === "archived") throw new SurveyConflictError("This survey is archived.");
    const before = await questionOf(trx, surveyId, questionId);
    await trx
      .updateTable("survey_questions")
      .set({ prompt: input.prompt, help_text: input.helpText })
      .where("id", "=", questionId)
      .execute();
    await touch(trx, surveyId);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.question_wording_fixed",
      subjectType: "survey",
      subjectId: surveyId,
      before: { questionId, prompt: before.prompt, helpText: before.help_text },
      after: { questionId, prompt: input.prompt, helpText: input.helpText },
    });
  });
}

/** A new draft with the same settings, sections and questions, linked to the survey it copies. */
export async function copySurveyAsNewVersion(db: Db, actor: Actor, surveyId: number): Promise<Survey> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const source = await lockSurvey(trx, surveyId);
    const copy = await trx
      .insertInto("surveys")
      .values({
        title: source.title,
        introduction: source.introduction,
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
      .select(["id", "position", "title", "introduction"])
      .where("survey_id", "=", surveyId)
      .orderBy("position")
      .orderBy("id")
      .execute();
    for (const section of sections) {
      const newSection = await trx
        .insertInto("survey_sections")
        .values({
          survey_id: copy.id,
          position: section.position,
          title: section.title,
          introduction: section.introduction,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const questions = await trx
        .selectFrom("survey_questions")
        .select(["position", "kind", "prompt", "help_text", "required", "settings"])
        .where("section_id", "=", section.id)
        .orderBy("position")
        .orderBy("id")
        .execute();
      if (questions.length) {
        await trx
          .insertInto("survey_questions")
          .values(
            questions.map((question) => ({
              survey_id: copy.id,
              section_id: newSection.id,
              position: question.position,
              kind: question.kind,
              prompt: question.prompt,
              help_text: question.help_text,
              required: question.required,
              settings: JSON.stringify(question.settings),
            })),
          )
          .execute();
      }
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
