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

/**
 * Several limits at once: all must allow, and none is spent unless all do. Three statements
 * whatever the number of buckets (it sits on hot paths such as signing a letter): every lock,
 * in one fixed order so two callers sharing buckets cannot deadlock; every count, each in its own
 * window; then one event per bucket. Each statement sees what the one before waited for.
 */
export async function takeRateLimits(db: Db, checks: [bucket: string, limit: RateLimit][]): Promise<boolean> {
  if (!checks.length) return true;
  const buckets = [...new Set(checks.map(([bucket]) => bucket))].sort();
  return inTransaction(db, async (trx) => {
    await sql`
      select pg_advisory_xact_lock(hashtext(locks.bucket))
      from (select bucket from (values ${sql.join(buckets.map((bucket) => sql`(${bucket})`))}) as b(bucket)
            order by bucket) as locks`.execute(trx);
    const now = Date.now();
    const windows = checks.map(
      ([bucket, { windowMs }], index) =>
        sql`(${index}::int, ${bucket}, ${new Date(now - windowMs)}::timestamptz)`,
    );
    const { rows } = await sql<{ index: number; count: number }>`
      select w.index,
             (select count(*) from rate_limit_events e where e.bucket = w.bucket and e.created_at > w.since)::int as count
      from (values ${sql.join(windows)}) as w(index, bucket, since)`.execute(trx);
    const counts = new Map(rows.map((row) => [Number(row.index), Number(row.count)]));
    const allowed = checks.every(([, { limit }], index) => (counts.get(index) ?? Infinity) < limit);
    if (!allowed) return false;
    await trx
      .insertInto("rate_limit_events")
      .values(buckets.map((bucket) => ({ bucket })))
      .execute();
    return true;
  });
}

export async function pruneRateLimitEvents(db: Db, olderThanMs = 24 * 60 * 60_000): Promise<number> {
  const result = await db
    .deleteFrom("rate_limit_events")
    .where("created_at", "<", new Date(Date.now() - olderThanMs))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
