import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { governmentSchema, type Government } from "~/schemas/governments.ts";
import { submissionStateSchema, type SubmissionState } from "~/schemas/submissions.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { idParam } from "~/utils/ids.ts";
import type { MoveContext } from "~/models/lifecycle.server.ts";
import { memoPerRequest } from "~/utils/per-request.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/**
 * Consultation submissions as they are read: one consultation, one government, an ordered list of
 * questions each with a Markdown answer (answers.server.ts). Submissions are the desk's working
 * documents, so only staff reach them; the public reads published ones (documents.server.ts).
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
  /** The document as approved (documents.server.ts): what every export reads from approval on. */
  frozenDocument: FrozenDocument | null;
  withdrawnReason: string | null;
  slug: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const frozenNetworkSchema = z.object({
  asOf: z.string(),
  members: z.number(),
  staff: z.number(),
  publicIncomeGbp: z.number(),
});
export type FrozenNetwork = z.infer<typeof frozenNetworkSchema>;

const frozenDocumentSchema = z.object({
  consultationTitle: z.string(),
  government: governmentSchema,
  organisationName: z.string(),
  date: z.string(),
  aboutUs: z.string(),
  questions: z.array(z.object({ number: z.string().nullable(), text: z.string(), answer: z.string() })),
  citations: z.array(
    z.object({
      id: z.number(),
      problem: z.enum(["withdrawn", "no_consent"]).nullable(),
      text: z.string(),
      url: z.string().nullable(),
      n: z.number().nullable(),
      on: z.string().nullable(),
    }),
  ),
});
export type FrozenDocument = z.infer<typeof frozenDocumentSchema>;

/** Ids beyond PostgreSQL's integer are not found rather than a database error. */
export const isRowId = (id: number) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647;

/** An audit row about a submission, outside its lifecycle's moves (which write their own). */
export const auditSubmission = (
  trx: Db,
  actor: Actor,
  submissionId: number,
  action: string,
  change: { before?: unknown; after?: unknown },
) =>
  writeAudit(trx, {
    actorId: actor.id,
    action: `submission.${action}`,
    subjectType: "submission",
    subjectId: submissionId,
    ...change,
  });

export const submissionLink = (context: MoveContext, submission: Pick<Submission, "id">) =>
  new URL(`/submissions/${submission.id}`, context.appUrl).toString();

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
      "submissions.frozen_document",
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
    frozenDocument: row.frozen_document === null ? null : frozenDocumentSchema.parse(row.frozen_document),
    withdrawnReason: row.withdrawn_reason,
    slug: row.slug,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function loadSubmission(db: Db, id: number, { lock = false } = {}): Promise<Submission> {
  if (!isRowId(id)) throw Refusal.notFound();
  if (lock) await db.selectFrom("submissions").select("id").where("id", "=", id).forUpdate().execute();
  const row = await selectSubmissions(db).where("submissions.id", "=", id).executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return toSubmission(row);
}

export async function getSubmission(db: Db, actor: Actor, id: number): Promise<Submission> {
  requireStaffActor(actor);
  return loadSubmission(db, id);
}

const requestSubmissions = memoPerRequest<Submission>();

/**
 * The submission a page at /submissions/:id shows, loaded and authorised once per request: the
 * layout and the page inside it both ask. Loaders only: an action changes it, and the page drawn
 * after the action must read it again.
 */
export async function submissionForPage(request: Request, context: AppLoadContext, params: Params) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const key = `${request.headers.get("Cookie") ?? ""} ${id}`;
  const submission = await requestSubmissions.get(context, key, () => getSubmission(context.db, user, id));
  return { user, submission };
}

const SUBMISSIONS_PAGE_SIZE = 25;

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

/** The submissions answering each of several consultations, for the radar's pages and its deadlines. */
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

/** Submissions already answering a consultation, so "Start the submission" can point at them. */
export async function listSubmissionsForConsultation(db: Db, actor: Actor, consultationId: number) {
  const submissions = await listSubmissionsForConsultations(db, actor, [consultationId]);
  return submissions.map(({ id, government, state }) => ({ id, government, state }));
}
