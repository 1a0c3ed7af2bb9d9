import { type Kysely } from "kysely";

// Homes that know what is asked: a member signed in answers without their emailed link, the home
// says when a colleague last saved a page, and a staff home knows what is new since the last visit. Frozen once landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("survey_invitations")
    // The link a signed-in member is sent to from their home; cleared with the other two at closing.
    .addColumn("member_token_hash", "text", (col) => col.unique())
    .execute();
  await db.schema
    .alterTable("survey_response_sections")
    // When the page was last saved, for "saved by <colleague> on <date>"; NULL in anonymous surveys,
    // where a time would date the response.
    .addColumn("saved_at", "timestamptz")
    .execute();
  await db.schema
    .alterTable("people")
    // When this visit to the home began, and when the one before it did: "new since your last visit"
    // counts from the one before, so reloading the page does not empty the list.
    .addColumn("home_visit_at", "timestamptz")
    .addColumn("home_previous_visit_at", "timestamptz")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("people")
    .dropColumn("home_previous_visit_at")
    .dropColumn("home_visit_at")
    .execute();
  await db.schema.alterTable("survey_response_sections").dropColumn("saved_at").execute();
  await db.schema.alterTable("survey_invitations").dropColumn("member_token_hash").execute();
}
