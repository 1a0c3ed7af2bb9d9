import { sql, type Kysely } from "kysely";

// Signing counts its rate limits from the signatures themselves (as the UK Parliament petitions site
// does) instead of writing events into shared buckets: the address each signature came from, kept
// only as long as a limit looks back, and indexes for "this address / this person, recently".
// Frozen once landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("letter_signatures").addColumn("signer_ip", "text").execute();
  await db.schema
    .createIndex("letter_signatures_ip_recent_idx")
    .on("letter_signatures")
    .columns(["signer_ip", "signed_at"])
    .where(sql.ref("signer_ip"), "is not", null)
    .execute();
  await db.schema
    .createIndex("letter_signatures_person_recent_idx")
    .on("letter_signatures")
    .columns(["person_id", "signed_at"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("letter_signatures_person_recent_idx").execute();
  await db.schema.dropIndex("letter_signatures_ip_recent_idx").execute();
  await db.schema.alterTable("letter_signatures").dropColumn("signer_ip").execute();
}
