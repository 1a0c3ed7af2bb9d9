import { retryBackoffMs } from "~/models/email/outbox.server.ts";
import {
  POSTCODES_BATCH_SIZE,
  PostcodesUnavailable,
  type PostcodePlace,
  type PostcodesClient,
} from "~/services/postcodes.server.ts";
import { writeAudits, type AuditEntry } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";

/**
 * The postcode lookup lifecycle (none → pending → found | not_found). These functions are the
 * only writers of organisations.postcode_status after an organisation is created.
 */

const CLAIM_MS = 2 * 60_000;

/** A new or changed postcode: the old place no longer holds; the lookup queue picks it up. */
export async function queuePostcodeLookup(
  db: Db,
  organisationId: number,
  postcode: string | null,
): Promise<void> {
  await db
    .updateTable("organisations")
    .set({
      postcode,
      postcode_status: postcode ? "pending" : "none",
      postcode_attempts: 0,
      postcode_next_attempt_at: postcode ? new Date() : null,
      postcode_error: null,
      postcode_checked_at: null,
      nation: null,
      local_authority: null,
      local_authority_code: null,
      constituency: null,
      updated_at: new Date(),
    })
    .where("id", "=", organisationId)
    .execute();
}

interface LookupRunCounts {
  found: number;
  notFound: number;
  /** Left pending because postcodes.io could not answer; retried later with backoff. */
  deferred: number;
}

interface Claimed {
  id: number;
  postcode: string;
  attempts: number;
}

/** SKIP LOCKED claims, committed at once, so several processes never look up the same rows. */
async function claimDue(db: Db, limit: number, organisationIds?: readonly number[]): Promise<Claimed[]> {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom("organisations")
      .select(["id"])
      .where("postcode_status", "=", "pending")
      .where("postcode", "is not", null)
      .where("postcode_next_attempt_at", "<=", new Date())
      .orderBy("postcode_next_attempt_at")
      .orderBy("id")
      .limit(limit)
      .forUpdate()
      .skipLocked();
    if (organisationIds) {
      if (organisationIds.length === 0) return [];
      query = query.where("id", "in", organisationIds);
    }
    const due = await query.execute();
    if (due.length === 0) return [];
    const rows = await trx
      .updateTable("organisations")
      .set((eb) => ({
        postcode_next_attempt_at: new Date(Date.now() + CLAIM_MS),
        postcode_attempts: eb("postcode_attempts", "+", 1),
      }))
      .where(
        "id",
        "in",
        due.map((row) => row.id),
      )
      .returning(["id", "postcode", "postcode_attempts"])
      .execute();
    return rows.flatMap((row) =>
      row.postcode ? [{ id: row.id, postcode: row.postcode, attempts: row.postcode_attempts }] : [],
    );
  });
}

/** One transaction per batch: each row is checked and written under its own lock, with its audit row. */
async function recordResults(
  db: Db,
  batch: readonly Claimed[],
  results: ReadonlyMap<string, PostcodePlace | null>,
): Promise<LookupRunCounts> {
  const counts: LookupRunCounts = { found: 0, notFound: 0, deferred: 0 };
  await inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("organisations")
      .select(["id", "postcode", "postcode_status"])
      .where(
        "id",
        "in",
        batch.map((row) => row.id),
      )
      .forUpdate()
      .execute();
    const byId = new Map(current.map((row) => [row.id, row]));
    const audits: AuditEntry[] = [];
    for (const claimed of batch) {
      const before = byId.get(claimed.id);
      // Someone changed the postcode while we asked: that newer lookup will answer for it.
      if (!before || before.postcode !== claimed.postcode || before.postcode_status !== "pending") continue;
      const place = results.get(claimed.postcode) ?? null;
      await trx
        .updateTable("organisations")
        .set({
          postcode_status: place ? "found" : "not_found",
          postcode_next_attempt_at: null,
          postcode_checked_at: new Date(),
          postcode_error: null,
          nation: place?.nation ?? null,
          local_authority: place?.localAuthority ?? null,
          local_authority_code: place?.localAuthorityCode ?? null,
          constituency: place?.constituency ?? null,
        })
        .where("id", "=", claimed.id)
        .execute();
      audits.push({
        actorId: null,
        action: place ? "organisation.postcode_found" : "organisation.postcode_not_found",
        subjectType: "organisation",
        subjectId: claimed.id,
        before: { postcodeStatus: before.postcode_status },
        after: place
          ? {
              postcodeStatus: "found",
              nation: place.nation,
              localAuthority: place.localAuthority,
              localAuthorityCode: place.localAuthorityCode,
              constituency: place.constituency,
            }
          : { postcodeStatus: "not_found" },
      });
      counts[place ? "found" : "notFound"]++;
    }
    await writeAudits(trx, audits);
  });
  return counts;
}

async function deferAll(db: Db, claimed: readonly Claimed[], error: string): Promise<void> {
  for (const row of claimed) {
    await db
      .updateTable("organisations")
      .set({
        postcode_next_attempt_at: new Date(Date.now() + retryBackoffMs(row.attempts)),
        postcode_error: error.slice(0, 500),
      })
      .where("id", "=", row.id)
      .where("postcode_status", "=", "pending")
      .where("postcode", "=", row.postcode)
      .execute();
  }
}

interface LookupOptions {
  /** Only these organisations (an import's, or one just edited); otherwise whatever is due. */
  organisationIds?: readonly number[];
  /** Most organisations to look up in this run. */
  limit?: number;
}

/**
 * Looks up due postcodes in bulk requests of at most 100, outside any transaction so a slow
 * postcodes.io holds no locks. The first failed request stops the run: every claimed row still
 * waiting goes back to the queue with a backoff, and the background loop tries again.
 */
export async function lookUpPendingPostcodes(
  db: Db,
  client: PostcodesClient,
  { organisationIds, limit = 1_000 }: LookupOptions = {},
): Promise<LookupRunCounts> {
  if (db.isTransaction) throw new Error("lookUpPendingPostcodes must not run inside a transaction");
  const counts: LookupRunCounts = { found: 0, notFound: 0, deferred: 0 };
  const claimed = await claimDue(db, limit, organisationIds);
  for (let start = 0; start < claimed.length; start += POSTCODES_BATCH_SIZE) {
    const batch = claimed.slice(start, start + POSTCODES_BATCH_SIZE);
    let results;
    try {
      results = await client.lookupMany([...new Set(batch.map((row) => row.postcode))]);
    } catch (error) {
      if (!(error instanceof PostcodesUnavailable)) throw error;
      const rest = claimed.slice(start);
      await deferAll(db, rest, error.message);
      counts.deferred += rest.length;
      break;
    }
    const recorded = await recordResults(db, batch, results);
    counts.found += recorded.found;
    counts.notFound += recorded.notFound;
  }
  return counts;
}
