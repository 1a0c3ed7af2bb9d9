import { sql } from "kysely";
import { inTransaction, type Db } from "./db.server.ts";

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export const rateLimits = {
  signInPerEmail: { limit: 5, windowMs: 15 * 60_000 },
  signInPerIp: { limit: 30, windowMs: 15 * 60_000 },
} satisfies Record<string, RateLimit>;

/**
 * Sliding-window limit kept in the database so every process shares it. A hit is recorded only
 * when allowed: someone hammering an address cannot keep its owner locked out for ever.
 */
export async function takeRateLimit(db: Db, bucket: string, { limit, windowMs }: RateLimit): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    // Serialises concurrent hits on one bucket so the count cannot be raced past the limit.
    await sql`select pg_advisory_xact_lock(hashtext(${bucket}))`.execute(trx);
    const since = new Date(Date.now() - windowMs);
    const { count } = await trx
      .selectFrom("rate_limit_events")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("bucket", "=", bucket)
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow();
    if (count >= limit) return false;
    await trx.insertInto("rate_limit_events").values({ bucket }).execute();
    return true;
  });
}

/** Several limits at once: all must allow, and none is spent unless all do. */
export async function takeRateLimits(db: Db, checks: [bucket: string, limit: RateLimit][]): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    for (const [bucket, limit] of checks) {
      if (!(await takeRateLimit(trx, bucket, limit))) {
        throw new RateLimitExceeded();
      }
    }
    return true;
  }).catch((error: unknown) => {
    if (error instanceof RateLimitExceeded) return false;
    throw error;
  });
}

class RateLimitExceeded extends Error {}

export async function pruneRateLimitEvents(db: Db, olderThanMs = 24 * 60 * 60_000): Promise<number> {
  const result = await db
    .deleteFrom("rate_limit_events")
    .where("created_at", "<", new Date(Date.now() - olderThanMs))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
