import { sql, type Kysely } from "kysely";

// Homes that reach people by email: "your evidence was used" notices, batched into one email per
// person per day, and the weekly digest with its preference and once-a-week guard. Frozen once
// landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("evidence_use_notices")
    .addColumn("id", "serial", (col) => col.primaryKey())
    .addColumn("organisation_id", "integer", (col) =>
      col.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("document_kind", "text", (col) =>
      col.notNull().check(sql`document_kind in ('position', 'submission', 'letter')`),
    )
    .addColumn("document_id", "integer", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    // Set when the day's batch has told the organisation's contacts; NULL while waiting for it.
    .addColumn("emailed_at", "timestamptz")
    // One notice per organisation per document, however often the move is retried.
    .addUniqueConstraint("evidence_use_notices_once_key", ["organisation_id", "document_kind", "document_id"])
    .execute();
  await db.schema
    .createIndex("evidence_use_notices_waiting_idx")
    .on("evidence_use_notices")
    .column("organisation_id")
    .where(sql.ref("emailed_at"), "is", null)
    .execute();
  await db.schema
    .createTable("evidence_use_emails")
    .addColumn("person_id", "integer", (col) => col.notNull().references("people.id").onDelete("cascade"))
    // The London day of the batch: one notice email per person per day.
    .addColumn("day", "date", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("evidence_use_emails_pkey", ["person_id", "day"])
    .execute();
  await db.schema
    .alterTable("people")
    .addColumn("weekly_digest", "boolean", (col) => col.notNull().defaultTo(true))
    .execute();
  await db.schema
    .createTable("digest_sends")
    .addColumn("person_id", "integer", (col) => col.notNull().references("people.id").onDelete("cascade"))
    // The ISO week, '2026-W49': one digest per person per week whichever process gets there first.
    .addColumn("week", "text", (col) => col.notNull().check(sql`week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("digest_sends_pkey", ["person_id", "week"])
    .execute();
  await db.schema
    .alterTable("email_outbox")
    // Extra headers a message carries (the digest's List-Unsubscribe), as a JSON object of strings.
    .addColumn("headers", "jsonb")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("email_outbox").dropColumn("headers").execute();
  await db.schema.dropTable("digest_sends").execute();
  await db.schema.alterTable("people").dropColumn("weekly_digest").execute();
  await db.schema.dropTable("evidence_use_emails").execute();
  await db.schema.dropTable("evidence_use_notices").execute();
}
