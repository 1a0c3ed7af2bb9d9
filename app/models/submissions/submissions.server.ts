import { sql } from "kysely";
import { z } from "zod";
import { adoptConsultation } from "~/models/consultations/triage.server.ts";
import { evidenceValues, type EvidenceValue } from "~/models/evidence/evidence.server.ts";
import { getNetworkFigures } from "~/models/directory/network.server.ts";
import { isStaff, type Actor } from "~/models/accounts/people.server.ts";
import { getVersion, isActiveStaff, selectPositions, toPosition } from "~/models/positions/positions.server.ts";
import { governmentSchema, type Government } from "~/schemas/governments.ts";
import {
  editableSubmissionStates,
  frozenSubmissionStates,
  MAX_QUESTIONS,
  submissionStateLabels,
  submissionStateSchema,
  type SubmissionState,
} from "~/schemas/submissions.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { describeNetwork, formatDate } from "~/utils/format.ts";
import { londonDay, londonToday } from "~/utils/london-time.ts";
import { parseMarkdown, variantMarkdown } from "~/utils/markdown.server.ts";
import type { SplitQuestion } from "~/utils/question-split.ts";
import {
  ORGANISATION_NAME,
  type SubmissionCitation,
  type SubmissionDocument,
} from "~/utils/submission-document.server.ts";

/**
 * Consultation submissions: one consultation, one government, an ordered list of questions each
 * with a Markdown answer. Answers are saved with optimistic concurrency (a save from an older
 * version is refused and the person's text handed back). The lifecycle lives in
 * submission-lifecycle.server.ts; exports and the record of sending in submission-records.server.ts.
 */

export interface Submission {
  id: number;
  consultationId: number;
  consultationTitle: string;
  consultationBody: string;
  consultationUrl: string;
  closesOn: string;
  government: Government;
  preamble: string;
  leadId: number;
  leadName: string;
  leadEmail: string;
  internalDeadline: string;
  state: SubmissionState;
  reviewerId: number | null;
  reviewerName: string | null;
  reviewRequestedBy: number | null;
  approvedBy: number | null;
  approvedAt: Date | null;
  frozenNetwork: FrozenNetwork | null;
  withdrawnReason: string | null;
  slug: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

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

const frozenNetworkSchema = z.object({
  asOf: z.string(),
  members: z.number(),
  staff: z.number(),
  publicIncomeGbp: z.number(),
});
export type FrozenNetwork = z.infer<typeof frozenNetworkSchema>;

/** A refused change the person can do something about: shown as a message, never a 500. */
export class SubmissionRefusal extends Error {
  override name = "SubmissionRefusal";
  constructor(
    message: string,
    readonly status: 400 | 403 | 409 = 409,
  ) {
    super(message);
  }
}

export const notFound = () => new Response("Not found", { status: 404 });

export function requireStaffActor(actor: Actor) {
  // Submissions are the desk's working documents: members and the public see only published ones.
  if (!isStaff(actor)) throw notFound();
}

export const citingSubject = (submissionId: number) => ({ type: "submission", id: submissionId });

export function selectSubmissions(db: Db) {
  return db
    .selectFrom("submissions")
    .innerJoin("consultations", "consultations.id", "submissions.consultation_id")
    .innerJoin("people as lead", "lead.id", "submissions.lead_id")
    .leftJoin("people as reviewer", "reviewer.id", "submissions.reviewer_id")
    .select([
      "submissions.id",
      "submissions.consultation_id",
      "consultations.title as consultation_title",
      "consultations.body as consultation_body",
      "consultations.url as consultation_url",
      "consultations.closes_on",
      "submissions.government",
      "submissions.preamble",
      "submissions.lead_id",
      "lead.name as lead_name",
      "lead.email as lead_email",
      "submissions.internal_deadline",
      "submissions.state",
      "submissions.reviewer_id",
      "reviewer.name as reviewer_name",
      "submissions.review_requested_by",
      "submissions.approved_by",
      "submissions.approved_at",
      "submissions.frozen_network",
      "submissions.withdrawn_reason",
      "submissions.slug",
      "submissions.published_at",
      "submissions.created_at",
      "submissions.updated_at",
    ]);
}

type SubmissionRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectSubmissions>["executeTakeFirst"]>>
>;

export function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    consultationId: row.consultation_id,
    consultationTitle: row.consultation_title,
    consultationBody: row.consultation_body,
    consultationUrl: row.consultation_url,
    closesOn: row.closes_on,
    government: governmentSchema.parse(row.government),
    preamble: row.preamble,
    leadId: row.lead_id,
    leadName: row.lead_name,
    leadEmail: row.lead_email,
    internalDeadline: row.internal_deadline,
    state: submissionStateSchema.parse(row.state),
    reviewerId: row.reviewer_id,
    reviewerName: row.reviewer_name,
    reviewRequestedBy: row.review_requested_by,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    frozenNetwork: row.frozen_network === null ? null : frozenNetworkSchema.parse(row.frozen_network),
    withdrawnReason: row.withdrawn_reason,
    slug: row.slug,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function loadSubmission(db: Db, id: number, { lock = false } = {}): Promise<Submission> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  if (lock) await db.selectFrom("submissions").select("id").where("id", "=", id).forUpdate().execute();
  const row = await selectSubmissions(db).where("submissions.id", "=", id).executeTakeFirst();
  if (!row) throw notFound();
  return toSubmission(row);
}

export async function getSubmission(db: Db, actor: Actor, id: number): Promise<Submission> {
  requireStaffActor(actor);
  return loadSubmission(db, id);
}

export const SUBMISSIONS_PAGE_SIZE = 25;

export async function listSubmissions(
  db: Db,
  actor: Actor,
  query: { state?: SubmissionState | null; page?: number } = {},
): Promise<{ submissions: Submission[]; total: number; page: number; pageSize: number }> {
  requireStaffActor(actor);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  let base = selectSubmissions(db);
  if (query.state) base = base.where("submissions.state", "=", query.state);
  const [rows, count] = await Promise.all([
    base
      .orderBy("submissions.internal_deadline", "asc")
      .orderBy("submissions.id", "desc")
      .limit(SUBMISSIONS_PAGE_SIZE)
      .offset((page - 1) * SUBMISSIONS_PAGE_SIZE)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
  ]);
  return { submissions: rows.map(toSubmission), total: count.count, page, pageSize: SUBMISSIONS_PAGE_SIZE };
}

export interface ConsultationForSubmission {
  id: number;
  title: string;
  body: string;
  url: string;
  level: string;
  nation: string | null;
  closesOn: string;
  triageState: string;
}

/** The consultation a new submission answers (the radar owns the table; this only reads it). */
export async function getConsultationForSubmission(
  db: Db,
  actor: Actor,
  id: number,
): Promise<ConsultationForSubmission> {
  requireStaffActor(actor);
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  const row = await db
    .selectFrom("consultations")
    .select(["id", "title", "body", "url", "level", "nation", "closes_on", "triage_state"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    url: row.url,
    level: row.level,
    nation: row.nation,
    closesOn: row.closes_on,
    triageState: row.triage_state,
  };
}

/** The live submission already answering this consultation for this government, if any. */
export async function findLiveSubmission(
  db: Db,
  consultationId: number,
  government: Government,
): Promise<number | null> {
  const row = await db
    .selectFrom("submissions")
    .select("id")
    .where("consultation_id", "=", consultationId)
    .where("government", "=", government)
    .where("state", "<>", "withdrawn")
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface NewSubmission {
  consultationId: number;
  government: Government;
  leadId: number;
  internalDeadline: string;
  preamble: string;
  questions: SplitQuestion[];
}

/**
 * Starts a submission with its questions. A second one for the same consultation and government
 * (a double-submitted form) finds the first instead: `created` says which happened.
 */
export async function createSubmission(
  db: Db,
  actor: Actor,
  input: NewSubmission,
): Promise<{ id: number; created: boolean }> {
  requireStaffActor(actor);
  if (!input.questions.length) throw new SubmissionRefusal("Add at least one question.", 400);
  if (input.questions.length > MAX_QUESTIONS)
    throw new SubmissionRefusal(`A submission can have at most ${MAX_QUESTIONS} questions.`, 400);
  return inTransaction(db, async (trx) => {
    const consultation = await getConsultationForSubmission(trx, actor, input.consultationId);
    if (!(await isActiveStaff(trx, input.leadId)))
      throw new SubmissionRefusal("The lead must be an active member of staff.", 400);
    const inserted = await trx
      .insertInto("submissions")
      .values({
        consultation_id: input.consultationId,
        government: input.government,
        lead_id: input.leadId,
        internal_deadline: input.internalDeadline,
        preamble: input.preamble,
        created_by: actor.id,
      })
      // The arbiter predicate must be a literal: PostgreSQL matches it against the partial unique
      // index when it plans, and a prepared statement's parameter is unknown then.
      .onConflict((oc) =>
        oc
          .columns(["consultation_id", "government"])
          .where(sql.ref("state"), "<>", sql.lit("withdrawn"))
          .doNothing(),
      )
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      const existing = await findLiveSubmission(trx, input.consultationId, input.government);
      if (existing === null) throw new SubmissionRefusal("Please try again.");
      return { id: existing, created: false };
    }
    await trx
      .insertInto("submission_questions")
      .values(
        input.questions.map((question, index) => ({
          submission_id: inserted.id,
          position: index + 1,
          number: question.number,
          question: question.text,
          updated_by: actor.id,
        })),
      )
      .execute();
    // Answering a consultation nobody has triaged yet adopts it, so the radar's deadline view lists it.
    if (consultation.triageState === "untriaged") await adoptConsultation(trx, actor, consultation.id);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "submission.created",
      subjectType: "submission",
      subjectId: inserted.id,
      after: { ...input, questions: input.questions.length },
    });
    return { id: inserted.id, created: true };
  });
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

function refuseUnlessEditable(submission: Submission) {
  if (editableSubmissionStates.includes(submission.state)) return;
  throw new SubmissionRefusal(
    `This submission is ${submissionStateLabels[submission.state].toLowerCase()}, so its questions and answers can no longer change.`,
  );
}

async function lockQuestion(trx: Db, submissionId: number, questionId: number) {
  const row = await trx
    .selectFrom("submission_questions")
    .select(["id", "number", "question", "answer", "version"])
    .where("id", "=", questionId)
    .where("submission_id", "=", submissionId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export type SaveAnswerResult =
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
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnlessEditable(submission);
    const current = await lockQuestion(trx, submission.id, input.questionId);
    if (current.version !== input.baseVersion) {
      const editor = await trx
        .selectFrom("submission_questions")
        .leftJoin("people", "people.id", "submission_questions.updated_by")
        .select("people.name")
        .where("submission_questions.id", "=", current.id)
        .executeTakeFirst();
      return {
        ok: false,
        current: { answer: current.answer, version: current.version, updatedByName: editor?.name ?? null },
      };
    }
    if (current.answer === input.answer) return { ok: true, version: current.version, unchanged: true };
    await trx
      .updateTable("submission_questions")
      .set({
        answer: input.answer,
        version: current.version + 1,
        updated_by: actor.id,
        updated_at: new Date(),
      })
      .where("id", "=", current.id)
      .execute();
    await trx
      .updateTable("submissions")
      .set({ updated_at: new Date() })
      .where("id", "=", submission.id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "submission.answer_saved",
      subjectType: "submission",
      subjectId: submission.id,
      before: { questionId: current.id, version: current.version, chars: current.answer.length },
      after: { questionId: current.id, version: current.version + 1, chars: input.answer.length },
    });
    return { ok: true, version: current.version + 1, unchanged: false };
  });
}

export async function editQuestion(
  db: Db,
  actor: Actor,
  input: { submissionId: number; questionId: number; baseVersion: number; number: string; question: string },
): Promise<SaveAnswerResult> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnlessEditable(submission);
    const current = await lockQuestion(trx, submission.id, input.questionId);
    if (current.version !== input.baseVersion)
      return {
        ok: false,
        current: { answer: current.question, version: current.version, updatedByName: null },
      };
    await trx
      .updateTable("submission_questions")
      .set({
        number: input.number || null,
        question: input.question,
        version: current.version + 1,
        updated_by: actor.id,
        updated_at: new Date(),
      })
      .where("id", "=", current.id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "submission.question_edited",
      subjectType: "submission",
      subjectId: submission.id,
      before: { questionId: current.id, number: current.number, question: current.question },
      after: { questionId: current.id, number: input.number || null, question: input.question },
    });
    return { ok: true, version: current.version + 1, unchanged: false };
  });
}

export async function addQuestion(
  db: Db,
  actor: Actor,
  input: { submissionId: number; number: string; question: string },
): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnlessEditable(submission);
    const last = await trx
      .selectFrom("submission_questions")
      .select((eb) => [eb.fn.max("position").as("position"), eb.fn.countAll<number>().as("count")])
      .where("submission_id", "=", submission.id)
      .executeTakeFirstOrThrow();
    if (last.count >= MAX_QUESTIONS)
      throw new SubmissionRefusal(`A submission can have at most ${MAX_QUESTIONS} questions.`, 400);
    const row = await trx
      .insertInto("submission_questions")
      .values({
        submission_id: submission.id,
        position: Number(last.position ?? 0) + 1,
        number: input.number || null,
        question: input.question,
        updated_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "submission.question_added",
      subjectType: "submission",
      subjectId: submission.id,
      after: { questionId: row.id, number: input.number || null, question: input.question },
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
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnlessEditable(submission);
    const current = await lockQuestion(trx, submission.id, input.questionId);
    await trx.deleteFrom("submission_questions").where("id", "=", current.id).execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "submission.question_deleted",
      subjectType: "submission",
      subjectId: submission.id,
      before: {
        questionId: current.id,
        number: current.number,
        question: current.question,
        answer: current.answer,
      },
    });
  });
}

/** The about-us paragraph, from the network figures (live for a draft, frozen once approved). */
export function aboutUs(figures: FrozenNetwork): string {
  return (
    `The ${ORGANISATION_NAME} is the trade body for public service mutuals: employee-owned organisations ` +
    `that left the public sector and deliver public services. Our members are ${describeNetwork(figures)} ` +
    `(directory figures at ${formatDate(figures.asOf)}).`
  );
}

export async function liveNetwork(db: Db): Promise<FrozenNetwork> {
  const figures = await getNetworkFigures(db, { asOf: londonToday() });
  return {
    asOf: figures.asOf,
    members: figures.members,
    staff: figures.staff,
    publicIncomeGbp: figures.publicIncomeGbp,
  };
}

const isFrozen = (submission: Pick<Submission, "state" | "frozenNetwork">) =>
  submission.frozenNetwork !== null &&
  (frozenSubmissionStates.includes(submission.state) || submission.state === "withdrawn");

const toCitation = (value: EvidenceValue): SubmissionCitation => ({
  id: value.evidenceId,
  problem: value.problem,
  text: value.text,
  url: value.url,
  n: value.n,
  on: value.on,
});

/** Evidence ids cited anywhere in the government's variant of the answers, in order. */
export function citedEvidenceIds(
  questions: readonly Pick<SubmissionQuestion, "answer">[],
  government: Government,
) {
  const ids = new Set<number>();
  for (const question of questions)
    for (const id of parseMarkdown(question.answer, { government }).citedIds) ids.add(id);
  return [...ids];
}

/**
 * The document as it stands: for a draft, live figures and today's date; from approval on, the
 * figures, citations and date frozen at approval, so it renders the same whatever changes later.
 */
export async function submissionDocument(
  db: Db,
  submission: Submission,
  questions?: SubmissionQuestion[],
): Promise<SubmissionDocument> {
  const list = questions ?? (await listQuestions(db, submission.id));
  const ids = citedEvidenceIds(list, submission.government);
  const frozen = isFrozen(submission);
  const values = await evidenceValues(
    db,
    ids,
    frozen ? { frozen: citingSubject(submission.id) } : { asOf: new Date() },
  );
  const network = frozen && submission.frozenNetwork ? submission.frozenNetwork : await liveNetwork(db);
  return {
    consultationTitle: submission.consultationTitle,
    government: submission.government,
    organisationName: ORGANISATION_NAME,
    date: frozen && submission.approvedAt ? londonDay(submission.approvedAt) : londonToday(),
    aboutUs: aboutUs(network),
    questions: list.map((question) => ({
      number: question.number,
      text: question.question,
      answer: question.answer,
    })),
    citations: new Map([...values].map(([id, value]) => [id, toCitation(value)])),
  };
}

export { isFrozen as isSubmissionFrozen };

export interface InsertablePosition {
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
  return { slug: position.slug, title: position.title, markdown: variantMarkdown(version.body, government) };
}

/** Consultations still open, soonest closing first, for starting a submission without the radar. */
export async function listOpenConsultations(
  db: Db,
  actor: Actor,
): Promise<{ id: number; title: string; closesOn: string }[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("consultations")
    .select(["id", "title", "closes_on"])
    .where("closes_on", ">=", londonToday())
    .orderBy("closes_on")
    .orderBy("id")
    .limit(300)
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, closesOn: row.closes_on }));
}

/** A published submission, for its public page: anyone may read it, as frozen at approval. */
export async function getPublishedSubmission(
  db: Db,
  slug: string,
): Promise<{ submission: Submission; document: SubmissionDocument }> {
  if (slug.length > 200) throw notFound();
  const row = await selectSubmissions(db)
    .where("submissions.slug", "=", slug)
    .where("submissions.published_at", "is not", null)
    .where("submissions.state", "in", frozenSubmissionStates)
    .executeTakeFirst();
  if (!row) throw notFound();
  const submission = toSubmission(row);
  return { submission, document: await submissionDocument(db, submission) };
}

/** Submissions already answering a consultation, so "Start the submission" can point at them. */
export async function listSubmissionsForConsultation(
  db: Db,
  actor: Actor,
  consultationId: number,
): Promise<{ id: number; government: Government; state: SubmissionState }[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("submissions")
    .select(["id", "government", "state"])
    .where("consultation_id", "=", consultationId)
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    government: governmentSchema.parse(row.government),
    state: submissionStateSchema.parse(row.state),
  }));
}

/** The submissions answering each of several consultations, for lists such as the radar's deadlines. */
export async function listSubmissionsForConsultations(
  db: Db,
  actor: Actor,
  consultationIds: readonly number[],
): Promise<{ id: number; consultationId: number; government: Government; state: SubmissionState }[]> {
  requireStaffActor(actor);
  if (!consultationIds.length) return [];
  const rows = await db
    .selectFrom("submissions")
    .select(["id", "consultation_id", "government", "state"])
    .where("consultation_id", "in", consultationIds)
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    consultationId: row.consultation_id,
    government: governmentSchema.parse(row.government),
    state: submissionStateSchema.parse(row.state),
  }));
}
