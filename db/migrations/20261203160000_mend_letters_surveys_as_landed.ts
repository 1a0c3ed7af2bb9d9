import { sql, type Kysely } from "kysely";

/*
 * 20261126130000_letters and 20261126140000_surveys were edited after they had landed, so a database
 * migrated with their first versions never got what the edits added. This brings such a database level
 * with a fresh one, and is a no-op on a fresh one (every step checks first). Frozen once landed too.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  const has = async (table: string, column: string) => {
    const { rows } = await sql<{ found: boolean }>`
      select exists (
        select 1 from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} and column_name = ${column}
      ) as found`.execute(db);
    return rows[0]?.found === true;
  };

  if (!(await has("letter_signatures", "link_origin"))) {
    // Only the background loop's confirmation emails read it, and none is due for these rows (below).
    await sql`alter table letter_signatures add column link_origin text not null default ''`.execute(db);
    await sql`alter table letter_signatures alter column link_origin drop default`.execute(db);
  }
  if (!(await has("letter_signatures", "confirmation_queued_at"))) {
    await sql`alter table letter_signatures add column confirmation_queued_at timestamptz`.execute(db);
    // The first version wrote each confirmation into the outbox while signing: it has gone already,
    // and the background loop must not send a second one.
    await sql`update letter_signatures set confirmation_queued_at = signed_at`.execute(db);
  }
  await sql`create index if not exists letter_signatures_confirmation_due_idx
      on letter_signatures (id) where confirmation_queued_at is null`.execute(db);

  // The edit dropped these defaults; dropping a default that is not there does nothing.
  await sql`alter table surveys alter column audience drop default`.execute(db);
  await sql`alter table survey_questions alter column settings drop default`.execute(db);

  if (!(await has("survey_invitations", "reminder_token_hash"))) {
    // Column and unique constraint together, named as a fresh migrate names them.
    await sql`alter table survey_invitations add column reminder_token_hash text unique`.execute(db);
  }
}

/** Nothing to undo: on a fresh database up() changed nothing, and the older shape had no use for less. */
export async function down(): Promise<void> {}
