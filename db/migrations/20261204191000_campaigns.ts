import { sql, type Kysely } from "kysely";

// Campaigns: one long-running policy ask (VAT, pensions, commissioning) that ties positions,
// surveys, evidence, adopted consultations, submissions and letters together, with the outcomes won
// against it. Frozen once landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("campaigns")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("slug", "text", (col) => col.notNull().unique())
    .addColumn("name", "text", (col) => col.notNull())
    // The ask in one sentence: what the network wants government to do.
    .addColumn("ask", "text", (col) => col.notNull())
    // The governments and bodies it targets (app/schemas/campaigns.ts), a JSON list of keys.
    .addColumn("targets", "jsonb", (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    // The positions' topics whose radar keywords flag consultations for it, a JSON list of keys.
    .addColumn("topics", "jsonb", (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("owner_id", "integer", (col) => col.notNull().references("people.id").onDelete("restrict"))
    .addColumn("state", "text", (col) =>
      col
        .notNull()
        .defaultTo("active")
        .check(sql`state in ('active', 'paused', 'won', 'closed')`),
    )
    // The public page is off until staff turn it on.
    .addColumn("is_public", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("created_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // What belongs to a campaign. One table for every kind keeps "everything in this campaign" one
  // indexed read; an item may belong to several campaigns (a letter pressing two asks).
  await db.schema
    .createTable("campaign_links")
    .addColumn("campaign_id", "integer", (col) =>
      col.notNull().references("campaigns.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (col) =>
      col
        .notNull()
        .check(sql`kind in ('position', 'survey', 'evidence', 'consultation', 'submission', 'letter')`),
    )
    .addColumn("item_id", "integer", (col) => col.notNull())
    .addColumn("linked_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("linked_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("campaign_links_pkey", ["campaign_id", "kind", "item_id"])
    .execute();
  await db.schema
    .createIndex("campaign_links_item_idx")
    .on("campaign_links")
    .columns(["kind", "item_id"])
    .execute();

  await db.schema
    .createTable("campaign_outcomes")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("campaign_id", "integer", (col) =>
      col.notNull().references("campaigns.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (col) =>
      col.notNull().check(sql`kind in ('commitment', 'policy_change', 'meeting', 'rejection')`),
    )
    .addColumn("outcome_on", "date", (col) => col.notNull())
    .addColumn("government", "text", (col) => col.notNull())
    // Only web links: the public page shows it as one.
    .addColumn("source_url", "text", (col) => col.check(sql`source_url ~* '^https?://'`))
    .addColumn("note", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("recorded_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("recorded_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("campaign_outcomes_campaign_idx")
    .on("campaign_outcomes")
    .columns(["campaign_id", "outcome_on"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("campaign_outcomes").execute();
  await db.schema.dropTable("campaign_links").execute();
  await db.schema.dropTable("campaigns").execute();
}
