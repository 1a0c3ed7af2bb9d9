import { sql, type Kysely } from "kysely";

/*
 * Conditional questions and sections, and file evidence. Frozen once landed.
 *
 * survey_sections.condition, survey_questions.condition  jsonb or NULL (always asked): the shape is
 *   conditionSchema in app/utils/survey-conditions.ts, always about an earlier question.
 * stored_files  one row per upload (a survey answer's file or a document staff add to the evidence
 *   library). The bytes live in the file store (app/services/storage.server.ts) under sha256; two
 *   rows may share a hash, and the bytes go when the last row that names them does.
 *   organisation_id / uploaded_by say who may download it besides staff; erasing the person or
 *   the organisation removes their rows.
 * survey_answers.file_id  the answer of a 'file' question.
 * evidence_items.file_id  a source whose document is one of our stored files.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("survey_sections").addColumn("condition", "jsonb").execute();
  await db.schema.alterTable("survey_questions").addColumn("condition", "jsonb").execute();
  await db.schema.alterTable("survey_questions").dropConstraint("survey_questions_kind_check").execute();
  await db.schema
    .alterTable("survey_questions")
    .addCheckConstraint(
      "survey_questions_kind_check",
      sql`kind in ('single_choice', 'multiple_choice', 'scale', 'number', 'yes_no', 'short_text', 'long_text', 'case_study', 'file')`,
    )
    .execute();

  await db.schema
    .createTable("stored_files")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("sha256", "text", (col) => col.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn("size_bytes", "integer", (col) => col.notNull().check(sql`size_bytes >= 0`))
    .addColumn("media_type", "text", (col) => col.notNull())
    .addColumn("filename", "text", (col) => col.notNull())
    .addColumn("purpose", "text", (col) => col.notNull().check(sql`purpose in ('survey_answer', 'evidence')`))
    .addColumn("organisation_id", "integer", (col) => col.references("organisations.id").onDelete("cascade"))
    .addColumn("uploaded_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("stored_files_sha256_idx").on("stored_files").column("sha256").execute();
  await db.schema
    .createIndex("stored_files_organisation_idx")
    .on("stored_files")
    .column("organisation_id")
    .execute();
  await db.schema
    .createIndex("stored_files_uploaded_by_idx")
    .on("stored_files")
    .column("uploaded_by")
    .execute();

  await db.schema
    .alterTable("survey_answers")
    .addColumn("file_id", "integer", (col) => col.references("stored_files.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("survey_answers_file_idx").on("survey_answers").column("file_id").execute();
  await db.schema
    .alterTable("evidence_items")
    .addColumn("file_id", "integer", (col) => col.references("stored_files.id").onDelete("set null"))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("evidence_items").dropColumn("file_id").execute();
  await db.schema.alterTable("survey_answers").dropColumn("file_id").execute();
  await db.schema.dropTable("stored_files").execute();
  await db.schema.alterTable("survey_questions").dropConstraint("survey_questions_kind_check").execute();
  await db.schema
    .alterTable("survey_questions")
    .addCheckConstraint(
      "survey_questions_kind_check",
      sql`kind in ('single_choice', 'multiple_choice', 'scale', 'number', 'yes_no', 'short_text', 'long_text', 'case_study')`,
    )
    .execute();
  await db.schema.alterTable("survey_questions").dropColumn("condition").execute();
  await db.schema.alterTable("survey_sections").dropColumn("condition").execute();
}
