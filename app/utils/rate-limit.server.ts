import { sql } from "kysely";
import { inTransaction, type Db } from "./db.server.ts";

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export const rateLimits = {
  signInPerEmail: { limit: 5, windowMs: 15 * 60_000 },
  signInPerIp: { limit: 30, windowMs: 15 * 60_000 },
  freshSurveyLinkPerEmail: { limit: 3, windowMs: 60 * 60_000 },
  freshSurveyLinkPerIp: { limit: 20, windowMs: 15 * 60_000 },
  /** Codes and passkeys tried at the second step, per person: 10 guesses at a 6-digit code is 1 in 100,000. */
  secondFactorPerPerson: { limit: 10, windowMs: 15 * 60_000 },
} satisfies Record<string, RateLimit>;

/**
 * Sliding-window limit kept in the database so every process shares it. A hit is recorded only
 * when allowed: someone hammering an address cannot keep its owner locked out for ever.
 */
export async function takeRateLimit(
  db: Db,
  bucket: string,
  { limit, windowMs }: RateLimit,
): Promise<boolean> {
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
 * Several limits at once: all must allow, and none is spent unless all do. Two statements
 * whatever the number of buckets (it sits on hot paths such as signing a letter): first every
 * lock, in one fixed order so two callers sharing buckets cannot deadlock; then, in a statement
 * whose snapshot starts after the locks are held, every count (each in its own window) and, only
 * if all allow, one event per bucket.
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
      ([bucket, { limit, windowMs }]) =>
        sql`(${bucket}, ${new Date(now - windowMs)}::timestamptz, ${limit}::int)`,
    );
    const { rows } = await sql<{ allowed: boolean }>`
      with checks as (
        select (select count(*) from rate_limit_events e where e.bucket = w.bucket and e.created_at > w.since) < w.lim
                 as ok
        from (values ${sql.join(windows)}) as w(bucket, since, lim)
      ), verdict as (
        select bool_and(ok) as allowed from checks
      ), spent as (
        insert into rate_limit_events (bucket)
        select bucket from (values ${sql.join(buckets.map((bucket) => sql`(${bucket})`))}) as b(bucket)
        where (select allowed from verdict)
        returning id
      )
      select allowed, (select count(*) from spent) as spent from verdict`.execute(trx);
    return rows[0]?.allowed === true;
  });
}

export async function pruneRateLimitEvents(db: Db, olderThanMs = 24 * 60 * 60_000): Promise<number> {
  const result = await db
    .deleteFrom("rate_limit_events")
    .where("created_at", "<", new Date(Date.now() - olderThanMs))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
