import { sql, type Kysely } from "kysely";

// Consultation submissions: one answer per question, approval that freezes figures, the exact
// files sent, the record of sending and the government's response.
// Frozen once landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("submissions")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("consultation_id", "integer", (col) =>
      col.notNull().references("consultations.id").onDelete("restrict"),
    )
    .addColumn("government", "text", (col) =>
      col
        .notNull()
        .check(
          sql`government in ('uk_government', 'scottish_government', 'welsh_government', 'northern_ireland_executive', 'local_authority_england', 'local_authority_scotland', 'local_authority_wales', 'local_authority_northern_ireland')`,
        ),
    )
    // Text the consultation put before its questions, kept for reference (not exported).
    .addColumn("preamble", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("lead_id", "integer", (col) => col.notNull().references("people.id").onDelete("restrict"))
    .addColumn("internal_deadline", "date", (col) => col.notNull())
    .addColumn("state", "text", (col) =>
      col
        .notNull()
        .defaultTo("drafting")
        .check(
          sql`state in ('drafting', 'in_review', 'approved', 'submitted', 'outcome_recorded', 'withdrawn')`,
        ),
    )
    .addColumn("reviewer_id", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("review_requested_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("approved_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("approved_at", "timestamptz")
    // The network figures as they stood at approval: { asOf, members, staff, publicIncomeGbp }.
    .addColumn("frozen_network", "jsonb")
    .addColumn("withdrawn_reason", "text")
    // Published submissions have a public page at /c/<slug>.
    .addColumn("slug", "text", (col) => col.unique())
    .addColumn("published_at", "timestamptz")
    .addColumn("created_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "submissions_frozen_when_approved",
      sql`state not in ('approved', 'submitted', 'outcome_recorded') or (approved_at is not null and frozen_network is not null)`,
    )
    .addCheckConstraint("submissions_published", sql`(published_at is null) = (slug is null)`)
    .execute();
  // One live submission per consultation and government: a double-submitted "new" form makes one.
  await db.schema
    .createIndex("submissions_consultation_government_key")
    .on("submissions")
    .columns(["consultation_id", "government"])
    .unique()
    .where(sql.ref("state"), "<>", "withdrawn")
    .execute();
  await db.schema
    .createIndex("submissions_deadline_idx")
    .on("submissions")
    .columns(["state", "internal_deadline"])
    .execute();

  await db.schema
    .createTable("submission_questions")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("submission_id", "integer", (col) =>
      col.notNull().references("submissions.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (col) => col.notNull())
    // The consultation's own number ("3", "4a"); null when it had none.
    .addColumn("number", "text")
    .addColumn("question", "text", (col) => col.notNull())
    .addColumn("answer", "text", (col) => col.notNull().defaultTo(""))
    // Bumped by every save of the question or answer: a save from an older version is refused.
    .addColumn("version", "integer", (col) => col.notNull().defaultTo(1))
    .addColumn("updated_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("submission_questions_order_idx")
    .on("submission_questions")
    .columns(["submission_id", "position"])
    .execute();

  // What was sent: one row per sending, never changed; a correction is a new row pointing back.
  await db.schema
    .createTable("submission_records")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("submission_id", "integer", (col) =>
      col.notNull().references("submissions.id").onDelete("restrict"),
    )
    .addColumn("channel", "text", (col) =>
      col.notNull().check(sql`channel in ('online_form', 'email', 'post')`),
    )
    .addColumn("reference", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("sent_at", "timestamptz", (col) => col.notNull())
    .addColumn("note", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("recorded_by", "integer", (col) => col.references("people.id").onDelete("restrict"))
    .addColumn("recorded_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("corrects_id", "integer", (col) =>
      col.unique().references("submission_records.id").onDelete("restrict"),
    )
    .execute();

  // The exact bytes of each exported file as sent, with their hash.
  await db.schema
    .createTable("submission_files")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("record_id", "integer", (col) =>
      col.notNull().references("submission_records.id").onDelete("restrict"),
    )
    .addColumn("kind", "text", (col) => col.notNull().check(sql`kind in ('docx', 'markdown', 'paste_pack')`))
    .addColumn("filename", "text", (col) => col.notNull())
    .addColumn("content", "bytea", (col) => col.notNull())
    .addColumn("sha256", "text", (col) => col.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addUniqueConstraint("submission_files_record_kind_key", ["record_id", "kind"])
    .execute();

  await db.schema
    .createTable("submission_outcomes")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("submission_id", "integer", (col) =>
      col.notNull().references("submissions.id").onDelete("restrict"),
    )
    .addColumn("response_url", "text")
    .addColumn("response_on", "date")
    .addColumn("note", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("recorded_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("recorded_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per reminder sent: the unique key makes each reminder once-only across processes.
  await db.schema
    .createTable("submission_reminders")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("submission_id", "integer", (col) =>
      col.notNull().references("submissions.id").onDelete("cascade"),
    )
    .addColumn("deadline", "text", (col) => col.notNull().check(sql`deadline in ('internal', 'government')`))
    .addColumn("days_before", "integer", (col) => col.notNull().check(sql`days_before in (7, 2)`))
    .addColumn("due_on", "date", (col) => col.notNull())
    .addColumn("sent_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("submission_reminders_once_key", [
      "submission_id",
      "deadline",
      "days_before",
      "due_on",
    ])
    .execute();

  await sql`
    create function submission_records_are_immutable() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are permanent records: add a new row instead of changing one', tg_table_name
        using errcode = 'restrict_violation';
    end
    $$`.execute(db);
  for (const table of ["submission_records", "submission_files"]) {
    await sql`
      create trigger ${sql.raw(`${table}_immutable`)} before update or delete on ${sql.table(table)}
      for each row execute function submission_records_are_immutable()`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "submission_reminders",
    "submission_outcomes",
    "submission_files",
    "submission_records",
    "submission_questions",
    "submissions",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function submission_records_are_immutable()`.execute(db);
}
