import { decodeHTML } from "entities";
import { sql, type Kysely } from "kysely";

// Imported consultations kept HTML entities in their titles ("&amp;"), and Citizen Space ones named
// the department rather than the government answered: repair the stored rows once. Also a table for
// GOV.UK's bank holidays, so working days count the last good copy of the published list.
// Frozen once landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  const rows: { id: number; title: string; description: string; body: string }[] = await db
    .selectFrom("consultations")
    .select(["id", "title", "description", "body"])
    .where("source_id", "is not", null)
    .where((eb) =>
      eb.or([eb("title", "like", "%&%"), eb("description", "like", "%&%"), eb("body", "like", "%&%")]),
    )
    .execute();
  const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
  for (const row of rows) {
    await db
      .updateTable("consultations")
      .set({
        title: oneLine(decodeHTML(row.title)) || row.title,
        description: oneLine(decodeHTML(row.description)),
        body: oneLine(decodeHTML(row.body)) || row.body,
      })
      .where("id", "=", row.id)
      .execute();
  }
  await db
    .updateTable("consultations")
    .set({
      body: sql`case nation when 'scotland' then 'Scottish Government'
        when 'northern_ireland' then 'Northern Ireland Executive'
        when 'wales' then 'Welsh Government' else body end`,
    })
    .where(
      "source_id",
      "in",
      db.selectFrom("consultation_sources").select("id").where("kind", "=", "citizen_space"),
    )
    .execute();

  await db.schema
    .createTable("bank_holiday_divisions")
    .addColumn("division", "text", (col) =>
      col.primaryKey().check(sql`division in ('england-and-wales', 'scotland', 'northern-ireland')`),
    )
    // ["2027-01-01", ...]: the dates only; titles are not needed to count working days.
    .addColumn("dates", "jsonb", (col) => col.notNull())
    .addColumn("fetched_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("bank_holiday_divisions").execute();
}
