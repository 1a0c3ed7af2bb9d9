import { sql, type Kysely } from "kysely";

// The consultation radar: open government consultations imported from GOV.UK and Citizen Space
// sites or entered by hand, flagged relevant by topic keywords, then adopted or dismissed.
// Frozen once landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  // One row per configured outside source, kept in step with the configuration at each sync.
  await db.schema
    .createTable("consultation_sources")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    // 'govuk', or 'citizen_space:<origin>' for a Citizen Space site.
    .addColumn("key", "text", (col) => col.notNull().unique())
    .addColumn("kind", "text", (col) => col.notNull().check(sql`kind in ('govuk', 'citizen_space')`))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("base_url", "text", (col) => col.notNull())
    .addColumn("level", "text", (col) => col.notNull().check(sql`level in ('national', 'devolved', 'local')`))
    .addColumn("nation", "text", (col) =>
      col.check(sql`nation in ('england', 'scotland', 'wales', 'northern_ireland')`),
    )
    // A site taken out of the configuration stays (its consultations point at it) but is not synced.
    .addColumn("enabled", "boolean", (col) => col.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per attempt to import a source. The scheduled run is unique per source and day, so
  // several processes running the background loop import each source once a day.
  await db.schema
    .createTable("consultation_sync_runs")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("source_id", "integer", (col) =>
      col.notNull().references("consultation_sources.id").onDelete("cascade"),
    )
    .addColumn("trigger", "text", (col) => col.notNull().check(sql`trigger in ('scheduled', 'manual')`))
    // The London date of a scheduled run; also filled for manual ones, for reading.
    .addColumn("run_date", "date", (col) => col.notNull())
    .addColumn("status", "text", (col) =>
      col
        .notNull()
        .defaultTo("running")
        .check(sql`status in ('running', 'succeeded', 'partial', 'failed')`),
    )
    .addColumn("started_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("started_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .addColumn("imported_count", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("updated_count", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("skipped_count", "integer", (col) => col.notNull().defaultTo(0))
    // Each skipped record and why: [{ ref, reason }].
    .addColumn("skipped", "jsonb", (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("error_at", "timestamptz")
    .addColumn("error_message", "text")
    .addCheckConstraint("consultation_sync_runs_finished", sql`(status = 'running') = (finished_at is null)`)
    .addCheckConstraint("consultation_sync_runs_error", sql`(error_message is null) = (error_at is null)`)
    .execute();
  await db.schema
    .createIndex("consultation_sync_runs_daily_key")
    .on("consultation_sync_runs")
    .columns(["source_id", "run_date"])
    .unique()
    .where(sql.ref("trigger"), "=", "scheduled")
    .execute();
  // At most one run of a source at a time (a second "Sync now" while one runs does nothing).
  await db.schema
    .createIndex("consultation_sync_runs_running_key")
    .on("consultation_sync_runs")
    .column("source_id")
    .unique()
    .where(sql.ref("status"), "=", "running")
    .execute();
  await db.schema
    .createIndex("consultation_sync_runs_source_idx")
    .on("consultation_sync_runs")
    .columns(["source_id", "started_at"])
    .execute();

  await db.schema
    .createTable("consultations")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    // Null for a consultation entered by hand.
    .addColumn("source_id", "integer", (col) =>
      col.references("consultation_sources.id").onDelete("restrict"),
    )
    // GOV.UK content_id, or the Citizen Space consultation id; null for a manual entry.
    .addColumn("external_id", "text")
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("description", "text", (col) => col.notNull().defaultTo(""))
    // The government body (or bodies, comma-separated) running the consultation.
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("level", "text", (col) => col.notNull().check(sql`level in ('national', 'devolved', 'local')`))
    // The body's nation: required for devolved and local consultations, null for national ones.
    .addColumn("nation", "text", (col) =>
      col.check(sql`nation in ('england', 'scotland', 'wales', 'northern_ireland')`),
    )
    // GOV.UK national_applicability: the nations a national consultation applies to; [] = not stated.
    .addColumn("applies_to", "jsonb", (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("url", "text", (col) => col.notNull())
    .addColumn("opens_on", "date")
    .addColumn("closes_on", "date", (col) => col.notNull())
    // Relevance: recomputed from topic keywords whenever the text or the keywords change.
    .addColumn("relevant", "boolean", (col) => col.notNull().defaultTo(false))
    // [{ topic, keyword }] that matched the title or description.
    .addColumn("matched_keywords", "jsonb", (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("triage_state", "text", (col) =>
      col
        .notNull()
        .defaultTo("untriaged")
        .check(sql`triage_state in ('untriaged', 'adopted', 'dismissed')`),
    )
    .addColumn("adopted_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("adopted_at", "timestamptz")
    .addColumn("dismissed_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("dismissed_at", "timestamptz")
    .addColumn("dismissed_reason", "text")
    // Bumped by every edit of a manual entry, so a stale edit is refused instead of overwriting.
    .addColumn("version", "integer", (col) => col.notNull().defaultTo(1))
    .addColumn("created_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    // When a sync last saw it in its source's open list.
    .addColumn("last_seen_at", "timestamptz")
    .addUniqueConstraint("consultations_source_external_key", ["source_id", "external_id"])
    .addCheckConstraint("consultations_manual_or_imported", sql`(source_id is null) = (external_id is null)`)
    .addCheckConstraint("consultations_nation_level", sql`level = 'national' or nation is not null`)
    .addCheckConstraint("consultations_dates", sql`opens_on is null or closes_on >= opens_on`)
    .addCheckConstraint("consultations_adopted", sql`(triage_state = 'adopted') = (adopted_at is not null)`)
    .addCheckConstraint(
      "consultations_dismissed",
      sql`(triage_state = 'dismissed') = (dismissed_at is not null)`,
    )
    .execute();
  await db.schema
    .createIndex("consultations_radar_idx")
    .on("consultations")
    .columns(["triage_state", "closes_on"])
    .execute();

  // Keywords that make a consultation relevant, grouped by the positions' topics (app/schemas/positions.ts).
  await db.schema
    .createTable("topic_keywords")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("topic", "text", (col) => col.notNull())
    // Stored lower-case and trimmed; matched case-insensitively on word boundaries.
    .addColumn("keyword", "text", (col) =>
      col.notNull().check(sql`keyword = lower(btrim(keyword)) and keyword <> ''`),
    )
    .addColumn("created_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("topic_keywords_topic_keyword_key", ["topic", "keyword"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("topic_keywords").execute();
  await db.schema.dropTable("consultations").execute();
  await db.schema.dropTable("consultation_sync_runs").execute();
  await db.schema.dropTable("consultation_sources").execute();
}
