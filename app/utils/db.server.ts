import { sql } from "kysely";
import { createDb, type Db, type DbHandle } from "../../db/client.ts";
import type { Env } from "./env.server.ts";

export type { Db };

export function openDatabase(
  env: Pick<Env, "DATABASE_URL" | "dataDir">,
  { onIdleError }: { onIdleError?: (error: Error) => void } = {},
): Promise<DbHandle> {
  return createDb({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : env.dataDir,
    onIdleError,
  });
}

/** A real round trip, for /healthz. */
export async function pingDatabase(handle: Pick<DbHandle, "db">, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = sql<{ ok: number }>`select 1 as ok`
    .execute(handle.db)
    .then((result) => result.rows[0]?.ok === 1)
    .catch(() => false);
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `work` in a transaction, joining the caller's when `db` already is one, so a model
 * function can be called alone or as one of several writes that belong together.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Background work claimed one row at a time: `step` runs in its own transaction (claiming with
 * FOR UPDATE SKIP LOCKED, so several processes share the work) until it finds nothing left.
 * Returns how many steps did something.
 */
export async function eachInItsOwnTransaction(db: Db, step: (trx: Db) => Promise<boolean>): Promise<number> {
  let done = 0;
  while (await db.transaction().execute(step)) done++;
  return done;
}
