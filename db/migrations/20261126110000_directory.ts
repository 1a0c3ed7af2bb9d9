import { sql, type Kysely } from "kysely";

// Frozen once landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  // The organisation row is its own postcode lookup queue: pending rows are claimed with SKIP LOCKED.
  await db.schema
    .alterTable("organisations")
    .addColumn("postcode_status", "text", (col) =>
      col
        .notNull()
        .defaultTo("none")
        .check(sql`postcode_status in ('none', 'pending', 'found', 'not_found')`),
    )
    .addColumn("postcode_attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("postcode_next_attempt_at", "timestamptz")
    .addColumn("postcode_checked_at", "timestamptz")
    .addColumn("postcode_error", "text")
    .execute();
  await sql`update organisations set postcode_status = case when postcode is null then 'none' when nation is null then 'pending' else 'found' end`.execute(
    db,
  );
  await sql`update organisations set postcode_next_attempt_at = now() where postcode_status = 'pending'`.execute(
    db,
  );
  await db.schema
    .createIndex("organisations_postcode_due_idx")
    .on("organisations")
    .column("postcode_next_attempt_at")
    .where(sql.ref("postcode_status"), "=", "pending")
    .execute();

  await db.schema
    .alterTable("people")
    .addColumn("invited_at", "timestamptz")
    .addColumn("erased_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("directory_imports")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("created_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("file_name", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) =>
      col
        .notNull()
        .defaultTo("previewed")
        .check(sql`status in ('previewed', 'committed', 'discarded')`),
    )
    // The uploaded text holds contacts' personal data: it is kept only until the import is committed or discarded.
    .addColumn("source", "text")
    .addColumn("row_count", "integer", (col) => col.notNull())
    .addColumn("preview", "jsonb", (col) => col.notNull())
    .addColumn("result", "jsonb")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .addCheckConstraint(
      "directory_imports_source_only_while_previewed",
      sql`status = 'previewed' or source is null`,
    )
    .execute();
  await db.schema
    .createIndex("directory_imports_created_at_idx")
    .on("directory_imports")
    .column("created_at")
    .execute();
  await db.schema.createIndex("audit_log_actor_id_idx").on("audit_log").column("actor_id").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_actor_id_idx").execute();
  await db.schema.dropTable("directory_imports").execute();
  await db.schema.alterTable("people").dropColumn("invited_at").dropColumn("erased_at").execute();
  await db.schema.dropIndex("organisations_postcode_due_idx").execute();
  await db.schema
    .alterTable("organisations")
    .dropColumn("postcode_status")
    .dropColumn("postcode_attempts")
    .dropColumn("postcode_next_attempt_at")
    .dropColumn("postcode_checked_at")
    .dropColumn("postcode_error")
    .execute();
}
