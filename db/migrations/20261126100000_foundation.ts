import { sql, type Kysely } from "kysely";

// Frozen once landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisations")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("legal_form", "text", (col) =>
      col
        .notNull()
        .check(
          sql`legal_form in ('community_interest_company', 'company_limited_by_guarantee', 'community_benefit_society', 'cooperative_society', 'company_limited_by_shares', 'other')`,
        ),
    )
    .addColumn("service_area", "text", (col) =>
      col
        .notNull()
        .check(
          sql`service_area in ('health', 'social_care', 'libraries', 'leisure', 'youth', 'childrens_services', 'culture', 'housing', 'education', 'other')`,
        ),
    )
    .addColumn("nation", "text", (col) =>
      col.check(sql`nation in ('england', 'scotland', 'wales', 'northern_ireland')`),
    )
    .addColumn("postcode", "text")
    .addColumn("local_authority", "text")
    .addColumn("local_authority_code", "text")
    .addColumn("constituency", "text")
    .addColumn("staff_count", "integer", (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`staff_count >= 0`),
    )
    .addColumn("public_income_gbp", sql`numeric(14, 2)`, (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`public_income_gbp >= 0`),
    )
    .addColumn("membership_status", "text", (col) =>
      col
        .notNull()
        .defaultTo("active")
        .check(sql`membership_status in ('prospective', 'active', 'lapsed', 'left')`),
    )
    .addColumn("joined_on", "date")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("archived_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("organisations_name_postcode_key")
    .on("organisations")
    .unique()
    .expression(sql`lower(name), coalesce(postcode, '')`)
    .execute();

  await db.schema
    .createTable("people")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("organisation_id", "integer", (col) => col.references("organisations.id").onDelete("restrict"))
    .addColumn("email", "text", (col) =>
      col
        .notNull()
        .unique()
        .check(sql`email = lower(email)`),
    )
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("job_title", "text")
    .addColumn("role", "text", (col) => col.notNull().check(sql`role in ('admin', 'staff', 'member')`))
    .addColumn("is_leader", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("active", "boolean", (col) => col.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("people_leader_is_member", sql`not is_leader or role = 'member'`)
    .addCheckConstraint(
      "people_member_has_organisation",
      sql`role <> 'member' or organisation_id is not null`,
    )
    .execute();
  await db.schema.createIndex("people_organisation_id_idx").on("people").column("organisation_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (col) => col.primaryKey())
    .addColumn("person_id", "integer", (col) => col.notNull().references("people.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("sessions_person_id_idx").on("sessions").column("person_id").execute();

  await db.schema
    .createTable("login_tokens")
    .addColumn("token_hash", "text", (col) => col.primaryKey())
    .addColumn("person_id", "integer", (col) => col.notNull().references("people.id").onDelete("cascade"))
    .addColumn("redirect_to", "text", (col) => col.notNull().defaultTo("/"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (col) => col.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("rate_limit_events")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("bucket", "text", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("rate_limit_events_bucket_created_at_idx")
    .on("rate_limit_events")
    .columns(["bucket", "created_at"])
    .execute();

  await db.schema
    .createTable("email_outbox")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("template", "text", (col) => col.notNull())
    .addColumn("to_address", "text", (col) => col.notNull())
    .addColumn("subject", "text", (col) => col.notNull())
    .addColumn("html", "text", (col) => col.notNull())
    .addColumn("text", "text", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("locked_until", "timestamptz")
    .addColumn("sent_at", "timestamptz")
    .addColumn("failed_at", "timestamptz")
    .addColumn("last_error", "text")
    .execute();
  await db.schema
    .createIndex("email_outbox_pending_idx")
    .on("email_outbox")
    .column("next_attempt_at")
    .where(sql.ref("sent_at"), "is", null)
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("actor_id", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("subject_type", "text", (col) => col.notNull())
    .addColumn("subject_id", "text", (col) => col.notNull())
    .addColumn("before", "jsonb")
    .addColumn("after", "jsonb")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("audit_log_subject_idx")
    .on("audit_log")
    .columns(["subject_type", "subject_id", "created_at"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_log",
    "email_outbox",
    "rate_limit_events",
    "login_tokens",
    "sessions",
    "people",
    "organisations",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
