import { sql, type Kysely } from "kysely";

// Frozen once landed: later changes go in a new migration.
// An invitation to someone new gets a link that lives for days (their mailbox may be read a week
// later), a sign-in link asked for at /login one that lives for minutes; the kind tells them apart.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("login_tokens")
    .addColumn("kind", "text", (col) =>
      col
        .notNull()
        .defaultTo("sign-in")
        .check(sql`kind in ('sign-in', 'invitation')`),
    )
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("login_tokens").dropColumn("kind").execute();
}
