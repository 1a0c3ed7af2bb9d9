// Importing GOV.UK's open consultations: 1,500 search results served page by page (start/count) by
// a local node:http fixture server, through the real client, validation, relevance matching and
// upserts, into PGlite (in memory) and the PostgreSQL server when it answers.
//
//   npx tsx test/bench/consultation-import.ts
//
// Settings: BENCH_RESULTS (default 1500), BENCH_RUNS (fresh imports per database, default 5),
// DATABASE_URL or BENCH_DATABASE_URL (server; default postgres://postgres@127.0.0.1:5432/test;
// BENCH_SKIP_SERVER=1 to skip it). The bench makes and drops its own database on the server.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createDb, type DbHandle } from "../../db/client.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { demoTopicKeywords } from "../../db/seed-consultations.ts";
import { runDailyConsultationSync, type SyncDeps } from "../../app/models/consultations/sync.server.ts";
import { createCitizenSpaceClient } from "../../app/services/citizen-space.server.ts";
import { createGovukClient } from "../../app/services/govuk.server.ts";
import { generatedGovukResults } from "../mocks/consultation-fixtures.ts";
import { startConsultationFixtureServer } from "../mocks/consultation-fixture-server.ts";

const resultCount = Number(process.env.BENCH_RESULTS ?? 1500);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const serverUrl =
  process.env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

async function measure(label: string, handle: DbHandle, deps: SyncDeps) {
  const { db } = handle;
  await migrateToLatest(db);
  await db
    .insertInto("topic_keywords")
    .values(demoTopicKeywords.map(([topic, keyword]) => ({ topic, keyword })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  const fresh: number[] = [];
  const unchanged: number[] = [];
  for (let run = 0; run < runs; run++) {
    await db.deleteFrom("consultations").execute();
    await db.deleteFrom("consultation_sync_runs").execute();
    let started = performance.now();
    const [first] = await runDailyConsultationSync(db, deps);
    fresh.push(performance.now() - started);
    if (first?.status !== "succeeded") throw new Error(`import ${run + 1} ended ${first?.status}`);
    // Same results again, as the next day's sync sees them: nothing changes, every row is checked.
    await db.deleteFrom("consultation_sync_runs").execute();
    started = performance.now();
    await runDailyConsultationSync(db, deps);
    unchanged.push(performance.now() - started);
  }
  const stored = await db
    .selectFrom("consultations")
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn.countAll<number>().filterWhere("relevant", "=", true).as("relevant"),
    ])
    .executeTakeFirstOrThrow();
  const report = (name: string, times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    console.log(
      `${label.padEnd(11)} ${name.padEnd(18)} p50 ${p50.toFixed(0).padStart(5)} ms  p95 ${percentile(sorted, 95).toFixed(0).padStart(5)} ms  p99 ${percentile(sorted, 99).toFixed(0).padStart(5)} ms  ${((resultCount / p50) * 1000).toFixed(0).padStart(6)} rows/s`,
    );
  };
  report("fresh import", fresh);
  report("unchanged re-sync", unchanged);
  console.log(`${label.padEnd(11)} stored ${stored.n} consultations, ${stored.relevant} flagged relevant`);
}

const fixtures = await startConsultationFixtureServer({
  govukResults: (() => {
    const results = generatedGovukResults(resultCount);
    return () => results;
  })(),
});
const deps: SyncDeps = {
  govukUrl: fixtures.url,
  citizenSpaceSites: [],
  govuk: createGovukClient({ baseUrl: fixtures.url, timeoutMs: 30_000 }),
  citizenSpace: (siteUrl) => createCitizenSpaceClient({ siteUrl, timeoutMs: 30_000 }),
};

const cpus = os.cpus();
console.log("Consultation import benchmark (GOV.UK search, 500 results a page)");
console.log(`machine:  ${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), Node ${process.version}`);
console.log(
  `load:     ${resultCount} results, ${runs} fresh imports and ${runs} unchanged re-syncs per database\n`,
);

try {
  const pglite = await createDb({});
  try {
    await measure("PGlite", pglite, deps);
  } finally {
    await pglite.db.destroy();
  }
  if (process.env.BENCH_SKIP_SERVER !== "1") {
    const name = `mv_bench_consultations_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    const reachable = await admin.connect().then(
      () => true,
      () => false,
    );
    if (!reachable) {
      console.log(`PostgreSQL  skipped: ${serverUrl} does not answer`);
    } else {
      await admin.query(`create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const server = await createDb({ databaseUrl: url.toString(), poolSize: 5 });
      try {
        await measure("PostgreSQL", server, deps);
      } finally {
        await server.db.destroy();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    }
  }
} finally {
  await fixtures.close();
}
