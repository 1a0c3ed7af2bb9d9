import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { getVersion, selectPositions, toPosition } from "~/models/positions/positions.server.ts";
import type { Government } from "~/schemas/governments.ts";
import { editableSubmissionStates, MAX_QUESTIONS, submissionStateLabels } from "~/schemas/submissions.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { variantMarkdown } from "~/utils/markdown.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { auditSubmission, loadSubmission, type Submission } from "./submissions.server.ts";
import { demoteHeadings } from "~/utils/markdown-blocks.ts";

/**
 * The questions of a submission and their answers. Each question carries a version: a save made
 * from an older version is refused and the person's text handed back, so two people editing one
 * answer never overwrite each other silently. Questions and answers change only until approval.
 */

export interface SubmissionQuestion {
  id: number;
  position: number;
  number: string | null;
  question: string;
  answer: string;
  version: number;
  updatedByName: string | null;
  updatedAt: Date;
}

/** `field`: the form's box for the questions, when the refusal belongs against it. */
export function tooManyQuestions(field?: string) {
  const message = `A submission can have at most ${MAX_QUESTIONS} questions.`;
  return Refusal.invalid(message, field ? { [field]: message } : {});
}

export async function listQuestions(db: Db, submissionId: number): Promise<SubmissionQuestion[]> {
  const rows = await db
    .selectFrom("submission_questions")
    .leftJoin("people", "people.id", "submission_questions.updated_by")
    .select([
      "submission_questions.id",
      "submission_questions.position",
      "submission_questions.number",
      "submission_questions.question",
      "submission_questions.answer",
      "submission_questions.version",
      "submission_questions.updated_at",
      "people.name as updated_by_name",
    ])
    .where("submission_questions.submission_id", "=", submissionId)
    .orderBy("submission_questions.position")
    .orderBy("submission_questions.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    position: row.position,
    number: row.number,
    question: row.question,
    answer: row.answer,
    version: row.version,
    updatedByName: row.updated_by_name,
    updatedAt: row.updated_at,
  }));
}

/**
 * Locks the submission and one of its questions for a change, refusing once the submission is
 * signed off; a question of another submission is not found.
 */
async function editableQuestion(trx: Db, submissionId: number, questionId: number) {
  const submission = await editableSubmission(trx, submissionId);
  const question = await trx
    .selectFrom("submission_questions")
    .select(["id", "number", "question", "answer", "version"])
    .where("id", "=", questionId)
    .where("submission_id", "=", submission.id)
    .forUpdate()
    .executeTakeFirst();
  if (!question) throw Refusal.notFound();
  return { submission, question };
}

async function editableSubmission(trx: Db, submissionId: number): Promise<Submission> {
  const submission = await loadSubmission(trx, submissionId, { lock: true });
  if (!editableSubmissionStates.includes(submission.state))
    throw Refusal.conflict(
      `This submission is ${submissionStateLabels[submission.state].toLowerCase()}, so its questions and answers can no longer change.`,
    );
  return submission;
}

const questionChange = (actor: Actor, version: number) => ({
  version: version + 1,
  updated_by: actor.id,
  updated_at: new Date(),
});

type SaveAnswerResult =
  | { ok: true; version: number; unchanged: boolean }
  | { ok: false; current: { answer: string; version: number; updatedByName: string | null } };

/**
 * Saves an answer unless someone saved it since the form was opened: then nothing is written
 * and the caller gets the current text, to show beside the person's own (a 409).
 */
export async function saveAnswer(
  db: Db,
  actor: Actor,
  input: { submissionId: number; questionId: number; baseVersion: number; answer: string },
): Promise<SaveAnswerResult> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const { submission, question } = await editableQuestion(trx, input.submissionId, input.questionId);
    if (question.version !== input.baseVersion) {
      const editor = await trx
        .selectFrom("submission_questions")
        .leftJoin("people", "people.id", "submission_questions.updated_by")
        .select("people.name")
        .where("submission_questions.id", "=", question.id)
        .executeTakeFirst();
      return {
        ok: false,
        current: { answer: question.answer, version: question.version, updatedByName: editor?.name ?? null },
      };
    }
    if (question.answer === input.answer) return { ok: true, version: question.version, unchanged: true };
    await trx
      .updateTable("submission_questions")
      .set({ answer: input.answer, ...questionChange(actor, question.version) })
      .where("id", "=", question.id)
      .execute();
    await trx
      .updateTable("submissions")
      .set({ updated_at: new Date() })
      .where("id", "=", submission.id)
      .execute();
    await auditSubmission(trx, actor, submission.id, "answer_saved", {
      before: { questionId: question.id, version: question.version, chars: question.answer.length },
      after: { questionId: question.id, version: question.version + 1, chars: input.answer.length },
    });
    return { ok: true, version: question.version + 1, unchanged: false };
  });
}

/** Changes a question's wording; a change from an older version is refused (409). Gives the new version. */
export async function editQuestion(
  db: Db,
  actor: Actor,
  input: {
    submissionId: number;
    questionId: number;
    baseVersion: number;
    number: string | null;
    question: string;
  },
): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const { submission, question } = await editableQuestion(trx, input.submissionId, input.questionId);
    if (question.version !== input.baseVersion)
      throw Refusal.conflict("Someone changed this question since you opened it: reload the page.");
    await trx
      .updateTable("submission_questions")
      .set({ number: input.number, question: input.question, ...questionChange(actor, question.version) })
      .where("id", "=", question.id)
      .execute();
    await auditSubmission(trx, actor, submission.id, "question_edited", {
      before: { questionId: question.id, number: question.number, question: question.question },
      after: { questionId: question.id, number: input.number, question: input.question },
    });
    return question.version + 1;
  });
}

export async function addQuestion(
  db: Db,
  actor: Actor,
  input: { submissionId: number; number: string | null; question: string },
): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const submission = await editableSubmission(trx, input.submissionId);
    const last = await trx
      .selectFrom("submission_questions")
      .select((eb) => [eb.fn.max("position").as("position"), eb.fn.countAll<number>().as("count")])
      .where("submission_id", "=", submission.id)
      .executeTakeFirstOrThrow();
    if (last.count >= MAX_QUESTIONS) throw tooManyQuestions();
    const row = await trx
      .insertInto("submission_questions")
      .values({
        submission_id: submission.id,
        position: Number(last.position ?? 0) + 1,
        number: input.number,
        question: input.question,
        updated_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditSubmission(trx, actor, submission.id, "question_added", {
      after: { questionId: row.id, number: input.number, question: input.question },
    });
    return row.id;
  });
}

export async function deleteQuestion(
  db: Db,
  actor: Actor,
  input: { submissionId: number; questionId: number },
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    const { submission, question } = await editableQuestion(trx, input.submissionId, input.questionId);
    await trx.deleteFrom("submission_questions").where("id", "=", question.id).execute();
    await auditSubmission(trx, actor, submission.id, "question_deleted", {
      before: {
        questionId: question.id,
        number: question.number,
        question: question.question,
        answer: question.answer,
      },
    });
  });
}

interface InsertablePosition {
  slug: string;
  title: string;
  stateLabel: string;
}

/** Positions whose agreed text an answer may quote: published ones, and approved ones not yet published. */
export async function listInsertablePositions(db: Db, actor: Actor): Promise<InsertablePosition[]> {
  requireStaffActor(actor);
  const rows = await selectPositions(db)
    .where("positions.state", "in", ["approved", "published"])
    .orderBy("positions.title")
    .limit(200)
    .execute();
  return rows.map(toPosition).map((position) => ({
    slug: position.slug,
    title: position.title,
    stateLabel: position.state === "published" ? "published" : "approved",
  }));
}

/** In the exported document a question's heading is level 2, so an answer's headings start at 3. */
const ANSWER_TOP_HEADING = 3;

/**
 * A position's agreed text as this government reads it (its nation blocks, without fences),
 * ready to paste into an answer. Citations stay as `[@ev:12]`, so they follow into the answer.
 */
export async function positionTextFor(
  db: Db,
  actor: Actor,
  slug: string,
  government: Government,
): Promise<{ slug: string; title: string; markdown: string } | null> {
  requireStaffActor(actor);
  const row = await selectPositions(db)
    .where("positions.slug", "=", slug)
    .where("positions.state", "in", ["approved", "published"])
    .executeTakeFirst();
  if (!row) return null;
  const position = toPosition(row);
  const versionId = position.publishedVersionId ?? position.approvedVersionId;
  if (versionId === null) return null;
  const version = await getVersion(db, actor, position, versionId);
  // Answers sit under a question's heading: the position's own headings go beneath it.
  const markdown = demoteHeadings(variantMarkdown(version.body, government), ANSWER_TOP_HEADING);
  return { slug: position.slug, title: position.title, markdown };
}
