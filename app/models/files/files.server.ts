import { isStaff, type Actor } from "~/models/accounts/people.server.ts";
import { discardStaged, type FileStore } from "~/services/storage.server.ts";
import {
  acceptedFileTypes,
  formatFileSize,
  isAcceptedMediaType,
  MEGABYTE,
  type AcceptedMediaType,
  type FileProblem,
} from "~/schemas/files.ts";
import type { Db } from "~/utils/db.server.ts";
import { checkFileType, safeFilename } from "~/utils/file-type-check.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import type { StagedUpload } from "~/utils/upload-form.server.ts";

/**
 * Uploaded files: a row per upload in stored_files, the bytes in the file store under their sha256.
 * Staff may read every file; a member only their own organisation's. Bytes go when the last row
 * naming their hash does (removeUnreferencedBlobs), after the rows' transaction has committed.
 */

export interface StoredFile {
  id: number;
  sha256: string;
  filename: string;
  mediaType: AcceptedMediaType;
  sizeBytes: number;
  organisationId: number | null;
}

type Kept = { ok: true; file: StoredFile } | { ok: false; message: string; problem: FileProblem };

/**
 * Checks a staged upload (size, then type from its content) and keeps it: the bytes into the
 * store, a row into stored_files. A refused upload's staging file is removed.
 */
export async function keepUpload(
  db: Db,
  store: FileStore,
  upload: StagedUpload,
  owner: {
    purpose: "survey_answer" | "evidence";
    organisationId: number | null;
    uploadedBy: number | null;
    maxBytes: number;
  },
): Promise<Kept> {
  if (upload.staged.tooLarge || upload.staged.size > owner.maxBytes) {
    await discardStaged(upload.staged);
    const limit = formatFileSize(owner.maxBytes);
    return {
      ok: false,
      message: `The file must be ${limit} or smaller`,
      problem: { kind: "too_large", limit },
    };
  }
  const checked = await checkFileType(upload.staged.path, upload.filename);
  if (!checked.ok) {
    await discardStaged(upload.staged);
    return { ok: false, message: checked.message, problem: checked.problem };
  }
  await store.put(upload.staged);
  const filename = safeFilename(upload.filename, checked.mediaType);
  const row = await db
    .insertInto("stored_files")
    .values({
      sha256: upload.staged.sha256,
      size_bytes: upload.staged.size,
      media_type: checked.mediaType,
      filename,
      purpose: owner.purpose,
      organisation_id: owner.organisationId,
      uploaded_by: owner.uploadedBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return {
    ok: true,
    file: {
      id: row.id,
      sha256: upload.staged.sha256,
      filename,
      mediaType: checked.mediaType,
      sizeBytes: upload.staged.size,
      organisationId: owner.organisationId,
    },
  };
}

function toStoredFile(row: {
  id: number;
  sha256: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  organisation_id: number | null;
}): StoredFile {
  const mediaType = row.media_type;
  if (!isAcceptedMediaType(mediaType)) throw new Error(`stored_files ${row.id} has an unknown type`);
  return {
    id: row.id,
    sha256: row.sha256,
    filename: row.filename,
    mediaType,
    sizeBytes: row.size_bytes,
    organisationId: row.organisation_id,
  };
}

/** A file to download: staff any, a member only their organisation's; anyone else gets "not found". */
export async function getFileForDownload(db: Db, actor: Actor, fileId: number): Promise<StoredFile> {
  const row = await db
    .selectFrom("stored_files")
    .select(["id", "sha256", "filename", "media_type", "size_bytes", "organisation_id"])
    .where("id", "=", fileId)
    .executeTakeFirst();
  const mayRead =
    row !== undefined &&
    (isStaff(actor) || (row.organisation_id !== null && row.organisation_id === actor.organisationId));
  if (!row || !mayRead) throw Refusal.notFound();
  return toStoredFile(row);
}

/** Deletes these rows (answers naming them go too) and returns the hashes they named. */
export async function deleteFileRows(
  db: Db,
  where: { uploadedBy?: number; organisationId?: number; ids?: number[] },
) {
  let query = db.deleteFrom("stored_files").returning("sha256");
  if (where.uploadedBy !== undefined) query = query.where("uploaded_by", "=", where.uploadedBy);
  if (where.organisationId !== undefined) query = query.where("organisation_id", "=", where.organisationId);
  if (where.ids !== undefined) query = query.where("id", "in", where.ids.length ? where.ids : [0]);
  const rows = await query.execute();
  return [...new Set(rows.map((row) => row.sha256))];
}

/** Removes the bytes of each hash no row names any more: call after the deleting transaction commits. */
export async function removeUnreferencedBlobs(db: Db, store: FileStore, hashes: readonly string[]) {
  if (!hashes.length) return;
  const still = await db.selectFrom("stored_files").select("sha256").where("sha256", "in", hashes).execute();
  const kept = new Set(still.map((row) => row.sha256));
  for (const hash of hashes) if (!kept.has(hash)) await store.delete(hash);
}

/** How old stored bytes must be before the sweep may take them: longer than any upload takes. */
export const ORPHAN_GRACE_MS = 60 * 60_000;

/**
 * The background sweep for bytes no row names: left by a process that stopped between writing the
 * bytes and committing their row, or between deleting rows and their bytes. Bytes younger than the
 * grace period are left alone, as an upload in flight writes its bytes before its row; a put of
 * bytes already held refreshes their time, and the delete checks the time again.
 */
export async function sweepOrphanBlobs(
  db: Db,
  store: FileStore,
  { graceMs = ORPHAN_GRACE_MS, now = new Date(), batchSize = 500 } = {},
): Promise<{ blobs: number; staged: number }> {
  const before = new Date(now.getTime() - graceMs);
  let blobs = 0;
  const sweep = async (batch: string[]) => {
    const named = await db.selectFrom("stored_files").select("sha256").where("sha256", "in", batch).execute();
    const kept = new Set(named.map((row) => row.sha256));
    for (const hash of batch) {
      if (!kept.has(hash) && (await store.deleteIfOlderThan(hash, before))) blobs++;
    }
  };
  let batch: string[] = [];
  for await (const hash of store.listOlderThan(before)) {
    batch.push(hash);
    if (batch.length >= batchSize) {
      await sweep(batch);
      batch = [];
    }
  }
  if (batch.length) await sweep(batch);
  return { blobs, staged: await store.sweepStaging(before) };
}

/** "report.pdf (PDF, 2.4 MB)" */
export function describeFile(file: Pick<StoredFile, "filename" | "mediaType" | "sizeBytes">): string {
  return `${file.filename} (${acceptedFileTypes[file.mediaType].label}, ${formatFileSize(file.sizeBytes)})`;
}

export const FILE_LIMIT_BYTES = (megabytes: number) => megabytes * MEGABYTE;

/** Removes file rows (and bytes no other row names) that are no longer needed. */
export async function dropFileRows(db: Db, store: FileStore, fileIds: readonly number[]) {
  if (!fileIds.length) return;
  const hashes = await deleteFileRows(db, { ids: [...fileIds] });
  await removeUnreferencedBlobs(db, store, hashes);
}
