import { sql, type Kysely } from "kysely";

// Emails are rendered when they are sent, not in the transaction that promises them: the outbox
// keeps the template's checked props, and neither props nor bodies once the email has gone (they
// hold live links). Slow outside calls asked for from a page (radar sync, postcode lookups) become
// job rows the background loop runs, so the page can show their progress. An anonymous survey
// answer is finished in two steps; the invitation says while the second is pending.
// Frozen once landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("email_outbox").addColumn("props", "jsonb").execute();
  await db.schema
    .alterTable("email_outbox")
    .alterColumn("html", (col) => col.dropNotNull())
    .alterColumn("text", (col) => col.dropNotNull())
    .execute();
  await db.schema
    .createIndex("email_outbox_sent_at_idx")
    .on("email_outbox")
    .column("sent_at")
    .where(sql.ref("sent_at"), "is not", null)
    .execute();

  // Only a flag, never a time (as with responded): set while an anonymous answer is being
  // finished, so an answer half finished by a crash can be found and finished.
  await db.schema
    .alterTable("survey_invitations")
    .addColumn("completing", "boolean", (col) => col.notNull().defaultTo(false))
    .execute();
  // While set, the survey's audience is still being invited, in small transactions, with links to
  // this origin; the time is the last batch's, so the loop can tell a stalled run from a live one.
  await db.schema
    .alterTable("surveys")
    .addColumn("inviting_from", "text")
    .addColumn("inviting_since", "timestamptz")
    .execute();

  await db.schema
    .createTable("background_jobs")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("kind", "text", (col) =>
      col.notNull().check(sql`kind in ('consultation_sync', 'postcode_lookup')`),
    )
    .addColumn("args", "jsonb", (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("state", "text", (col) =>
      col
        .notNull()
        .defaultTo("queued")
        .check(sql`state in ('queued', 'running', 'done', 'failed')`),
    )
    .addColumn("progress", "text")
    .addColumn("error", "text")
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("requested_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .addColumn("locked_until", "timestamptz")
    .execute();
  await db.schema
    .createIndex("background_jobs_waiting_idx")
    .on("background_jobs")
    .column("id")
    .where(sql.ref("state"), "in", sql`('queued', 'running')`)
    .execute();
  await db.schema
    .createIndex("background_jobs_kind_idx")
    .on("background_jobs")
    .columns(["kind", "id"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("background_jobs").execute();
  await db.schema.alterTable("surveys").dropColumn("inviting_from").dropColumn("inviting_since").execute();
  await db.schema.alterTable("survey_invitations").dropColumn("completing").execute();
  await db.schema.dropIndex("email_outbox_sent_at_idx").execute();
  await db.schema.alterTable("email_outbox").dropColumn("props").execute();
}
