import { z } from "zod";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import {
  submissionChannelLabels,
  submissionChannels,
  submissionFileKinds,
  type SubmissionChannel,
  type SubmissionFileKind,
} from "~/schemas/submissions.ts";
import type { Db } from "~/utils/db.server.ts";
import { endOfLondonDay } from "~/utils/london-time.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { listQuestions } from "./answers.server.ts";
import { exportFile, sha256, submissionDocument } from "./documents.server.ts";
import type { Submission } from "./submissions.server.ts";

/**
 * The permanent record of what was sent: channel, reference, time, who, and the exact bytes of
 * each file with its SHA-256; and the government's responses. Records are never changed (a
 * database trigger refuses it); a correction is a new record pointing at the one it corrects.
 * The lifecycle (lifecycle.server.ts) writes them with the moves they belong to.
 */

interface SubmissionRecord {
  id: number;
  channel: SubmissionChannel;
  reference: string;
  sentAt: Date;
  note: string;
  recordedByName: string | null;
  recordedAt: Date;
  correctsId: number | null;
  /** Set when a later record corrects this one. */
  correctedById: number | null;
  files: { kind: SubmissionFileKind; filename: string; sha256: string; bytes: number }[];
}

export async function listSubmissionRecords(
  db: Db,
  actor: Actor,
  submissionId: number,
): Promise<SubmissionRecord[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("submission_records")
    .leftJoin("people", "people.id", "submission_records.recorded_by")
    .leftJoin("submission_records as correction", "correction.corrects_id", "submission_records.id")
    .select([
      "submission_records.id",
      "submission_records.channel",
      "submission_records.reference",
      "submission_records.sent_at",
      "submission_records.note",
      "submission_records.recorded_at",
      "submission_records.corrects_id",
      "people.name as recorded_by_name",
      "correction.id as corrected_by_id",
    ])
    .where("submission_records.submission_id", "=", submissionId)
    .orderBy("submission_records.id", "desc")
    .execute();
  if (!rows.length) return [];
  const files = await db
    .selectFrom("submission_files")
    .select((eb) => [
      "record_id",
      "kind",
      "filename",
      "sha256",
      eb.fn<number>("octet_length", ["content"]).as("bytes"),
    ])
    .where(
      "record_id",
      "in",
      rows.map((row) => row.id),
    )
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    channel: z.enum(submissionChannels).parse(row.channel),
    reference: row.reference,
    sentAt: row.sent_at,
    note: row.note,
    recordedByName: row.recorded_by_name,
    recordedAt: row.recorded_at,
    correctsId: row.corrects_id,
    correctedById: row.corrected_by_id,
    files: files
      .filter((file) => file.record_id === row.id)
      .map((file) => ({
        kind: z.enum(submissionFileKinds).parse(file.kind),
        filename: file.filename,
        sha256: file.sha256,
        bytes: Number(file.bytes),
      })),
  }));
}

interface SubmissionOutcome {
  id: number;
  responseUrl: string | null;
  responseOn: string | null;
  note: string;
  recordedByName: string | null;
  recordedAt: Date;
}

export async function listOutcomes(db: Db, actor: Actor, submissionId: number): Promise<SubmissionOutcome[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("submission_outcomes")
    .leftJoin("people", "people.id", "submission_outcomes.recorded_by")
    .select([
      "submission_outcomes.id",
      "submission_outcomes.response_url",
      "submission_outcomes.response_on",
      "submission_outcomes.note",
      "submission_outcomes.recorded_at",
      "people.name as recorded_by_name",
    ])
    .where("submission_outcomes.submission_id", "=", submissionId)
    .orderBy("submission_outcomes.id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    responseUrl: row.response_url,
    responseOn: row.response_on,
    note: row.note,
    recordedByName: row.recorded_by_name,
    recordedAt: row.recorded_at,
  }));
}

export interface SendingRecord {
  channel: SubmissionChannel;
  reference: string;
  sentOn: string;
  note: string;
}

/** When it was sent: "today" means now; an earlier day means the latest moment of that day. */
export function sentAtOf(sentOn: string, now: Date): Date {
  const endOfDay = endOfLondonDay(sentOn);
  if (endOfDay.getTime() - now.getTime() > 86_400_000)
    throw Refusal.invalid("The date it was sent cannot be in the future.");
  return endOfDay > now ? now : new Date(endOfDay.getTime() - 1);
}

/** A correction must name a record of this submission that nothing has corrected yet. */
export async function refuseUnlessCorrectable(trx: Db, submissionId: number, recordId: number) {
  const earlier = await trx
    .selectFrom("submission_records")
    .leftJoin("submission_records as correction", "correction.corrects_id", "submission_records.id")
    .select(["submission_records.id", "correction.id as corrected_by"])
    .where("submission_records.id", "=", recordId)
    .where("submission_records.submission_id", "=", submissionId)
    .executeTakeFirst();
  if (!earlier) throw Refusal.notFound();
  if (earlier.corrected_by !== null)
    throw Refusal.conflict("That record has already been corrected: correct the latest one.");
}

/**
 * Writes a record of sending with each file stored byte for byte with its SHA-256, and gives what
 * the audit row says of it.
 */
export async function writeSendingRecord(
  trx: Db,
  actor: Actor | null,
  submission: Submission,
  sending: SendingRecord & { sentAt: Date; correctsId: number | null },
) {
  const record = await trx
    .insertInto("submission_records")
    .values({
      submission_id: submission.id,
      channel: sending.channel,
      reference: sending.reference,
      sent_at: sending.sentAt,
      note: sending.note,
      recorded_by: actor?.id ?? null,
      corrects_id: sending.correctsId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const doc = await submissionDocument(trx, submission, await listQuestions(trx, submission.id));
  const hashes: Record<string, string> = {};
  for (const kind of submissionFileKinds) {
    const file = await exportFile(submission, doc, kind);
    hashes[kind] = sha256(file.content);
    await trx
      .insertInto("submission_files")
      .values({
        record_id: record.id,
        kind,
        filename: file.filename,
        content: file.content,
        sha256: hashes[kind],
      })
      .execute();
  }
  return {
    recordId: record.id,
    channel: submissionChannelLabels[sending.channel],
    reference: sending.reference,
    sentAt: sending.sentAt.toISOString(),
    correctsId: sending.correctsId,
    sha256: hashes,
  };
}

export interface OutcomeInput {
  responseUrl?: string | undefined;
  responseOn?: string | undefined;
  note: string;
}

/** Writes the government's response beside any earlier one, and gives what the audit row says of it. */
export async function writeOutcome(
  trx: Db,
  actor: Actor | null,
  submissionId: number,
  outcome: OutcomeInput,
) {
  const row = await trx
    .insertInto("submission_outcomes")
    .values({
      submission_id: submissionId,
      response_url: outcome.responseUrl ?? null,
      response_on: outcome.responseOn ?? null,
      note: outcome.note,
      recorded_by: actor?.id ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return {
    outcomeId: row.id,
    responseUrl: outcome.responseUrl ?? null,
    responseOn: outcome.responseOn ?? null,
  };
}
