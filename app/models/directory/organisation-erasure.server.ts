import { requireAdminActor, type Actor } from "~/models/accounts/people.server.ts";
import { deleteFileRows, removeUnreferencedBlobs } from "~/models/files/files.server.ts";
import type { FileStore } from "~/services/storage.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { erasePersonalData } from "./data-rights.server.ts";

export interface OrganisationErasure {
  peopleErased: number;
  filesRemoved: number;
}

/**
 * Erasure for an organisation (administrators only, confirmed on its page): each of its people is
 * erased as one person's erasure does it, and every file uploaded for the organisation goes, rows
 * in the same transaction and bytes after the commit, each only when no other row names the same
 * bytes. The organisation's own record (a body, not a person) stays, so counts, signatures and
 * responses keep their shape. Audited once on the organisation, with what was removed.
 */
export async function eraseOrganisation(
  db: Db,
  actor: Actor,
  organisationId: number,
  files: FileStore,
): Promise<OrganisationErasure> {
  requireAdminActor(actor);
  const { hashes, result } = await inTransaction(db, async (trx) => {
    const organisation = await trx
      .selectFrom("organisations")
      .select(["id", "name"])
      .where("id", "=", organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!organisation) throw Refusal.notFound();
    const people = await trx
      .selectFrom("people")
      .select(["id", "email"])
      .where("organisation_id", "=", organisationId)
      .where("erased_at", "is", null)
      .orderBy("id")
      .execute();
    const removed = new Set<string>();
    for (const person of people) {
      for (const hash of (await erasePersonalData(trx, person)).hashes) removed.add(hash);
    }
    // Files uploaded for the organisation by anyone (a colleague since erased, or staff on its behalf).
    const fileRows = await trx
      .selectFrom("stored_files")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("organisation_id", "=", organisationId)
      .executeTakeFirstOrThrow();
    for (const hash of await deleteFileRows(trx, { organisationId })) removed.add(hash);
    if (!people.length && !removed.size) {
      throw Refusal.conflict("There is nothing left to erase: its people and files were erased already.");
    }
    const result: OrganisationErasure = { peopleErased: people.length, filesRemoved: removed.size };
    await writeAudit(trx, {
      actorId: actor.id,
      action: "organisation.erased",
      subjectType: "organisation",
      subjectId: organisationId,
      after: { ...result, fileRows: fileRows.count },
    });
    return { hashes: [...removed], result };
  });
  await removeUnreferencedBlobs(db, files, hashes);
  return result;
}
