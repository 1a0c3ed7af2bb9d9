import type { Kysely } from "kysely";

// An approved submission keeps what it said: the document's rendered inputs (consultation title,
// government, date, about-us paragraph, questions and answers, footnotes with their frozen
// figures and quotes) are written here on approval, and every export of an approved, submitted
// or withdrawn submission reads them from here. NULL before approval (and for submissions
// approved before this column existed, which fall back to the live rows). Frozen once landed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("submissions").addColumn("frozen_document", "jsonb").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("submissions").dropColumn("frozen_document").execute();
}
