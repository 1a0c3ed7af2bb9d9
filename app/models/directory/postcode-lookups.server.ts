import { z } from "zod";
import { retryBackoffMs } from "~/models/email/outbox.server.ts";
import {
  POSTCODES_BATCH_SIZE,
  PostcodesUnavailable,
  type PostcodePlace,
  type PostcodesClient,
} from "~/services/postcodes.server.ts";
import { writeAudits, type AuditEntry } from "~/utils/audit.server.ts";
import {
  enqueueJob,
  JobFailure,
  jobView,
  latestJobs,
  runDueJobs,
  type JobView,
} from "~/utils/background-jobs.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { formatCount } from "~/utils/format.ts";

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
  /** Why they were left, when some were. */
  error?: string;
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
  /** Told after each request to postcodes.io: how many of the claimed rows have answers. */
  onProgress?: (done: number, total: number) => Promise<void>;
}

/**
 * Looks up due postcodes in bulk requests of at most 100, outside any transaction so a slow
 * postcodes.io holds no locks. The first failed request stops the run: every claimed row still
 * waiting goes back to the queue with a backoff, and the background loop tries again.
 */
export async function lookUpPendingPostcodes(
  db: Db,
  client: PostcodesClient,
  { organisationIds, limit = 1_000, onProgress }: LookupOptions = {},
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
      counts.error = error.message;
      break;
    }
    const recorded = await recordResults(db, batch, results);
    counts.found += recorded.found;
    counts.notFound += recorded.notFound;
    await onProgress?.(start + batch.length, claimed.length);
  }
  return counts;
}

/**
 * Places for organisations just added, edited or imported: asked of the background loop, so the
 * request answers at once; the organisation's (or import's) page shows how the lookup goes.
 */
export async function requestPostcodeLookups(
  db: Db,
  organisationIds: readonly number[],
  { requestedBy, importId }: { requestedBy: number; importId?: number },
): Promise<void> {
  if (!organisationIds.length) return;
  await enqueueJob(db, {
    kind: "postcode_lookup",
    args: importId === undefined ? { organisationIds } : { organisationIds, importId },
    requestedBy,
  });
}

/** The newest lookup asked for this organisation, or for this import. */
export async function latestPostcodeLookup(
  db: Db,
  about: { organisationId: number } | { importId: number },
): Promise<JobView | null> {
  const [latest] = await latestJobs(db, "postcode_lookup", {
    about: "importId" in about ? { importId: about.importId } : { organisationIds: [about.organisationId] },
  });
  return latest ? jobView(latest) : null;
}

const lookupArgs = z.object({ organisationIds: z.array(z.number().int().positive()) });
const count = (n: number) => formatCount(n);

/** The background loop runs each requested lookup, saying how many postcodes have answers so far. */
export function runRequestedPostcodeLookups(db: Db, client: PostcodesClient): Promise<number> {
  return runDueJobs(db, "postcode_lookup", async ({ job, progress }) => {
    const { organisationIds } = lookupArgs.parse(job.args);
    const counts = await lookUpPendingPostcodes(db, client, {
      organisationIds,
      limit: organisationIds.length,
      onProgress: (done, total) => progress(`${count(done)} of ${count(total)} postcodes looked up`),
    });
    if (counts.deferred) {
      throw new JobFailure(
        `postcodes.io did not answer (${counts.error ?? "no reply"}): ${count(counts.deferred)} postcodes wait ` +
          "and are tried again automatically.",
      );
    }
    return `${count(counts.found)} found, ${count(counts.notFound)} not found`;
  });
}
