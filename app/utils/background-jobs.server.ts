import { sql } from "kysely";
import type { Db } from "~/utils/db.server.ts";
import { jsonb } from "~/utils/jsonb.server.ts";

/**
 * Slow work a person asks for from a page (an import from outside sites, postcode lookups) is a
 * row here, run by the background loop, so the request answers at once and the page can show how
 * it is going. Like the outbox: SKIP LOCKED claims, so several processes share the work, and a
 * claim that runs out (the process died) lets another process run the job again.
 */

export const jobKinds = ["consultation_sync", "postcode_lookup"] as const;
export type JobKind = (typeof jobKinds)[number];
export const jobStates = ["queued", "running", "done", "failed"] as const;
export type JobState = (typeof jobStates)[number];

export interface BackgroundJob {
  id: number;
  kind: JobKind;
  state: JobState;
  args: unknown;
  progress: string | null;
  error: string | null;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A failure the job expects (an outside service down): recorded for the page, not logged as a fault. */
export class JobFailure extends Error {
  override name = "JobFailure";
}

const CLAIM_MS = 10 * 60_000;
/** A job whose runs keep dying (the process is killed each time) stops being tried. */
const MAX_ATTEMPTS = 3;

const columns = [
  "id",
  "kind",
  "state",
  "args",
  "progress",
  "error",
  "attempts",
  "created_at",
  "started_at",
  "finished_at",
] as const;

function toJob(row: {
  id: number;
  kind: string;
  state: string;
  args: unknown;
  progress: string | null;
  error: string | null;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}): BackgroundJob {
  const kind = jobKinds.find((candidate) => candidate === row.kind);
  const state = jobStates.find((candidate) => candidate === row.state);
  if (!kind || !state) throw new Error(`Unknown job ${row.kind}/${row.state}`);
  return {
    id: row.id,
    kind,
    state,
    args: row.args,
    progress: row.progress,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** What a page shows of a job: no arguments, no attempt counts. */
export interface JobView {
  state: JobState;
  progress: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export function jobView(job: BackgroundJob): JobView {
  return {
    state: job.state,
    progress: job.progress,
    error: job.error,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

export async function enqueueJob(
  db: Db,
  job: { kind: JobKind; args?: unknown; requestedBy: number | null },
): Promise<BackgroundJob> {
  const row = await db
    .insertInto("background_jobs")
    .values({ kind: job.kind, args: jsonb(job.args ?? {}), requested_by: job.requestedBy })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toJob(row);
}

/** The newest jobs of a kind, newest first; `about` narrows to those whose args contain it. */
export async function latestJobs(
  db: Db,
  kind: JobKind,
  { limit = 1, about }: { limit?: number; about?: Record<string, unknown> } = {},
): Promise<BackgroundJob[]> {
  let query = db.selectFrom("background_jobs").select(columns).where("kind", "=", kind);
  if (about) query = query.where(sql<boolean>`args @> ${JSON.stringify(about)}::jsonb`);
  const rows = await query.orderBy("id", "desc").limit(limit).execute();
  return rows.map(toJob);
}

/** A queued job, or a running one whose claim ran out, for this process to run. */
async function claimJob(db: Db, kind: JobKind, now: Date): Promise<BackgroundJob | undefined> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("background_jobs")
      .select("id")
      .where("kind", "=", kind)
      .where((eb) =>
        eb.or([
          eb("state", "=", "queued"),
          eb.and([eb("state", "=", "running"), eb("locked_until", "<=", now)]),
        ]),
      )
      .orderBy("id")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!due) return undefined;
    const row = await trx
      .updateTable("background_jobs")
      .set((eb) => ({
        state: "running",
        started_at: now,
        locked_until: new Date(now.getTime() + CLAIM_MS),
        attempts: eb("attempts", "+", 1),
        error: null,
      }))
      .where("id", "=", due.id)
      .returning(columns)
      .executeTakeFirstOrThrow();
    return toJob(row);
  });
}

async function finishJob(db: Db, id: number, outcome: { error: string } | { progress: string | null }) {
  await db
    .updateTable("background_jobs")
    .set({
      ...("error" in outcome ? { state: "failed", error: outcome.error.slice(0, 2000) } : { state: "done" }),
      ...("progress" in outcome && outcome.progress !== null ? { progress: outcome.progress } : {}),
      finished_at: new Date(),
      locked_until: null,
    })
    .where("id", "=", id)
    .execute();
}

/** What a job's code gets: its row, and a way to say how far it has got. */
export interface JobRun {
  job: BackgroundJob;
  progress(text: string): Promise<void>;
}

/**
 * Runs every due job of `kind`, one after another, outside any transaction. What `run` returns is
 * the last word on the page ("12 found, 1 not found"); what it throws is the job's error.
 */
export async function runDueJobs(
  db: Db,
  kind: JobKind,
  run: (context: JobRun) => Promise<string | null>,
  now = () => new Date(),
): Promise<number> {
  if (db.isTransaction) throw new Error("runDueJobs must not run inside a transaction");
  let ran = 0;
  for (let job = await claimJob(db, kind, now()); job; job = await claimJob(db, kind, now())) {
    ran++;
    const id = job.id;
    if (job.attempts > MAX_ATTEMPTS) {
      await finishJob(db, id, { error: "It stopped before finishing too many times; ask again." });
      continue;
    }
    const progress = async (text: string) => {
      await db.updateTable("background_jobs").set({ progress: text }).where("id", "=", id).execute();
    };
    try {
      await finishJob(db, id, { progress: await run({ job, progress }) });
    } catch (error) {
      await finishJob(db, id, { error: error instanceof Error ? error.message : String(error) });
      if (!(error instanceof JobFailure)) throw error;
    }
  }
  return ran;
}
