import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { Migrator, type Migration } from "kysely/migration";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { createDb, type DbHandle } from "../db/client.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { migrations } from "../db/migrations/index.ts";
import { makeMember, makeOrganisation } from "./directory-factories.ts";
import { openTestDb } from "./db.ts";
import * as lettersAsLanded from "./fixtures/migrations-as-landed/20261126130000_letters.ts";
import * as surveysAsLanded from "./fixtures/migrations-as-landed/20261126140000_surveys.ts";

/**
 * Two migrations were edited after they had landed (test/fixtures/migrations-as-landed holds their first
 * texts, from git). A database migrated with those texts, then brought up to date by the migrations that
 * followed, must end with the same schema as a fresh migrate, on PGlite and on PostgreSQL alike.
 */
const MENDED_BY = "20261203160000_mend_letters_surveys_as_landed";
const asLanded: Record<string, Migration> = {
  "20261126130000_letters": lettersAsLanded,
  "20261126140000_surveys": surveysAsLanded,
};

async function emptyDatabase(): Promise<DbHandle> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return createDb({});
  const name = `mv_landed_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), poolSize: 2 });
  afterAll(async () => {
    await handle.db.destroy();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return handle;
}

async function migrateAsLanded<T>(db: Kysely<T>) {
  const landed = Object.fromEntries(
    Object.entries(migrations)
      .filter(([name]) => name < MENDED_BY)
      .map(([name, migration]) => [name, asLanded[name] ?? migration]),
  );
  const migrator = new Migrator({ db, provider: { getMigrations: async () => landed } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/** Columns, indexes and constraints of every table, in an order that does not depend on history. */
async function schemaOf<T>(db: Kysely<T>) {
  const columns = await sql<Record<string, unknown>>`
    select table_name, column_name, data_type, udt_name, is_nullable, column_default,
           character_maximum_length, numeric_precision, numeric_scale, is_identity, identity_generation
    from information_schema.columns
    where table_schema = current_schema() and table_name not like 'kysely_%'
    order by table_name, column_name`.execute(db);
  const indexes = await sql<Record<string, unknown>>`
    select tablename, indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename not like 'kysely_%'
    order by tablename, indexname`.execute(db);
  const constraints = await sql<Record<string, unknown>>`
    select c.conrelid::regclass::text as table_name, c.conname, c.contype,
           pg_get_constraintdef(c.oid) as definition
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where n.nspname = current_schema() and c.conrelid::regclass::text not like 'kysely_%'
    order by 1, 2`.execute(db);
  return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
}

const fresh = await openTestDb();
const old = await emptyDatabase();
afterAll(() => (process.env.DATABASE_URL ? undefined : old.db.destroy()));

test("a database migrated with the letters and surveys migrations as they landed is mended to the fresh schema", async () => {
  await migrateAsLanded(old.db);
  const before = await schemaOf(old.db);
  expect(before.columns).not.toContainEqual(expect.objectContaining({ column_name: "reminder_token_hash" }));
  expect(before.columns).not.toContainEqual(expect.objectContaining({ column_name: "link_origin" }));

  // A signature made under the first version: its confirmation went into the outbox while signing.
  const organisation = await makeOrganisation(old.db);
  const leader = await makeMember(old.db, organisation.id, { isLeader: true });
  const letter = await sql<{ id: number }>`
    insert into letters (slug, title, addressee, body_markdown, state)
    values ('landed-letter', 'A letter', 'The Minister', 'Text', 'open') returning id`.execute(old.db);
  const signedAt = new Date("2026-11-27T10:00:00Z");
  await sql`
    insert into letter_signatures
      (letter_id, organisation_id, person_id, signer_name, organisation_name, via, form_key, signed_at)
    values (${letter.rows[0]?.id}, ${organisation.id}, ${leader.id}, ${leader.name}, ${organisation.name},
            'session', 'form-key', ${signedAt})`.execute(old.db);

  await migrateToLatest(old.db);
  expect(await schemaOf(old.db)).toEqual(await schemaOf(fresh.db));

  // Not due for a second confirmation: the background loop only sends where this is null.
  const signature = await old.db
    .selectFrom("letter_signatures")
    .select(["confirmation_queued_at", "link_origin"])
    .executeTakeFirstOrThrow();
  expect(signature.confirmation_queued_at).toEqual(signedAt);
  expect(signature.link_origin).toBe("");
});

test("the mending migration changes nothing on a freshly migrated database", async () => {
  const before = await schemaOf(fresh.db);
  const mend = migrations[MENDED_BY];
  if (!mend) throw new Error(`${MENDED_BY} is not registered`);
  await mend.up(fresh.db);
  expect(await schemaOf(fresh.db)).toEqual(before);
});
