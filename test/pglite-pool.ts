import { readFile } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import { openPglite } from "../db/client.ts";

/**
 * Starting PGlite from the migrated snapshot takes about half a second, so a vitest worker (which
 * keeps this module from one file to the next) keeps the instances its files have finished with
 * and empties one for the next file: every table as the migrations left it, identities restarted,
 * the session reset. One whose schema a test changed, or that a test closed, is dropped instead.
 */
const idlePglites: PGlite[] = [];
let snapshot: Promise<Blob> | undefined;
let migrated: Promise<MigratedState> | undefined;

export interface MigratedState {
  schema: string;
  /** Each table's rows as the migrations left them, as JSON, for the tables they wrote to. */
  rows: Map<string, string>;
  /** The sequences the migrations moved on, and where they stood. */
  sequences: Map<string, number>;
}

/** A PGlite in the migrated state: a finished file's, emptied, or a new one from the snapshot file. */
export async function takeMigratedPglite(snapshotFile: string): Promise<PGlite> {
  snapshot ??= readFile(snapshotFile).then((bytes) => new Blob([bytes]));
  for (let pglite = idlePglites.pop(); pglite; pglite = idlePglites.pop()) {
    if (migrated && (await resetToMigrated(pglite, await migrated))) return pglite;
    if (!pglite.closed) await pglite.close();
  }
  const pglite = await openPglite({ loadDataDir: await snapshot });
  migrated ??= readMigratedState(pglite);
  await migrated;
  return pglite;
}

/** Hands back an instance a file has finished with, for the next file. */
export function releasePglite(pglite: PGlite) {
  idlePglites.push(pglite);
}

/** True when `pglite` is back to `state`; false when it cannot be (closed, or its schema changed). */
export async function resetToMigrated(
  pglite: PGlite,
  { schema, rows, sequences }: MigratedState,
): Promise<boolean> {
  if (pglite.closed) return false;
  // A test that failed mid-transaction leaves it open; a new session has none, and no settings.
  await pglite.exec("rollback");
  await pglite.exec("discard all");
  if ((await schemaFingerprint(pglite)) !== schema) return false;
  const tables = await userTables(pglite);
  await pglite.transaction(async (tx) => {
    await tx.exec(`truncate ${tables.map(quoteIdent).join(", ")} restart identity cascade`);
    for (const [table, json] of rows) {
      await tx.query(
        `insert into ${quoteIdent(table)} overriding system value
          select * from json_populate_recordset(null::${quoteIdent(table)}, $1)`,
        [json],
      );
    }
    for (const [sequence, lastValue] of sequences) {
      await tx.query("select setval($1::regclass, $2)", [sequence, lastValue]);
    }
  });
  return true;
}

export async function readMigratedState(pglite: PGlite): Promise<MigratedState> {
  const rows = new Map<string, string>();
  for (const table of await userTables(pglite)) {
    const result = await pglite.query<{ rows: string | null }>(
      `select json_agg(t)::text as rows from ${quoteIdent(table)} t`,
    );
    const json = result.rows[0]?.rows;
    if (json) rows.set(table, json);
  }
  const moved = await pglite.query<{ name: string; lastValue: number }>(
    `select quote_ident(schemaname) || '.' || quote_ident(sequencename) as name, last_value as "lastValue"
       from pg_sequences where schemaname = 'public' and last_value is not null`,
  );
  const sequences = new Map(moved.rows.map((row) => [row.name, row.lastValue]));
  return { schema: await schemaFingerprint(pglite), rows, sequences };
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
