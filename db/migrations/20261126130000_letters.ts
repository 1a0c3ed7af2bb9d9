import { sql, type Kysely } from "kysely";

// Open letters: drafted by staff, signed once per organisation by member leaders, frozen at close,
// delivered with a permanent record. Frozen once landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("letters")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("slug", "text", (col) =>
      col
        .notNull()
        .unique()
        .check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    )
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("addressee", "text", (col) => col.notNull())
    .addColumn("body_markdown", "text", (col) => col.notNull())
    .addColumn("closes_at", "timestamptz")
    .addColumn("signature_goal", "integer", (col) => col.check(sql`signature_goal > 0`))
    .addColumn("state", "text", (col) =>
      col
        .notNull()
        .defaultTo("draft")
        .check(sql`state in ('draft', 'open', 'closed', 'delivered', 'withdrawn')`),
    )
    // Bumped by every save of the draft, so a stale edit is refused instead of overwriting.
    .addColumn("version", "integer", (col) => col.notNull().defaultTo(1))
    .addColumn("created_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("opened_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addColumn("delivered_at", "timestamptz")
    .addColumn("withdrawn_at", "timestamptz")
    .addColumn("withdrawn_reason", "text")
    .execute();
  await db.schema.createIndex("letters_state_idx").on("letters").columns(["state", "updated_at"]).execute();

  await db.schema
    .createTable("letter_invitations")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("letter_id", "integer", (col) => col.notNull().references("letters.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (col) => col.notNull().references("people.id").onDelete("cascade"))
    // Only the hash of the emailed token; cleared when the letter closes, so the link dies with it.
    .addColumn("token_hash", "text", (col) => col.unique())
    .addColumn("invited_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("letter_invitations_letter_person_key", ["letter_id", "person_id"])
    .execute();

  await db.schema
    .createTable("letter_signatures")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("letter_id", "integer", (col) => col.notNull().references("letters.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (col) =>
      col.notNull().references("organisations.id").onDelete("restrict"),
    )
    .addColumn("person_id", "integer", (col) => col.notNull().references("people.id").onDelete("restrict"))
    // As shown to the signer and confirmed: later edits to the directory do not rewrite a signature.
    .addColumn("signer_name", "text", (col) => col.notNull())
    .addColumn("signer_job_title", "text")
    .addColumn("organisation_name", "text", (col) => col.notNull())
    .addColumn("via", "text", (col) => col.notNull().check(sql`via in ('link', 'session')`))
    // The random key of the form that made it: a replayed form can never sign again.
    .addColumn("form_key", "text", (col) => col.notNull())
    .addColumn("signed_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("withdrawn_at", "timestamptz")
    // The site the signer used, for the links in their confirmation email.
    .addColumn("link_origin", "text", (col) => col.notNull())
    // The confirmation email is promised by this row (same transaction) and rendered into the outbox
    // by the background loop, which stamps this: rendering MJML is too slow for the signing request.
    .addColumn("confirmation_queued_at", "timestamptz")
    .addUniqueConstraint("letter_signatures_form_key_key", ["letter_id", "form_key"])
    .execute();
  await db.schema
    .createIndex("letter_signatures_confirmation_due_idx")
    .on("letter_signatures")
    .column("id")
    .where(sql.ref("confirmation_queued_at"), "is", null)
    .execute();
  // One signature per organisation: the database, not the page, is what makes this true.
  await db.schema
    .createIndex("letter_signatures_one_per_organisation")
    .on("letter_signatures")
    .columns(["letter_id", "organisation_id"])
    .unique()
    .where(sql.ref("withdrawn_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("letter_signatures_letter_signed_idx")
    .on("letter_signatures")
    .columns(["letter_id", "signed_at"])
    .execute();
  await db.schema
    .createIndex("letter_signatures_person_idx")
    .on("letter_signatures")
    .column("person_id")
    .execute();

  // The signatory list as it stood at close: what the PDF, the CSV and the public page show from then on.
  await db.schema
    .createTable("letter_final_signatories")
    .addColumn("letter_id", "integer", (col) => col.notNull().references("letters.id").onDelete("cascade"))
    .addColumn("position", "integer", (col) => col.notNull().check(sql`position > 0`))
    .addColumn("signature_id", "integer", (col) =>
      col.notNull().references("letter_signatures.id").onDelete("restrict"),
    )
    .addColumn("person_id", "integer", (col) => col.notNull().references("people.id").onDelete("restrict"))
    .addColumn("signer_name", "text", (col) => col.notNull())
    .addColumn("signer_job_title", "text")
    .addColumn("organisation_name", "text", (col) => col.notNull())
    .addColumn("nation", "text")
    .addColumn("staff_count", "integer", (col) => col.notNull())
    .addColumn("signed_at", "timestamptz", (col) => col.notNull())
    .addPrimaryKeyConstraint("letter_final_signatories_pkey", ["letter_id", "position"])
    .execute();

  await db.schema
    .createTable("letter_documents")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("letter_id", "integer", (col) => col.notNull().references("letters.id").onDelete("restrict"))
    .addColumn("kind", "text", (col) => col.notNull().check(sql`kind in ('pdf', 'csv')`))
    .addColumn("content", "bytea", (col) => col.notNull())
    .addColumn("sha256", "text", (col) => col.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("letter_documents_letter_kind_key", ["letter_id", "kind"])
    .execute();

  await db.schema
    .createTable("letter_deliveries")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("letter_id", "integer", (col) => col.notNull().references("letters.id").onDelete("restrict"))
    .addColumn("recipient", "text", (col) => col.notNull())
    .addColumn("method", "text", (col) =>
      col.notNull().check(sql`method in ('email', 'post', 'hand', 'online')`),
    )
    .addColumn("delivered_on", "date", (col) => col.notNull())
    .addColumn("reference", "text")
    .addColumn("notes", "text")
    .addColumn("pdf_sha256", "text", (col) => col.notNull())
    .addColumn("csv_sha256", "text", (col) => col.notNull())
    .addColumn("recorded_by", "integer", (col) => col.references("people.id").onDelete("restrict"))
    .addColumn("recorded_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    // A correction is a new record pointing at the one it corrects; nothing is ever edited.
    .addColumn("corrects_id", "integer", (col) => col.references("letter_deliveries.id").onDelete("restrict"))
    .execute();
  await db.schema
    .createIndex("letter_deliveries_letter_idx")
    .on("letter_deliveries")
    .columns(["letter_id", "recorded_at"])
    .execute();

  // The permanent record stays permanent even against a stray UPDATE or DELETE in a console.
  await sql`
    create function letter_records_are_immutable() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are permanent records: add a new row instead of changing one', tg_table_name
        using errcode = 'restrict_violation';
    end
    $$`.execute(db);
  for (const table of ["letter_documents", "letter_deliveries", "letter_final_signatories"]) {
    await sql`
      create trigger ${sql.raw(`${table}_immutable`)} before update or delete on ${sql.table(table)}
      for each row execute function letter_records_are_immutable()`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "letter_deliveries",
    "letter_documents",
    "letter_final_signatories",
    "letter_signatures",
    "letter_invitations",
    "letters",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function letter_records_are_immutable()`.execute(db);
}
