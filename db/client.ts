import { mkdir } from "node:fs/promises";
import { PGlite, types } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, PostgresDialect } from "kysely";
import pg from "pg";
import { PreparedStatementPool } from "./prepared-pool.ts";
import type { Database } from "./schema.ts";

export type DatabaseKind = "pglite" | "postgres";

export type Db = Kysely<Database>;

/**
 * pg returns int8 as a string and PGlite as a number (or BigInt): both drivers get this one
 * parser so counts and ids look the same whichever database runs underneath.
 */
export function toSafeNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    throw new RangeError(`int8 value ${value} is beyond Number.MAX_SAFE_INTEGER`);
  }
  return parsed;
}

/** A calendar date stays the 'YYYY-MM-DD' it was stored as: no time zone may shift it. */
const keepDateText = (value: string) => value;

pg.types.setTypeParser(pg.types.builtins.INT8, toSafeNumber);
pg.types.setTypeParser(pg.types.builtins.DATE, keepDateText);

export interface CreateDbOptions {
  /** Server PostgreSQL when set; embedded PGlite otherwise. */
  databaseUrl?: string;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string;
  /** A PGlite data directory snapshot (from dumpDataDir) to start from. */
  loadDataDir?: Blob;
  poolSize?: number;
  /** Where a dropped idle connection is reported (the server's log); the console when omitted. */
  onIdleError?: (error: Error) => void;
}

export interface DbHandle {
  db: Db;
  kind: DatabaseKind;
  pglite?: PGlite;
  /** The server connection pool, for its metrics. */
  pool?: pg.Pool;
}

export async function openPglite(options: Pick<CreateDbOptions, "dataDir" | "loadDataDir">) {
  // PGlite creates only the last folder of the path; DATA_DIR may name a nested one.
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  return PGlite.create(options.dataDir, {
    loadDataDir: options.loadDataDir,
    parsers: { [types.INT8]: toSafeNumber, [types.DATE]: keepDateText },
  });
}

export async function createDb(options: CreateDbOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool discards it and the next query opens a fresh one.
    pool.on("error", (error) =>
      options.onIdleError
        ? options.onIdleError(error)
        : console.error(`PostgreSQL dropped an idle connection: ${error.message}`),
    );
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PreparedStatementPool(pool) }) }),
      kind: "postgres",
      pool,
    };
  }
  const pglite = await openPglite(options);
  return { db: new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) }), kind: "pglite", pglite };
}
