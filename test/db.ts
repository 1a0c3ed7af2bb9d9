import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect } from "kysely";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createDb, openPglite, type DbHandle } from "../db/client.ts";
import type { Database } from "../db/schema.ts";

export interface TestDb extends DbHandle {
  /** For tests that need a second, independent connection string (server only). */
  databaseUrl?: string;
}

async function createFromTemplate(adminUrl: string, template: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Two files copying the same template at the same moment collide; the loser waits and retries.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
}

/**
 * A freshly migrated database of this test file's own: PGlite from the migrated snapshot (or a
 * finished file's instance emptied back to it), or a database made from the server template when
 * DATABASE_URL is set, dropped after the file.
 */
export async function openTestDb(): Promise<TestDb> {
  const adminUrl = process.env.DATABASE_URL;
  const template = inject("templateDatabase");
  if (adminUrl && template) {
    const name = `mv_test_${randomBytes(6).toString("hex")}`;
    await createFromTemplate(adminUrl, template, name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await createDb({ databaseUrl: url.toString(), poolSize: 5 });
    afterAll(async () => {
      await handle.db.destroy();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      // The pool's last clients may still be saying goodbye: forcing the drop then would kill them
      // mid-way and their FATAL would surface as an unhandled error in the test run.
      for (let attempt = 0; attempt < 40; attempt++) {
        const { rows } = await admin.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where datname = $1",
          [name],
        );
        if (!rows[0]?.n) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    return { ...handle, databaseUrl: url.toString() };
  }
  const pglite = await takeMigratedPglite();
  const handle: DbHandle = {
    db: new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) }),
    kind: "pglite",
    pglite,
  };
  afterAll(() => idlePglites.push(pglite));
  return handle;
}

/**
 * Starting PGlite from the migrated snapshot takes about half a second, so a vitest worker (which
 * keeps this module from one file to the next) keeps the instances its files have finished with
 * and empties one for the next file: every table as the migrations left it, identities restarted,
 * the session reset. One whose schema a test changed, or that a test closed, is dropped instead.
 */
const idlePglites: PGlite[] = [];
let snapshot: Promise<Blob> | undefined;
let migrated: Promise<MigratedState> | undefined;

interface MigratedState {
  schema: string;
  /** Each table's rows as the migrations left them, as JSON, for the tables they wrote to. */
  rows: Map<string, string>;
}

async function takeMigratedPglite(): Promise<PGlite> {
  snapshot ??= readFile(inject("pgliteSnapshot")).then((bytes) => new Blob([bytes]));
  for (let pglite = idlePglites.pop(); pglite; pglite = idlePglites.pop()) {
    if (await resetToMigrated(pglite)) return pglite;
    if (!pglite.closed) await pglite.close();
  }
  const pglite = await openPglite({ loadDataDir: await snapshot });
  migrated ??= readMigratedState(pglite);
  await migrated;
  return pglite;
}

/** True when `pglite` is back to the migrated state; false when it cannot be (closed, schema changed). */
async function resetToMigrated(pglite: PGlite): Promise<boolean> {
  if (pglite.closed || !migrated) return false;
  const { schema, rows } = await migrated;
  // A test that failed mid-transaction leaves it open; a new session has none, and no settings.
  await pglite.exec("rollback");
  await pglite.exec("discard all");
  if ((await schemaFingerprint(pglite)) !== schema) return false;
  const tables = await userTables(pglite);
  await pglite.transaction(async (tx) => {
    await tx.exec(`truncate ${tables.map(quoteIdent).join(", ")} restart identity cascade`);
    for (const [table, json] of rows) {
      await tx.query(
        `insert into ${quoteIdent(table)} select * from json_populate_recordset(null::${quoteIdent(table)}, $1)`,
        [json],
      );
    }
  });
  return true;
}

async function readMigratedState(pglite: PGlite): Promise<MigratedState> {
  const rows = new Map<string, string>();
  for (const table of await userTables(pglite)) {
    const result = await pglite.query<{ rows: string | null }>(
      `select json_agg(t)::text as rows from ${quoteIdent(table)} t`,
    );
    const json = result.rows[0]?.rows;
    if (json) rows.set(table, json);
  }
  return { schema: await schemaFingerprint(pglite), rows };
}

/** The public schema's tables, columns, indexes, constraints, triggers and functions, as one text. */
async function schemaFingerprint(pglite: PGlite): Promise<string> {
  const result = await pglite.query<{ fingerprint: string }>(`
    select md5(string_agg(item, ',' order by item)) as fingerprint from (
      select c.relname || '.' || a.attname || ':' || format_type(a.atttypid, a.atttypmod) || ':' || a.attnotnull as item
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped
      union all select 'index:' || indexname || ':' || indexdef from pg_indexes where schemaname = 'public'
      union all select 'constraint:' || conname || ':' || pg_get_constraintdef(oid) from pg_constraint
        where connamespace = 'public'::regnamespace
      union all select 'trigger:' || tgname || ':' || tgrelid::regclass::text from pg_trigger where not tgisinternal
      union all select 'function:' || p.oid::regprocedure::text || ':' || md5(p.prosrc) from pg_proc p
        where p.pronamespace = 'public'::regnamespace
      union all select 'sequence:' || sequencename from pg_sequences where schemaname = 'public'
    ) items`);
  return result.rows[0]?.fingerprint ?? "";
}

/** Every table the app owns; the migrator's own two keep their rows. */
async function userTables(pglite: PGlite): Promise<string[]> {
  const result = await pglite.query<{ name: string }>(
    `select tablename as name from pg_tables
      where schemaname = 'public' and tablename not in ('kysely_migration', 'kysely_migration_lock')
      order by tablename`,
  );
  return result.rows.map((row) => row.name);
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
