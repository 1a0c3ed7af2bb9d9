// Survey page saves under load, against the BUILT app on the PostgreSQL server (DATABASE_URL), beside a
// bare node:http server from the same run: 50 concurrent respondents, each on their own personal
// link, each pressing Continue on a page of three questions again and again. Every save is a real
// one: the form carries the page's version as the page would, so each is validated, checked for a
// stale save, and writes its answers and the new version in one transaction.
//
//   npx tsx test/bench/survey-saves.ts   (server: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
//
// Settings: BENCH_SECONDS (measured seconds, default 10), BENCH_CONCURRENCY (respondents at once,
// default 50), BENCH_WARMUP_SECONDS (default 1), BENCH_NODE_ENV (default production),
// BENCH_NODE_ARGS (extra node flags for the app).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { sql } from "kysely";
import pg from "pg";
import { createDb } from "../../db/client.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { createPerson } from "../../app/models/people.server.ts";
import { addQuestion } from "../../app/models/survey-builder.server.ts";
import { createSurvey, loadSurveyContent } from "../../app/models/surveys.server.ts";
import { questionFormSchema, surveySettingsSchema } from "../../app/schemas/surveys.ts";
import { hashToken, randomToken } from "../../app/utils/crypto.server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);

const seconds = numberFromEnv("BENCH_SECONDS", 10);
const concurrency = numberFromEnv("BENCH_CONCURRENCY", 50);
const warmupSeconds = numberFromEnv("BENCH_WARMUP_SECONDS", 1);
const nodeEnv = process.env.BENCH_NODE_ENV ?? "production";

const adminUrl =
  process.env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const cleanups: (() => Promise<void>)[] = [];
async function cleanUp() {
  for (const step of cleanups.splice(0).reverse())
    await step().catch((error: unknown) => console.error(String(error)));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void cleanUp().then(() => process.exit(130)));
}

try {
  await main(adminUrl);
} catch (error) {
  console.error(
    `\nBenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await cleanUp();
}

async function main(serverUrl: string) {
  const cpus = os.cpus();
  console.log("Survey page saves benchmark");
  console.log(`machine:  ${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), Node ${process.version}`);
  console.log(
    `load:     ${concurrency} respondents on keep-alive connections, ${warmupSeconds} s warm-up, ${seconds} s measured per target`,
  );
  console.log(
    `machine load average before: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")} (1, 5, 15 min)`,
  );
  const databaseUrl = await createBenchDatabase(serverUrl);
  const setupStarted = performance.now();
  const { pagePaths, fields } = await seed(databaseUrl);
  console.log(
    `seeded:   ${pagePaths.length} invited respondents of 1,000 organisations (${((performance.now() - setupStarted) / 1000).toFixed(1)} s)`,
  );
  const bare = await startBareServer();
  const app = await startApp(databaseUrl);
  console.log(
    `server:   node --import tsx server.ts (built app), NODE_ENV=${nodeEnv}, RUN_WORKER=false, pg pool 10`,
  );

  // Each connection is one respondent: it posts the version its last save returned, as the page would.
  const versions = new Array<number>(concurrency).fill(0);
  const saveTarget: Target = {
    name: "POST page save (app)",
    ok: (status) => status === 303,
    request: (worker) => ({
      url: `${app.url}${pagePaths[worker] ?? ""}`,
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: fields(versions[worker] ?? 0, worker),
    }),
    answered: (worker, status) => {
      if (status === 303) versions[worker] = (versions[worker] ?? 0) + 1;
    },
  };
  const saveResult = await withServerCpu(app.pid, saveTarget);
  const bareSave = await runLoad({
    name: "POST bare 303",
    ok: (status) => status === 303,
    request: () => ({
      url: bare.url("/post?bytes=0"),
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: fields(1, 0),
    }),
  });
  const saved = await countVersions(databaseUrl);

  console.log();
  printTable([saveResult, bareSave]);
  console.log(
    `machine load average after the run: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")}`,
  );
  console.log();
  console.log(
    `page saves: ${saveResult.perSecond.toFixed(0)}/s (target >= 500), p95 ${saveResult.p95.toFixed(1)} ms (target < 100 ms); ` +
      `${((100 * saveResult.perSecond) / bareSave.perSecond).toFixed(1)}% of the bare server's rate`,
  );
  console.log(
    `            ${saveResult.okTotal} saves accepted with the warm-up; the saved page versions in the database add up to ${saved} (the two must agree)`,
  );
  if (saveResult.bad > 0)
    console.log(
      `!! ${saveResult.bad} unexpected responses ${JSON.stringify(saveResult.statuses)} ${saveResult.samples.join("; ")}`,
    );
}

async function createBenchDatabase(serverUrl: string): Promise<string> {
  const name = `mv_bench_surveys_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
    console.log(`dropped ${name}`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  console.log(`database: ${name} on ${url.host} (created for this run, dropped at the end)`);
  return url.toString();
}

/** Organisations and contacts in bulk; the survey through the app's own model code; links as openSurvey makes them. */
async function seed(databaseUrl: string) {
  const { db } = await createDb({ databaseUrl, poolSize: 4 });
  try {
    await migrateToLatest(db);
    await sql`
      insert into organisations (name, legal_form, service_area, nation, staff_count, membership_status, public_income_gbp)
      select 'Bench Mutual ' || g || ' CIC', 'community_interest_company', 'health',
             (array['england', 'scotland', 'wales', 'northern_ireland'])[1 + g % 4], 20 + (g * 37) % 900, 'active', 1000
      from generate_series(1, 1000) g`.execute(db);
    await sql`
      insert into people (organisation_id, email, name, job_title, role)
      select id, 'contact' || id || '@bench.example', 'Contact ' || id, 'Policy Lead', 'member'
      from organisations`.execute(db);
    const staff = await createPerson(db, null, {
      email: "policy@bench.example",
      name: "Bench Staff",
      role: "staff",
    });
    const survey = await createSurvey(
      db,
      staff,
      surveySettingsSchema.parse({
        title: "Bench survey",
        mode: "person",
        anonymity: "named",
        closesOn: "2099-12-31",
      }),
    );
    const [section] = await loadSurveyContent(db, survey.id);
    if (!section) throw new Error("no section");
    const ids: number[] = [];
    for (const question of [
      {
        kind: "single_choice",
        prompt: "Main service",
        choices: "Health\nSocial care\nLeisure",
        required: "yes",
      },
      { kind: "number", prompt: "VAT paid last year", numberMin: "0", unit: "£" },
      { kind: "long_text", prompt: "What would change?" },
    ]) {
      ids.push(
        await addQuestion(
          db,
          staff,
          survey.id,
          questionFormSchema.parse({ ...question, sectionId: String(section.id) }),
        ),
      );
    }
    // Opened as openSurvey opens it, with the links made in bulk: rendering 1,000 invitation
    // emails is not what is measured.
    await db
      .updateTable("surveys")
      .set({ state: "open", opened_at: new Date() })
      .where("id", "=", survey.id)
      .execute();
    const people = await db
      .selectFrom("people")
      .select(["id", "organisation_id"])
      .where("role", "=", "member")
      .orderBy("id")
      .execute();
    const pagePaths: string[] = [];
    await db
      .insertInto("survey_invitations")
      .values(
        people.map((person) => {
          const token = randomToken();
          pagePaths.push(`/s/${token}/1`);
          return {
            survey_id: survey.id,
            person_id: person.id,
            organisation_id: person.organisation_id ?? 0,
            token_hash: hashToken(token),
          };
        }),
      )
      .execute();
    const [choice, number, text] = ids;
    const story = encodeURIComponent(
      "We could share payroll and finance with two neighbours, and keep a post. ".repeat(4),
    );
    const fields = (version: number, worker: number) =>
      `version=${version}&q${choice}=${worker % 2 ? "health" : "leisure"}&q${number}=${1000 + version}&q${text}=${story}`;
    return { pagePaths, fields };
  } finally {
    await db.destroy();
  }
}

async function countVersions(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(
    "select coalesce(sum(version), 0) as n from survey_response_sections",
  );
  await client.end();
  return Number(rows[0]?.n ?? 0);
}

async function startApp(databaseUrl: string): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: nodeEnv === "development" || nodeEnv === "test" ? nodeEnv : "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    TRUST_PROXY: "1",
    RUN_WORKER: "false",
    SEED_DEMO: "false",
    APP_URL: url,
    SESSION_SECRET: randomBytes(32).toString("hex"),
    // Production insists on an SMTP server; with RUN_WORKER=false nothing is ever sent to it.
    SMTP_URL: "smtp://127.0.0.1:1",
  };
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=.tmp/profiles" profiles the server.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  cleanups.push(() => stop(child, exited));
  const output: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited:\n${output.join("")}`);
    if (Date.now() - started > 120_000) throw new Error(`The app did not start:\n${output.join("")}`);
    const health = await fetch(`${url}/healthz`).catch(() => null);
    if (health?.ok) return { url, pid: child.pid ?? 0 };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stop(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 15_000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") child.kill("SIGKILL");
}

/** A bare node:http server on its own thread: GET /page?bytes=N is a static page; POST /post?bytes=N reads the body and answers 303. */
async function startBareServer(): Promise<{ url: (pathAndQuery: string) => string }> {
  const source = `
    const http = require("node:http");
    const { parentPort } = require("node:worker_threads");
    const pages = new Map();
    const page = (bytes) => {
      let body = pages.get(bytes);
      if (!body) { body = Buffer.alloc(bytes, 120); pages.set(bytes, body); }
      return body;
    };
    const server = http.createServer((req, res) => {
      const url = new URL(req.url, "http://127.0.0.1");
      const body = page(Number(url.searchParams.get("bytes") || 1000));
      if (url.pathname === "/post") {
        req.resume();
        req.on("end", () => {
          res.writeHead(303, { location: "/s/x/2", "content-type": "text/plain", "content-length": body.length });
          res.end(body);
        });
        return;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
      res.end(body);
    });
    server.keepAliveTimeout = 60000;
    server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
  `;
  const worker = new Worker(source, { eval: true });
  cleanups.push(async () => {
    await worker.terminate();
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", (message: unknown) =>
      typeof message === "number" ? resolve(message) : reject(new Error("no port")),
    );
    worker.once("error", reject);
  });
  return { url: (pathAndQuery) => `http://127.0.0.1:${port}${pathAndQuery}` };
}

interface RequestSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Target {
  name: string;
  ok: (status: number) => boolean;
  /** The next request of this worker (connection), or null when there are no more to send. */
  request: (worker: number) => RequestSpec | null;
  /** Told every answer's status, so a worker can keep its own state (a respondent's page version). */
  answered?: (worker: number, status: number) => void;
}

interface Result {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  bad: number;
  /** Expected answers including the warm-up. */
  okTotal: number;
  /** Every answer, warm-up included. */
  allRequests: number;
  /** The app process's CPU time per request (warm-up included), when measured. */
  serverCpuMs?: number;
  statuses: Record<number, number>;
  samples: string[];
}

/** `concurrency` keep-alive connections, each sending its next request when the last has answered. */
async function runLoad(target: Target): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const samples: string[] = [];
  let bad = 0;
  let okTotal = 0;
  let allRequests = 0;
  let measuring = false;
  let stopAt = performance.now() + (warmupSeconds + seconds) * 1000;
  let started = performance.now();
  let finished = started;

  const once = (worker: number, spec: RequestSpec) =>
    new Promise<void>((resolve) => {
      const counted = measuring;
      const begin = performance.now();
      const done = (status: number, error?: string) => {
        const end = performance.now();
        target.answered?.(worker, status);
        allRequests++;
        if (target.ok(status)) okTotal++;
        if (counted) {
          latencies.push(end - begin);
          finished = end;
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (!target.ok(status)) {
            bad++;
            if (samples.length < 3) samples.push(error ?? `status ${status}`);
          }
        }
        resolve();
      };
      const request = http.request(
        spec.url,
        { method: spec.method ?? "GET", headers: spec.headers, agent, timeout: 10_000 },
        (response) => {
          response.resume();
          response.on("end", () => done(response.statusCode ?? 0));
          response.on("error", (error) => done(0, error.message));
        },
      );
      request.on("timeout", () => request.destroy(new Error("timeout")));
      request.on("error", (error) => done(0, error.message));
      request.end(spec.body);
    });

  const worker = async (index: number) => {
    while (performance.now() < stopAt) {
      const spec = target.request(index);
      if (!spec) return;
      await once(index, spec);
    }
  };
  const workers = Array.from({ length: concurrency }, (_, index) => worker(index));
  await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
  measuring = true;
  started = performance.now();
  stopAt = started + seconds * 1000;
  await Promise.all(workers);
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const pick = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  const duration = Math.max(finished - started, 1) / 1000;
  return {
    name: target.name,
    requests: latencies.length,
    perSecond: latencies.length / duration,
    p50: pick(50),
    p95: pick(95),
    p99: pick(99),
    bad,
    okTotal,
    allRequests,
    statuses,
    samples,
  };
}

async function withServerCpu(pid: number, target: Target): Promise<Result> {
  const before = processCpuMs(pid);
  const result = await runLoad(target);
  return { ...result, serverCpuMs: (processCpuMs(pid) - before) / Math.max(result.allRequests, 1) };
}

function printTable(results: Result[]) {
  const rows = [
    ["target", "requests", "requests/s", "p50 ms", "p95 ms", "p99 ms", "unexpected", "app CPU ms/req"],
    ...results.map((r) => [
      r.name,
      String(r.requests),
      r.perSecond.toFixed(0),
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      r.p99.toFixed(1),
      String(r.bad),
      r.serverCpuMs === undefined ? "" : r.serverCpuMs.toFixed(2),
    ]),
  ];
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  for (const row of rows) {
    console.log(
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join("  "),
    );
  }
}

/** CPU time (user + system, ms) the app's process has used so far, from /proc (Linux). */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, not "${raw}"`);
  return value;
}
