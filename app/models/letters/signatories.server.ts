import { sql } from "kysely";
import type { Db } from "~/utils/db.server.ts";

/** One line of the list frozen at close: what the public page, the PDF and the CSV show from then on. */
export interface FinalSignatory {
  position: number;
  name: string;
  jobTitle: string | null;
  organisation: string;
  nation: string | null;
  staffCount: number;
  signedAt: Date;
}

/**
 * Copies the signatures standing at close, with each organisation's nation and size as they are
 * now: later directory edits do not change what was signed.
 */
export async function freezeSignatories(trx: Db, letterId: number): Promise<void> {
  await sql`
    insert into letter_final_signatories
      (letter_id, position, signature_id, person_id, signer_name, signer_job_title, organisation_name,
       nation, staff_count, signed_at)
    select s.letter_id, row_number() over (order by s.signed_at, s.id), s.id, s.person_id, s.signer_name,
           s.signer_job_title, s.organisation_name, o.nation, o.staff_count, s.signed_at
    from letter_signatures s
    join organisations o on o.id = s.organisation_id
    where s.letter_id = ${letterId} and s.withdrawn_at is null`.execute(trx);
}

export async function listFinalSignatories(db: Db, letterId: number): Promise<FinalSignatory[]> {
  const rows = await db
    .selectFrom("letter_final_signatories")
    .select([
      "position",
      "signer_name",
      "signer_job_title",
      "organisation_name",
      "nation",
      "staff_count",
      "signed_at",
    ])
    .where("letter_id", "=", letterId)
    .orderBy("position")
    .execute();
  return rows.map((row) => ({
    position: row.position,
    name: row.signer_name,
    jobTitle: row.signer_job_title,
    organisation: row.organisation_name,
    nation: row.nation,
    staffCount: row.staff_count,
    signedAt: row.signed_at,
  }));
}
