import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { QuestionInput, SectionInput } from "~/schemas/survey-builder.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { conditionFrom, conditionProblems, type Condition } from "~/utils/survey-conditions.ts";
import { loadSurvey, loadSurveyContent, surveyHasAnswers, type Survey } from "./surveys.server.ts";

const QUESTIONS_FIXED_MESSAGE =
  "People have started answering this survey, so its questions cannot change: answers already given " +
  "would no longer match. Fix a typo in the wording instead, or copy the survey as a new version.";

/**
 * What may change when: the structure (sections and questions added, moved, removed or changed)
 * only before anyone has answered and while the survey is not closed; the wording (a section's
 * title, a typo in a question) until the survey is archived.
 */
type Rule = "structure" | "wording";

interface Change<T> {
  result: T;
  /** The audit action after "survey.", and what it records; moves of position are not audited. */
  audit?: { action: string; before?: Record<string, unknown>; after?: Record<string, unknown> };
}

/**
 * One change to a survey's content, in a transaction with the survey row locked, so changes and
 * the first answer queue behind each other. Every change moves surveys.updated_at, which the
 * answering pages' cached content is keyed on.
 */
async function changeContent<T>(
  db: Db,
  actor: Actor,
  surveyId: number,
  rule: Rule,
  work: (trx: Db) => Promise<Change<T>>,
): Promise<T> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const survey = await loadSurvey(trx, surveyId, { lock: true });
    if (rule === "wording" && survey.state === "archived") throw Refusal.conflict("This survey is archived.");
    if (rule === "structure") {
      if (survey.state === "closed" || survey.state === "archived") {
        throw Refusal.conflict("This survey has closed: its questions can no longer change.");
      }
      if (await surveyHasAnswers(trx, surveyId)) throw Refusal.conflict(QUESTIONS_FIXED_MESSAGE);
    }
    const { result, audit } = await work(trx);
    await checkContent(trx, survey);
    await trx.updateTable("surveys").set({ updated_at: new Date() }).where("id", "=", surveyId).execute();
    if (audit) {
      await writeAudit(trx, {
        actorId: actor.id,
        subjectType: "survey",
        subjectId: surveyId,
        ...audit,
        action: `survey.${audit.action}`,
      });
    }
    return result;
  });
}

/**
 * What must hold of a survey's content after every change: conditions only about earlier questions
 * (so a move or a deletion that would break one is refused, naming it), and no file question on
 * an anonymous survey (a document's content and metadata name its author).
 */
async function checkContent(trx: Db, survey: Pick<Survey, "id" | "anonymity">) {
  const content = await loadSurveyContent(trx, survey.id);
  const problems = conditionProblems(content);
  if (problems.length) {
    throw Refusal.invalid(problems.join(". ") + ".", { showWhen: problems[0] ?? "" });
  }
  if (
    survey.anonymity === "anonymous" &&
    content.some((section) => section.questions.some((question) => question.config.kind === "file"))
  ) {
    throw Refusal.invalid(ANONYMOUS_FILES_MESSAGE, { kind: ANONYMOUS_FILES_MESSAGE });
  }
}

export const ANONYMOUS_FILES_MESSAGE =
  "Anonymous surveys cannot ask for files: a document's content and hidden details (author, " +
  "organisation, edit history) can name who sent it. Make the survey confidential, or ask in words.";

/** Setting a condition changes who is asked what: like any structural change, not once answers exist. */
async function requireConditionMayChange(
  trx: Db,
  surveyId: number,
  before: unknown,
  after: Condition | null,
) {
  if (JSON.stringify(conditionFrom(before)) === JSON.stringify(after)) return;
  const survey = await loadSurvey(trx, surveyId, { lock: false });
  if (survey.state === "closed" || survey.state === "archived" || (await surveyHasAnswers(trx, surveyId))) {
    throw Refusal.conflict(QUESTIONS_FIXED_MESSAGE);
  }
}

async function sectionOf(trx: Db, surveyId: number, sectionId: number) {
  const section = await trx
    .selectFrom("survey_sections")
    .select(["id", "position", "condition"])
    .where("id", "=", sectionId)
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!section) throw Refusal.notFound();
  return section;
}

async function questionOf(trx: Db, surveyId: number, questionId: number) {
  const question = await trx
    .selectFrom("survey_questions")
    .select(["id", "section_id", "position", "prompt", "help_text", "kind"])
    .where("id", "=", questionId)
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!question) throw Refusal.notFound();
  return question;
}

/** The position after the last question of a section. */
async function endOfSection(trx: Db, sectionId: number): Promise<number> {
  const last = await trx
    .selectFrom("survey_questions")
    .select((eb) => eb.fn.max("position").as("position"))
    .where("section_id", "=", sectionId)
    .executeTakeFirst();
  return Number(last?.position ?? 0) + 1;
}

/** `ids` in order with `id` swapped with its neighbour above or below; at either end, unchanged. */
function swapped(ids: number[], id: number, direction: "up" | "down"): number[] {
  const index = ids.indexOf(id);
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= ids.length) return ids;
  const result = [...ids];
  [result[index], result[other]] = [ids[other] ?? id, id];
  return result;
}

/** Numbers the rows 1, 2, 3... in the order given. */
async function renumber(trx: Db, table: "survey_sections" | "survey_questions", ids: number[]) {
  for (const [index, id] of ids.entries()) {
    await trx
      .updateTable(table)
      .set({ position: index + 1 })
      .where("id", "=", id)
      .execute();
  }
}

export function addSection(db: Db, actor: Actor, surveyId: number, input: SectionInput): Promise<number> {
  return changeContent(db, actor, surveyId, "structure", async (trx) => {
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
        condition: input.condition ? JSON.stringify(input.condition) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return {
      result: row.id,
      audit: { action: "section_added", after: { sectionId: row.id, title: input.title } },
    };
  });
}

export function updateSection(
  db: Db,
  actor: Actor,
  surveyId: number,
  sectionId: number,
  input: SectionInput,
): Promise<void> {
  return changeContent(db, actor, surveyId, "wording", async (trx) => {
    const before = await sectionOf(trx, surveyId, sectionId);
    const condition = input.condition === undefined ? conditionFrom(before.condition) : input.condition;
    await requireConditionMayChange(trx, surveyId, before.condition, condition);
    await trx
      .updateTable("survey_sections")
      .set({
        title: input.title,
        introduction: input.introduction,
        condition: condition ? JSON.stringify(condition) : null,
      })
      .where("id", "=", sectionId)
      .execute();
    return {
      result: undefined,
      audit: { action: "section_updated", after: { sectionId, title: input.title } },
    };
  });
}

export function deleteSection(db: Db, actor: Actor, surveyId: number, sectionId: number): Promise<void> {
  return changeContent(db, actor, surveyId, "structure", async (trx) => {
    await sectionOf(trx, surveyId, sectionId);
    const count = await trx
      .selectFrom("survey_sections")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("survey_id", "=", surveyId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) <= 1) throw Refusal.conflict("A survey needs at least one section.");
    await trx.deleteFrom("survey_sections").where("id", "=", sectionId).execute();
    return { result: undefined, audit: { action: "section_deleted", before: { sectionId } } };
  });
}

export function moveSection(
  db: Db,
  actor: Actor,
  surveyId: number,
  sectionId: number,
  direction: "up" | "down",
): Promise<void> {
  return changeContent(db, actor, surveyId, "structure", async (trx) => {
    await sectionOf(trx, surveyId, sectionId);
    const sections = await trx
      .selectFrom("survey_sections")
      .select("id")
      .where("survey_id", "=", surveyId)
      .orderBy("position")
      .orderBy("id")
      .execute();
    const ids = sections.map((section) => section.id);
    await renumber(trx, "survey_sections", swapped(ids, sectionId, direction));
    return { result: undefined };
  });
}

function questionColumns(input: QuestionInput) {
  return {
    section_id: input.sectionId,
    kind: input.kind,
    prompt: input.prompt,
    help_text: input.helpText,
    required: input.required,
    settings: JSON.stringify(input.settings),
    condition: input.condition ? JSON.stringify(input.condition) : null,
  };
}

export function addQuestion(db: Db, actor: Actor, surveyId: number, input: QuestionInput): Promise<number> {
  return changeContent(db, actor, surveyId, "structure", async (trx) => {
    await sectionOf(trx, surveyId, input.sectionId);
    const row = await trx
      .insertInto("survey_questions")
      .values({
        ...questionColumns(input),
        survey_id: surveyId,
        position: await endOfSection(trx, input.sectionId),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const after = { questionId: row.id, kind: input.kind, prompt: input.prompt };
    return { result: row.id, audit: { action: "question_added", after } };
  });
}

/** A question moved to another section goes to the end of it. */
export function updateQuestion(
  db: Db,
  actor: Actor,
  surveyId: number,
  questionId: number,
  input: QuestionInput,
): Promise<void> {
  return changeContent(db, actor, surveyId, "structure", async (trx) => {
    const before = await questionOf(trx, surveyId, questionId);
    await sectionOf(trx, surveyId, input.sectionId);
    const position =
      before.section_id === input.sectionId ? before.position : await endOfSection(trx, input.sectionId);
    await trx
      .updateTable("survey_questions")
      .set({ ...questionColumns(input), position })
      .where("id", "=", questionId)
      .execute();
    return {
      result: undefined,
      audit: {
        action: "question_updated",
        before: { questionId, kind: before.kind, prompt: before.prompt },
        after: { questionId, kind: input.kind, prompt: input.prompt },
      },
    };
  });
}

export function deleteQuestion(db: Db, actor: Actor, surveyId: number, questionId: number): Promise<void> {
  return changeContent(db, actor, surveyId, "structure", async (trx) => {
    const before = await questionOf(trx, surveyId, questionId);
    await trx.deleteFrom("survey_questions").where("id", "=", questionId).execute();
    const audit = {
      action: "question_deleted",
      before: { questionId, kind: before.kind, prompt: before.prompt },
    };
    return { result: undefined, audit };
  });
}

export function moveQuestion(
  db: Db,
  actor: Actor,
  surveyId: number,
  questionId: number,
  direction: "up" | "down",
): Promise<void> {
  return changeContent(db, actor, surveyId, "structure", async (trx) => {
    const question = await questionOf(trx, surveyId, questionId);
    const siblings = await trx
      .selectFrom("survey_questions")
      .select("id")
      .where("section_id", "=", question.section_id)
      .orderBy("position")
      .orderBy("id")
      .execute();
    const ids = siblings.map((row) => row.id);
    await renumber(trx, "survey_questions", swapped(ids, questionId, direction));
    return { result: undefined };
  });
}

/**
 * A typo fix that keeps the question's meaning: allowed even after answers exist, because only
 * the words change, never the kind or the choices; the old and new wording go in the audit log.
 */
export function fixQuestionWording(
  db: Db,
  actor: Actor,
  surveyId: number,
  questionId: number,
  input: { prompt: string; helpText: string },
): Promise<void> {
  return changeContent(db, actor, surveyId, "wording", async (trx) => {
    const before = await questionOf(trx, surveyId, questionId);
    await trx
      .updateTable("survey_questions")
      .set({ prompt: input.prompt, help_text: input.helpText })
      .where("id", "=", questionId)
      .execute();
    return {
      result: undefined,
      audit: {
        action: "question_wording_fixed",
        before: { questionId, prompt: before.prompt, helpText: before.help_text },
        after: { questionId, prompt: input.prompt, helpText: input.helpText },
      },
    };
  });
}
