import { createHash } from "node:crypto";
import type { Actor } from "~/models/accounts/people.server.ts";
import { moveTo, refuseUnless } from "~/models/submissions/lifecycle.server.ts";
import {
  listQuestions,
  loadSubmission,
  notFound,
  requireStaffActor,
  SubmissionRefusal,
  submissionDocument,
  type Submission,
} from "~/models/submissions/submissions.server.ts";
import { z } from "zod";
import {
  submissionChannelLabels,
  submissionChannels,
  submissionFileKinds,
  type SubmissionChannel,
  type SubmissionFileKind,
} from "~/schemas/submissions.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { endOfLondonDay } from "~/utils/london-time.ts";
import { questionHeading, type SubmissionDocument } from "~/utils/submission-document.server.ts";
import { submissionDocx } from "~/utils/submission-docx.server.ts";
import { answerPlainText, submissionMarkdown } from "~/utils/submission-text.server.ts";

/**
 * Exports, and the permanent record of what was sent: channel, reference, time, who, and the
 * exact bytes of each file with its SHA-256. Records are never changed (a database trigger
 * refuses it); a correction is a new record pointing at the one it corrects.
 */

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export interface ExportFile {
  kind: SubmissionFileKind;
  filename: string;
  contentType: string;
  content: Buffer;
}

const fileBase = (submission: Pick<Submission, "id" | "consultationTitle">) =>
  `submission-${submission.id}-${
    submission.consultationTitle
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 50) || "response"
  }`;

/** Every answer as plain text, one after another, as pasted into an online form. */
export function pastePackText(doc: SubmissionDocument): string {
  const parts = doc.questions.map((question, index) => {
    const answer = answerPlainText(question.answer, doc) || "(no answer)";
    return `${questionHeading(question, index)}\n${question.text}\n\nAnswer:\n${answer}`;
  });
  return `${parts.join("\n\n----------\n\n")}\n`;
}

const contentTypes: Record<SubmissionFileKind, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  markdown: "text/markdown; charset=utf-8",
  paste_pack: "text/plain; charset=utf-8",
};

export async function exportFile(
  submission: Submission,
  doc: SubmissionDocument,
  kind: SubmissionFileKind,
): Promise<ExportFile> {
  const base = fileBase(submission);
  if (kind === "docx")
    return {
      kind,
      filename: `${base}.docx`,
      contentType: contentTypes.docx,
      content: await submissionDocx(doc),
    };
  if (kind === "markdown")
    return {
      kind,
      filename: `${base}.md`,
      contentType: contentTypes.markdown,
      content: Buffer.from(submissionMarkdown(doc), "utf8"),
    };
  return {
    kind,
    filename: `${base}-paste-pack.txt`,
    contentType: contentTypes.paste_pack,
    content: Buffer.from(pastePackText(doc), "utf8"),
  };
}

/**
 * A file to download: once the submission has been sent, exactly the bytes recorded as sent;
 * before, the document as it stands (deterministic, so an approved one gives the same bytes).
 */
export async function downloadSubmissionFile(
  db: Db,
  actor: Actor,
  submissionId: number,
  kind: SubmissionFileKind,
): Promise<ExportFile & { sha256: string }> {
  requireStaffActor(actor);
  const submission = await loadSubmission(db, submissionId);
  const sent = await db
    .selectFrom("submission_files")
    .innerJoin("submission_records", "submission_records.id", "submission_files.record_id")
    .select(["submission_files.filename", "submission_files.content", "submission_files.sha256"])
    .where("submission_records.submission_id", "=", submission.id)
    .where("submission_files.kind", "=", kind)
    .orderBy("submission_records.id", "desc")
    .executeTakeFirst();
  if (sent) {
    const content = Buffer.from(sent.content);
    if (sha256(content) !== sent.sha256)
      throw new Error(`Stored ${kind} of submission ${submission.id} is corrupt`);
    return { kind, filename: sent.filename, contentType: contentTypes[kind], content, sha256: sent.sha256 };
  }
  const file = await exportFile(submission, await submissionDocument(db, submission), kind);
  return { ...file, sha256: sha256(file.content) };
}

export interface SubmissionRecord {
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

export interface MarkSubmittedInput {
  submissionId: number;
  channel: SubmissionChannel;
  reference: string;
  sentOn: string;
  note: string;
  correctsId?: number | undefined;
}

/**
 * approved → submitted, recording what was sent; or, with `correctsId`, a correction of an
 * earlier record (the state stays). Each file is stored byte for byte with its SHA-256.
 */
export async function markSubmitted(db: Db, actor: Actor, input: MarkSubmittedInput): Promise<Submission> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    if (input.correctsId === undefined) refuseUnless(submission, ["approved"], "mark as submitted");
    else {
      refuseUnless(submission, ["submitted", "outcome_recorded"], "correct the record of");
      const earlier = await trx
        .selectFrom("submission_records")
        .leftJoin("submission_records as correction", "correction.corrects_id", "submission_records.id")
        .select(["submission_records.id", "correction.id as corrected_by"])
        .where("submission_records.id", "=", input.correctsId)
        .where("submission_records.submission_id", "=", submission.id)
        .executeTakeFirst();
      if (!earlier) throw notFound();
      if (earlier.corrected_by !== null)
        throw new SubmissionRefusal("That record has already been corrected: correct the latest one.");
    }
    // Sent "today" means now; an earlier day means the end of that day is the latest it can have been.
    const endOfDay = endOfLondonDay(input.sentOn);
    const now = new Date();
    if (endOfDay.getTime() - now.getTime() > 86_400_000)
      throw new SubmissionRefusal("The date it was sent cannot be in the future.", 400);
    const sentAt = endOfDay > now ? now : new Date(endOfDay.getTime() - 1);
    const record = await trx
      .insertInto("submission_records")
      .values({
        submission_id: submission.id,
        channel: input.channel,
        reference: input.reference,
        sent_at: sentAt,
        note: input.note,
        recorded_by: actor.id,
        corrects_id: input.correctsId ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const doc = await submissionDocument(trx, submission, await listQuestions(trx, submission.id));
    const files = await Promise.all(
      (["docx", "markdown", "paste_pack"] as const).map((kind) => exportFile(submission, doc, kind)),
    );
    const hashes: Record<string, string> = {};
    for (const file of files) {
      const hash = sha256(file.content);
      hashes[file.kind] = hash;
      await trx
        .insertInto("submission_files")
        .values({
          record_id: record.id,
          kind: file.kind,
          filename: file.filename,
          content: file.content,
          sha256: hash,
        })
        .execute();
    }
    const note = {
      recordId: record.id,
      channel: submissionChannelLabels[input.channel],
      reference: input.reference,
      sentAt: sentAt.toISOString(),
      correctsId: input.correctsId ?? null,
      sha256: hashes,
    };
    if (input.correctsId === undefined)
      return moveTo(trx, actor, submission, { state: "submitted", action: "submitted", note });
    await writeAudit(trx, {
      actorId: actor.id,
      action: "submission.record_corrected",
      subjectType: "submission",
      subjectId: submission.id,
      after: note,
    });
    return loadSubmission(trx, submission.id);
  });
}

export interface SubmissionOutcome {
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

/** submitted → outcome_recorded; later outcomes (a second response) are added beside the first. */
export async function recordOutcome(
  db: Db,
  actor: Actor,
  input: {
    submissionId: number;
    responseUrl?: string | undefined;
    responseOn?: string | undefined;
    note: string;
  },
): Promise<Submission> {
  requireStaffActor(actor);
  if (!input.responseUrl && !input.responseOn && !input.note)
    throw new SubmissionRefusal("Give the response's link, its date or a note.", 400);
  return inTransaction(db, async (trx) => {
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnless(submission, ["submitted", "outcome_recorded"], "record the outcome of");
    const row = await trx
      .insertInto("submission_outcomes")
      .values({
        submission_id: submission.id,
        response_url: input.responseUrl ?? null,
        response_on: input.responseOn ?? null,
        note: input.note,
        recorded_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const note = {
      outcomeId: row.id,
      responseUrl: input.responseUrl ?? null,
      responseOn: input.responseOn ?? null,
    };
    return moveTo(trx, actor, submission, {
      state: "outcome_recorded",
      action: submission.state === "submitted" ? "outcome_recorded" : "outcome_added",
      note,
    });
  });
}
