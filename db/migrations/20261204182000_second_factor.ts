import { sql, type Kysely } from "kysely";

// A second factor for sign-in (passkeys, authenticator-app codes, recovery codes), the setting that
// requires one for staff, and what a person needs to see and end their sessions. Frozen once
// landed: later changes go in a new migration.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("sessions")
    // A handle the owner's page can name a session by: the id_hash is too close to the secret.
    .addColumn("number", "bigint", (col) => col.notNull().generatedByDefaultAsIdentity().unique())
    .addColumn("user_agent", "text")
    // When this session passed the second factor; NULL until then. Whether it needed one is read
    // from the person's factors and the setting on each request, so a reset or a new rule applies at once.
    .addColumn("second_factor_at", "timestamptz")
    // The WebAuthn challenge this session was last given, single use.
    .addColumn("webauthn_challenge", "text")
    .addColumn("webauthn_challenge_expires_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("webauthn_credentials")
    .addColumn("id", "serial", (col) => col.primaryKey())
    .addColumn("person_id", "integer", (col) => col.notNull().references("people.id").onDelete("cascade"))
    .addColumn("credential_id", "text", (col) => col.notNull().unique())
    .addColumn("public_key", "bytea", (col) => col.notNull())
    .addColumn("counter", "bigint", (col) => col.notNull().defaultTo(0))
    .addColumn("transports", "jsonb", (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("webauthn_credentials_person_idx")
    .on("webauthn_credentials")
    .column("person_id")
    .execute();

  await db.schema
    .createTable("totp_authenticators")
    .addColumn("person_id", "integer", (col) => col.primaryKey().references("people.id").onDelete("cascade"))
    // AES-256-GCM under a key derived from the session secret: iv.tag.ciphertext, base64url.
    .addColumn("secret_sealed", "text", (col) => col.notNull())
    // NULL while being set up: it counts as a factor only once a code from the app has been entered.
    .addColumn("confirmed_at", "timestamptz")
    // The last 30-second step a code was accepted for: the same code never works twice.
    .addColumn("last_step", "bigint", (col) => col.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "serial", (col) => col.primaryKey())
    .addColumn("person_id", "integer", (col) => col.notNull().references("people.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("used_at", "timestamptz")
    .execute();
  await db.schema.createIndex("recovery_codes_person_idx").on("recovery_codes").column("person_id").execute();

  await db.schema
    .createTable("security_settings")
    // One row: the table exists to hold settings, not a history of them (the audit log has that).
    .addColumn("id", "boolean", (col) =>
      col
        .primaryKey()
        .defaultTo(true)
        .check(sql`id`),
    )
    .addColumn("second_factor_required_for_staff", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.insertInto("security_settings").values({ id: true }).execute();

  // The audit log's browsing filters: by who, by action and by time, newest first.
  await db.schema
    .createIndex("audit_log_created_idx")
    .on("audit_log")
    .columns(["created_at", "id"])
    .execute();
  await db.schema
    .createIndex("audit_log_actor_idx")
    .on("audit_log")
    .columns(["actor_id", "created_at"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_actor_idx").execute();
  await db.schema.dropIndex("audit_log_created_idx").execute();
  for (const table of [
    "security_settings",
    "recovery_codes",
    "totp_authenticators",
    "webauthn_credentials",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema
    .alterTable("sessions")
    .dropColumn("number")
    .dropColumn("user_agent")
    .dropColumn("second_factor_at")
    .dropColumn("webauthn_challenge")
    .dropColumn("webauthn_challenge_expires_at")
    .execute();
}
