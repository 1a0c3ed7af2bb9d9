import { sql, type Kysely } from "kysely";

/*
 * Bilingual surveys and letters. Frozen once landed: later changes go in a new migration.
 *
 * Each text a member reads has a nullable Welsh twin beside it (`*_cy`), so a query that reads the
 * English text reads the Welsh one with one more column and the builder saves both in one update.
 * NULL means "not translated": the page falls back to the English text and marks it lang="en".
 * `bilingual` is what staff switch on; without it members are offered no language choice.
 * survey_questions.settings_cy holds the Welsh words of the settings, by the same keys as settings:
 * {"choices": {"<choice key>": "<label>"}, "minLabel": "...", "maxLabel": "...", "unit": "..."}.
 * Answers keep storing choice keys (never labels), so results pool both languages unchanged.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("surveys")
    .addColumn("bilingual", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("title_cy", "text")
    .addColumn("introduction_cy", "text")
    .execute();
  await db.schema
    .alterTable("survey_sections")
    .addColumn("title_cy", "text")
    .addColumn("introduction_cy", "text")
    .execute();
  await db.schema
    .alterTable("survey_questions")
    .addColumn("prompt_cy", "text")
    .addColumn("help_text_cy", "text")
    .addColumn("settings_cy", "jsonb")
    .execute();
  await db.schema
    .alterTable("letters")
    .addColumn("bilingual", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("title_cy", "text")
    .addColumn("body_markdown_cy", "text")
    .execute();
  // An empty translation would hide the English fallback behind a blank: store NULL instead.
  for (const [table, columns] of [
    ["surveys", ["title_cy", "introduction_cy"]],
    ["survey_sections", ["title_cy", "introduction_cy"]],
    ["survey_questions", ["prompt_cy", "help_text_cy"]],
    ["letters", ["title_cy", "body_markdown_cy"]],
  ] as const) {
    for (const column of columns) {
      await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_${column}_not_blank`)} check (${sql.ref(column)} <> '')`.execute(
        db,
      );
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("letters")
    .dropColumn("bilingual")
    .dropColumn("title_cy")
    .dropColumn("body_markdown_cy")
    .execute();
  await db.schema
    .alterTable("survey_questions")
    .dropColumn("prompt_cy")
    .dropColumn("help_text_cy")
    .dropColumn("settings_cy")
    .execute();
  await db.schema
    .alterTable("survey_sections")
    .dropColumn("title_cy")
    .dropColumn("introduction_cy")
    .execute();
  await db.schema
    .alterTable("surveys")
    .dropColumn("bilingual")
    .dropColumn("title_cy")
    .dropColumn("introduction_cy")
    .execute();
}
