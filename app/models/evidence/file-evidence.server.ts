import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { documentEvidenceSchema } from "~/schemas/evidence.ts";
import { parseForm } from "~/utils/forms.ts";
import { dropFileRows, keepUpload } from "~/models/files/files.server.ts";
import { MAX_FILE_MEGABYTES, MEGABYTE } from "~/schemas/files.ts";
import type { FileStore } from "~/services/storage.server.ts";
import type { StagedUpload } from "~/utils/upload-form.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/**
 * A member's uploaded file kept as a source in the evidence library, so documents can cite it
 * ([@ev:N]). The item links to the file's download page, which only staff and the uploading
 * organisation can open; publishing a citing document does not publish the file.
 */
export async function createEvidenceFromFile(
  db: Db,
  actor: Actor,
  fileId: number,
): Promise<{ id: number; created: boolean }> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const file = await trx
      .selectFrom("stored_files")
      .leftJoin("organisations", "organisations.id", "stored_files.organisation_id")
      .select(["stored_files.id", "stored_files.filename", "stored_files.created_at", "organisations.name"])
      .where("stored_files.id", "=", fileId)
      .forUpdate("stored_files")
      .executeTakeFirst();
    if (!file) throw Refusal.notFound();
    // Pressing twice (or two staff at once) keeps one item per file.
    const existing = await trx
      .selectFrom("evidence_items")
      .select("id")
      .where("file_id", "=", fileId)
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
    const row = await trx
      .insertInto("evidence_items")
      .values({
        kind: "source",
        label: file.filename.slice(0, 200),
        title: file.filename,
        publisher: file.name ?? "A member organisation",
        url: `/files/${file.id}`,
        published_on: file.created_at.toISOString().slice(0, 10),
        file_id: file.id,
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "evidence.created",
      subjectType: "evidence",
      subjectId: row.id,
      after: { fileId, title: file.filename },
    });
    return { id: row.id, created: true };
  });
}

/**
 * A document staff add to the library themselves: checked and kept like a member's upload (no
 * organisation: only staff can download it), then a source that links to it.
 */
export async function createEvidenceFromUpload(
  db: Db,
  store: FileStore,
  actor: Actor,
  upload: StagedUpload,
  input: { title: string; publisher: string; publishedOn: string | null },
): Promise<{ ok: true; id: number } | { ok: false; message: string }> {
  requireStaffActor(actor);
  const kept = await keepUpload(db, store, upload, {
    purpose: "evidence",
    organisationId: null,
    uploadedBy: actor.id,
    maxBytes: MAX_FILE_MEGABYTES * MEGABYTE,
  });
  if (!kept.ok) return kept;
  try {
    const id = await inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto("evidence_items")
        .values({
          kind: "source",
          label: input.title.slice(0, 200),
          title: input.title,
          publisher: input.publisher,
          url: `/files/${kept.file.id}`,
          published_on: input.publishedOn,
          file_id: kept.file.id,
          created_by: actor.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await writeAudit(trx, {
        actorId: actor.id,
        action: "evidence.created",
        subjectType: "evidence",
        subjectId: row.id,
        after: { fileId: kept.file.id, title: input.title },
      });
      return row.id;
    });
    return { ok: true, id };
  } catch (error) {
    await dropFileRows(db, store, [kept.file.id]);
    throw error;
  }
}

/** The upload form's other fields, checked (kept here so the page's browser code stays free of zod). */
export function parseDocumentFields(formData: FormData) {
  return parseForm(documentEvidenceSchema, formData);
}
