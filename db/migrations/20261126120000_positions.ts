import { sql, type Kysely } from "kysely";

// Frozen once landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("evidence_items")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("kind", "text", (col) => col.notNull().check(sql`kind in ('source', 'figure', 'quote')`))
    .addColumn("status", "text", (col) =>
      col
        .notNull()
        .defaultTo("active")
        .check(sql`status in ('active', 'withdrawn')`),
    )
    .addColumn("label", "text", (col) => col.notNull())
    // source
    .addColumn("title", "text")
    .addColumn("publisher", "text")
    .addColumn("url", "text")
    .addColumn("published_on", "date")
    // figure
    .addColumn("value", sql`numeric(20, 4)`)
    .addColumn("unit", "text")
    .addColumn("n", "integer", (col) => col.check(sql`n >= 0`))
    .addColumn("as_of", "date")
    .addColumn("source_note", "text")
    // quote
    .addColumn("quote_text", "text")
    .addColumn("attribution", "text")
    .addColumn("anonymous", "boolean")
    .addColumn("consent_method", "text", (col) =>
      col.check(sql`consent_method in ('written', 'survey', 'verbal', 'published')`),
    )
    .addColumn("consent_on", "date")
    // Where a computed item comes from (a survey question and filter, added by the surveys work);
    // null for items entered by hand, whose value is what is stored here.
    .addColumn("origin", "jsonb")
    .addColumn("created_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("withdrawn_at", "timestamptz")
    .addColumn("withdrawn_reason", "text")
    .addCheckConstraint(
      "evidence_items_kind_fields",
      sql`(kind <> 'source' or (title is not null and publisher is not null and url is not null))
        and (kind <> 'figure' or origin is not null or (value is not null and as_of is not null and source_note is not null))
        and (kind <> 'quote' or (quote_text is not null and anonymous is not null and consent_method is not null
          and consent_on is not null and (anonymous or attribution is not null)))`,
    )
    .addCheckConstraint("evidence_items_withdrawn", sql`(status = 'withdrawn') = (withdrawn_at is not null)`)
    .execute();
  await db.schema
    .createIndex("evidence_items_kind_idx")
    .on("evidence_items")
    .columns(["kind", "status"])
    .execute();

  await db.schema
    .createTable("positions")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("slug", "text", (col) => col.notNull().unique())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("summary", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("topics", "jsonb", (col) => col.notNull())
    .addColumn("owner_id", "integer", (col) => col.notNull().references("people.id").onDelete("restrict"))
    .addColumn("state", "text", (col) =>
      col
        .notNull()
        .defaultTo("draft")
        .check(sql`state in ('draft', 'in_review', 'approved', 'published', 'retired')`),
    )
    .addColumn("is_public", "boolean", (col) => col.notNull().defaultTo(false))
    // Filled in just after the first version is written, in the same transaction.
    .addColumn("current_version_id", "integer")
    .addColumn("reviewer_id", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("review_requested_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("approved_version_id", "integer")
    .addColumn("published_version_id", "integer")
    .addColumn("published_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("published_at", "timestamptz")
    .addColumn("awaiting_retrospective_review", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "positions_published_has_version",
      sql`state not in ('published', 'retired') or published_version_id is not null`,
    )
    .addCheckConstraint(
      "positions_retrospective_only_published",
      sql`not awaiting_retrospective_review or published_version_id is not null`,
    )
    .execute();
  await db.schema
    .createIndex("positions_state_idx")
    .on("positions")
    .columns(["state", "updated_at"])
    .execute();

  await db.schema
    .createTable("position_versions")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("position_id", "integer", (col) =>
      col.notNull().references("positions.id").onDelete("cascade"),
    )
    .addColumn("number", "integer", (col) => col.notNull().check(sql`number >= 1`))
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("summary", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("note", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("author_id", "integer", (col) => col.references("people.id").onDelete("set null"))
    // The version the author's form started from: null for the first.
    .addColumn("base_version_id", "integer", (col) => col.references("position_versions.id"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("position_versions_number_key", ["position_id", "number"])
    .execute();

  await db.schema
    .alterTable("positions")
    .addForeignKeyConstraint("positions_current_version_fk", ["current_version_id"], "position_versions", [
      "id",
    ])
    .execute();
  await db.schema
    .alterTable("positions")
    .addForeignKeyConstraint("positions_approved_version_fk", ["approved_version_id"], "position_versions", [
      "id",
    ])
    .execute();
  await db.schema
    .alterTable("positions")
    .addForeignKeyConstraint(
      "positions_published_version_fk",
      ["published_version_id"],
      "position_versions",
      ["id"],
    )
    .execute();

  await db.schema
    .createTable("position_reviews")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("position_id", "integer", (col) =>
      col.notNull().references("positions.id").onDelete("cascade"),
    )
    .addColumn("version_id", "integer", (col) => col.notNull().references("position_versions.id"))
    .addColumn("outcome", "text", (col) =>
      col.notNull().check(sql`outcome in ('requested', 'sent_back', 'approved', 'retrospective')`),
    )
    .addColumn("actor_id", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("reviewer_id", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("comment", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("position_reviews_position_idx")
    .on("position_reviews")
    .columns(["position_id", "created_at"])
    .execute();

  // What a document cited, frozen when it was signed off: the figure as it stood then, even if
  // the item (or, for a computed figure, its survey) changes or is withdrawn afterwards.
  await db.schema
    .createTable("evidence_citations")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("evidence_id", "integer", (col) => col.notNull().references("evidence_items.id"))
    .addColumn("subject_type", "text", (col) => col.notNull())
    .addColumn("subject_id", "integer", (col) => col.notNull())
    .addColumn("frozen_value", sql`numeric(20, 4)`)
    .addColumn("frozen_n", "integer")
    .addColumn("frozen_on", "date")
    .addColumn("frozen_text", "text", (col) => col.notNull())
    .addColumn("frozen_url", "text")
    .addColumn("frozen_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("evidence_citations_subject_key", ["subject_type", "subject_id", "evidence_id"])
    .execute();
  await db.schema
    .createIndex("evidence_citations_evidence_idx")
    .on("evidence_citations")
    .column("evidence_id")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("evidence_citations").execute();
  await db.schema.dropTable("position_reviews").execute();
  await db.schema.alterTable("positions").dropConstraint("positions_current_version_fk").execute();
  await db.schema.alterTable("positions").dropConstraint("positions_approved_version_fk").execute();
  await db.schema.alterTable("positions").dropConstraint("positions_published_version_fk").execute();
  await db.schema.dropTable("position_versions").execute();
  await db.schema.dropTable("positions").execute();
  await db.schema.dropTable("evidence_items").execute();
}
