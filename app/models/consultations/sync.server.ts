import { sql } from "kysely";
import { z } from "zod";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import {
  nationLabels,
  syncRunStatusSchema,
  type Nation,
  type SyncRunStatus,
  type SyncTrigger,
} from "~/schemas/consultations.ts";
import { nationSchema } from "~/schemas/directory.ts";
import { createCitizenSpaceClient, type CitizenSpaceClient } from "~/services/citizen-space.server.ts";
import { createGovukClient, type GovukClient } from "~/services/govuk.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import type { Db } from "~/utils/db.server.ts";
import type { Env } from "~/utils/env.server.ts";
import { jsonb } from "~/utils/jsonb.server.ts";
import {
  enqueueJob,
  jobView,
  latestJobs,
  runDueJobs,
  type BackgroundJob,
  type JobView,
} from "~/utils/background-jobs.server.ts";
import { londonToday } from "~/utils/london-time.ts";
import { importCitizenSpace, importGovuk, type ImportTally, type SkippedRecord } from "./import.server.ts";
import { loadTopicKeywords } from "./topic-keywords.server.ts";

/** What a sync talks to: built from env in the app, from msw-backed URLs in tests. */
export interface SyncDeps {
  govukUrl: string;
  citizenSpaceSites: readonly { nation: Nation; url: string }[];
  govuk: GovukClient;
  citizenSpace: (siteUrl: string) => CitizenSpaceClient;
}

export function syncDepsFromEnv(
  env: Pick<Env, "GOVUK_API_URL" | "CITIZEN_SPACE_SITES" | "CONSULTATION_TIMEOUT_MS">,
): SyncDeps {
  const timeoutMs = env.CONSULTATION_TIMEOUT_MS;
  return {
    govukUrl: env.GOVUK_API_URL,
    citizenSpaceSites: env.CITIZEN_SPACE_SITES,
    govuk: createGovukClient({ baseUrl: env.GOVUK_API_URL, timeoutMs }),
    citizenSpace: (siteUrl) => createCitizenSpaceClient({ siteUrl, timeoutMs }),
  };
}

interface Source {
  id: number;
  key: string;
  kind: "govuk" | "citizen_space";
  name: string;
  baseUrl: string;
  nation: Nation | null;
}

/** A run left 'running' this long was cut off (the process stopped): it no longer blocks the next. */
const ABANDONED_AFTER_MINUTES = 30;

/** The configured sources as rows; a source taken out of the configuration is kept but disabled. */
async function ensureSources(db: Db, deps: SyncDeps): Promise<Source[]> {
  const wanted = [
    {
      key: "govuk",
      kind: "govuk" as const,
      name: "GOV.UK",
      base_url: deps.govukUrl,
      level: "national",
      nation: null,
    },
    ...deps.citizenSpaceSites.map((site) => ({
      key: `citizen_space:${site.url}`,
      kind: "citizen_space" as const,
      name: `Citizen Space: ${new URL(site.url).host} (${nationLabels[site.nation]})`,
      base_url: site.url,
      level: "devolved",
      nation: site.nation,
    })),
  ];
  for (const source of wanted) {
    await db
      .insertInto("consultation_sources")
      .values({ ...source, enabled: true })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          name: source.name,
          base_url: source.base_url,
          nation: source.nation,
          enabled: true,
        }),
      )
      .execute();
  }
  await db
    .updateTable("consultation_sources")
    .set({ enabled: false })
    .where(
      "key",
      "not in",
      wanted.map((source) => source.key),
    )
    .execute();
  const rows = await db
    .selectFrom("consultation_sources")
    .select(["id", "key", "kind", "name", "base_url", "nation"])
    .where("enabled", "=", true)
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    kind: row.kind === "govuk" ? "govuk" : "citizen_space",
    name: row.name,
    baseUrl: row.base_url,
    nation: row.nation === null ? null : nationSchema.parse(row.nation),
  }));
}

/**
 * Claims a run of one source: null when another process already has it (today's scheduled run,
 * or any run still going). The partial unique indexes make the claim safe across processes.
 */
async function claimRun(db: Db, sourceId: number, trigger: SyncTrigger, actorId: number | null) {
  await db
    .updateTable("consultation_sync_runs")
    .set({
      status: "failed",
      finished_at: sql<Date>`now()`,
      error_at: sql<Date>`now()`,
      error_message: `Abandoned: no result after ${ABANDONED_AFTER_MINUTES} minutes (the process running it stopped)`,
    })
    .where("source_id", "=", sourceId)
    .where("status", "=", "running")
    .where("started_at", "<", sql<Date>`now() - make_interval(mins => ${ABANDONED_AFTER_MINUTES})`)
    .execute();
  const claimed = await db
    .insertInto("consultation_sync_runs")
    .values({ source_id: sourceId, trigger, run_date: londonToday(), started_by: actorId })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  return claimed?.id ?? null;
}

async function runSource(db: Db, deps: SyncDeps, source: Source, runId: number, actorId: number | null) {
  const tally: ImportTally = { imported: 0, updated: 0, skipped: [] };
  let failure: string | null = null;
  try {
    const keywords = await loadTopicKeywords(db);
    if (source.kind === "govuk") {
      await importGovuk(db, source.id, deps.govuk, { siteUrl: source.baseUrl, keywords, tally });
    } else {
      if (!source.nation) throw new Error(`${source.name} has no nation configured`);
      await importCitizenSpace(db, source.id, deps.citizenSpace(source.baseUrl), {
        nation: source.nation,
        keywords,
        tally,
      });
    }
  } catch (error) {
    // Whatever went wrong is the source's failure, recorded for staff; it never stops the loop.
    failure = error instanceof Error ? error.message : String(error);
  }
  const status: SyncRunStatus = failure ? "failed" : tally.skipped.length ? "partial" : "succeeded";
  await db
    .updateTable("consultation_sync_runs")
    .set({
      status,
      finished_at: sql<Date>`now()`,
      imported_count: tally.imported,
      updated_count: tally.updated,
      skipped_count: tally.skipped.length,
      skipped: jsonb(tally.skipped.slice(0, 200)),
      error_at: failure ? sql<Date>`now()` : null,
      error_message: failure ? failure.slice(0, 1000) : null,
    })
    .where("id", "=", runId)
    .execute();
  await writeAudit(db, {
    actorId,
    action: "consultations.sync",
    subjectType: "consultation_source",
    subjectId: source.id,
    after: {
      run: runId,
      status,
      imported: tally.imported,
      updated: tally.updated,
      skipped: tally.skipped.length,
      error: failure,
    },
  });
  return { sourceId: source.id, runId, status };
}

interface SyncOutcome {
  sourceId: number;
  runId: number | null;
  status: SyncRunStatus | "already_running" | "already_ran_today";
}

/** Runs every enabled source now, each recorded as its own run (the job of a "Sync now"). */
export async function syncConsultationsNow(
  db: Db,
  actor: Actor,
  deps: SyncDeps,
  onSource?: (name: string) => Promise<void>,
): Promise<SyncOutcome[]> {
  requireStaffActor(actor);
  return syncSources(db, deps, "manual", actor.id, onSource);
}

/**
 * Staff pressed "Sync now": a job row the background loop runs (up to 100 pages a source, each
 * allowed 15 s, is no work for a request). A sync already waiting or running is the answer to a
 * second press.
 */
export async function requestConsultationSync(db: Db, actor: Actor): Promise<BackgroundJob> {
  requireStaffActor(actor);
  const [latest] = await latestJobs(db, "consultation_sync");
  if (latest && (latest.state === "queued" || latest.state === "running")) return latest;
  return enqueueJob(db, { kind: "consultation_sync", args: { actorId: actor.id }, requestedBy: actor.id });
}

/** The newest "Sync now" and how it went, for the sources page. */
export async function latestSyncRequest(db: Db, actor: Actor): Promise<JobView | null> {
  requireStaffActor(actor);
  const [latest] = await latestJobs(db, "consultation_sync");
  return latest ? jobView(latest) : null;
}

const syncJobArgs = z.object({ actorId: z.number().int().nullable().catch(null) }).catch({ actorId: null });

/** The background loop runs each requested sync, saying which source it is on. */
export function runRequestedConsultationSyncs(db: Db, deps: SyncDeps): Promise<number> {
  return runDueJobs(db, "consultation_sync", async ({ job, progress }) => {
    const { actorId } = syncJobArgs.parse(job.args);
    const outcomes = await syncSources(db, deps, "manual", actorId, (name) => progress(`Importing ${name}…`));
    const failed = outcomes.filter((outcome) => outcome.status === "failed").length;
    const busy = outcomes.filter((outcome) => outcome.status === "already_running").length;
    return [
      `${outcomes.length - failed - busy} of ${outcomes.length} sources imported`,
      failed ? `${failed} failed (see below)` : "",
      busy ? `${busy} already being imported` : "",
    ]
      .filter(Boolean)
      .join("; ");
  });
}

/** The background loop's daily import: each source once per London day, whichever process gets there first. */
export function runDailyConsultationSync(db: Db, deps: SyncDeps): Promise<SyncOutcome[]> {
  return syncSources(db, deps, "scheduled", null);
}

async function syncSources(
  db: Db,
  deps: SyncDeps,
  trigger: SyncTrigger,
  actorId: number | null,
  onSource?: (name: string) => Promise<void>,
) {
  const outcomes: SyncOutcome[] = [];
  for (const source of await ensureSources(db, deps)) {
    await onSource?.(source.name);
    const runId = await claimRun(db, source.id, trigger, actorId);
    if (runId === null) {
      outcomes.push({
        sourceId: source.id,
        runId: null,
        status: trigger === "scheduled" ? "already_ran_today" : "already_running",
      });
      continue;
    }
    outcomes.push(await runSource(db, deps, source, runId, actorId));
  }
  return outcomes;
}

interface SyncRun {
  id: number;
  trigger: SyncTrigger;
  status: SyncRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  startedBy: string | null;
  imported: number;
  updated: number;
  skippedCount: number;
  skipped: SkippedRecord[];
  errorAt: Date | null;
  errorMessage: string | null;
}

interface SourceStatus {
  id: number;
  name: string;
  baseUrl: string;
  enabled: boolean;
  runs: SyncRun[];
}

const skippedSchema = z.array(z.object({ ref: z.string(), reason: z.string() })).catch([]);

/** Each source with its latest runs, newest first: what staff read on the sync page. */
export async function listSyncStatus(db: Db, actor: Actor, runsPerSource = 5): Promise<SourceStatus[]> {
  requireStaffActor(actor);
  const sources = await db
    .selectFrom("consultation_sources")
    .select(["id", "name", "base_url", "enabled"])
    .orderBy("enabled", "desc")
    .orderBy("id")
    .execute();
  const statuses: SourceStatus[] = [];
  for (const source of sources) {
    const runs = await db
      .selectFrom("consultation_sync_runs")
      .leftJoin("people", "people.id", "consultation_sync_runs.started_by")
      .select([
        "consultation_sync_runs.id",
        "consultation_sync_runs.trigger",
        "consultation_sync_runs.status",
        "consultation_sync_runs.started_at",
        "consultation_sync_runs.finished_at",
        "consultation_sync_runs.imported_count",
        "consultation_sync_runs.updated_count",
        "consultation_sync_runs.skipped_count",
        "consultation_sync_runs.skipped",
        "consultation_sync_runs.error_at",
        "consultation_sync_runs.error_message",
        "people.name as started_by",
      ])
      .where("consultation_sync_runs.source_id", "=", source.id)
      .orderBy("consultation_sync_runs.started_at", "desc")
      .orderBy("consultation_sync_runs.id", "desc")
      .limit(runsPerSource)
      .execute();
    statuses.push({
      id: source.id,
      name: source.name,
      baseUrl: source.base_url,
      enabled: source.enabled,
      runs: runs.map((run) => ({
        id: run.id,
        trigger: run.trigger === "manual" ? "manual" : "scheduled",
        status: syncRunStatusSchema.parse(run.status),
        startedAt: run.started_at,
        finishedAt: run.finished_at,
        startedBy: run.started_by,
        imported: run.imported_count,
        updated: run.updated_count,
        skippedCount: run.skipped_count,
        skipped: skippedSchema.parse(run.skipped),
        errorAt: run.error_at,
        errorMessage: run.error_message,
      })),
    });
  }
  return statuses;
}
