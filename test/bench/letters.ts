// Open letters under load, against the BUILT app on the PostgreSQL server (DATABASE_URL), beside a
// bare node:http server from the same run:
//   1. signing: 50 concurrent leaders each POST the sign form from their personal link, each a
//      different leader of a different organisation arriving from a different address;
//   2. the public page of a letter with 120 signatories, for anonymous readers (full render), and
//      the same page revalidated with If-None-Match (304), as caches and returning browsers do.
//
//   npx tsx test/bench/letters.ts   (server: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
//
// Settings: BENCH_SECONDS (measured seconds per target, default 10), BENCH_CONCURRENCY (default 50),
// BENCH_WARMUP_SECONDS (default 1), BENCH_LEADERS (signers seeded, default 14000),
// BENCH_NODE_ENV (the app's NODE_ENV, default production), BENCH_ONLY=sign (skip the page),
// BENCH_NODE_ARGS (extra node flags for the app, e.g. "--cpu-prof --cpu-prof-dir=.tmp/profiles").
//
// How the signers are distinct, honestly: the app runs with TRUST_PROXY=1, as it does behind a load
// balancer, and each request carries its own X-Forwarded-For from 198.18.0.0/15 (the range set aside
// for benchmarks, RFC 2544). Every rate limit is still taken and written for every signature (per
// address and per account, burst and five-minute windows): none refuses because no leader or
// address signs twice, as in a real campaign. Nothing in the app knows it is being measured.
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
import { openLetter } from "../../app/models/letter-lifecycle.server.ts";
import { signLetter } from "../../app/models/letter-signing.server.ts";
import { createLetter } from "../../app/models/letters.server.ts";
import { createPerson } from "../../app/models/people.server.ts";
import { hashToken, randomToken } from "../../app/utils/crypto.server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);

const seconds = numberFromEnv("BENCH_SECONDS", 10);
const concurrency = numberFromEnv("BENCH_CONCURRENCY", 50);
const warmupSeconds = numberFromEnv("BENCH_WARMUP_SECONDS", 1);
const leaderCount = numberFromEnv("BENCH_LEADERS", 14_000);
const nodeEnv = process.env.BENCH_NODE_ENV ?? "production";
const PAGE_SIGNATORIES = 120;

// The same server the rest of `npm run bench` uses; the bench makes and drops its own database there.
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
  console.log("Open letters benchmark");
  console.log(`machine:  ${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), Node ${process.version}`);
  console.log(
    `load:     ${concurrency} keep-alive connections, ${warmupSeconds} s warm-up, ${seconds} s measured per target`,
  );
  // The machine is shared: its load average says how much of it this run really had.
  console.log(
    `machine load average before: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")} (1, 5, 15 min)`,
  );

  const databaseUrl = await createBenchDatabase(serverUrl);
  const setupStarted = performance.now();
  const { signPaths, pageSlug } = await seed(databaseUrl);
  console.log(
    `seeded:   ${leaderCount} organisations and leaders, personal links made (${((performance.now() - setupStarted) / 1000).toFixed(1)} s)`,
  );

  const bare = await startBareServer();
  const app = await startApp(databaseUrl);
  console.log(
    `server:   node --import tsx server.ts (built app), NODE_ENV=${nodeEnv}, TRUST_PROXY=1, RUN_WORKER=false, pg pool 10`,
  );

  // 1. Signing.
  let next = 0;
  const signTarget: Target = {
    name: "POST sign (app)",
    ok: (status) => status === 303,
    request: () => {
      const index = next++;
      const signPath = signPaths[index];
      if (!signPath) return null;
      return {
        url: `${app.url}${signPath}`,
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Forwarded-For": `198.${18 + (index >> 16)}.${(index >> 8) & 255}.${index & 255}`,
        },
        body: `intent=sign&formKey=${randomBytes(24).toString("base64url")}`,
      };
    },
  };
  const signResult = await withServerCpu(app.pid, signTarget);
  const sampleResponse = await fetchOnce(
    `${app.url}${signPaths[0] ?? ""}`,
    "POST",
    `intent=sign&formKey=${randomBytes(24).toString("base64url")}`,
  );
  const bareSign = await runLoad({
    name: `POST bare 303 (${sampleResponse.bytes} B)`,
    ok: (status) => status === 303,
    request: () => ({
      url: bare.url(`/post?bytes=${sampleResponse.bytes}`),
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=sign&formKey=abcdefghijklmnopqrstuvwx",
    }),
  });
  // The same transaction without HTTP, Remix or the app process: where the database's own ceiling is.
  const modelSign = await signInProcess(databaseUrl, signPaths.slice(next));
  const signatures = await countSignatures(databaseUrl);
  if (process.env.BENCH_ONLY === "sign") {
    printTable([signResult, modelSign, bareSign]);
    return;
  }

  // 2. The public page.
  const page = await fetchOnce(`${app.url}/letters/${pageSlug}`, "GET");
  if (page.status !== 200 || !page.etag) throw new Error(`The public page answered ${page.status}`);
  const pageTarget: Target = {
    name: `GET public page (app, ${(page.bytes / 1024).toFixed(1)} KiB)`,
    ok: (s) => s === 200,
    request: () => ({ url: `${app.url}/letters/${pageSlug}` }),
  };
  const notModifiedTarget: Target = {
    name: "GET public page, If-None-Match (app, 304)",
    // When the cached copy expires, the reader who refills it is sent the whole page.
    ok: (s) => s === 304 || s === 200,
    request: () => ({ url: `${app.url}/letters/${pageSlug}`, headers: { "If-None-Match": page.etag ?? "" } }),
  };
  const pageResult = await withServerCpu(app.pid, pageTarget);
  const notModifiedResult = await withServerCpu(app.pid, notModifiedTarget);
  const barePage = await runLoad({
    name: `GET static page (bare, ${(page.bytes / 1024).toFixed(1)} KiB)`,
    ok: (s) => s === 200,
    request: () => ({ url: bare.url(`/page?bytes=${page.bytes}`) }),
  });

  console.log();
  printTable([signResult, modelSign, bareSign, pageResult, notModifiedResult, barePage]);
  console.log(
    `machine load average after the run: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")}`,
  );
  console.log();
  const accepted = signResult.statuses[303] ?? 0;
  console.log(
    `signing:     ${signResult.perSecond.toFixed(0)} signatures/s (target >= 1,000), p95 ${signResult.p95.toFixed(1)} ms (target < 50 ms); ` +
      `${((100 * signResult.perSecond) / bareSign.perSecond).toFixed(1)}% of the bare server's rate`,
  );
  console.log(
    `             the signing transaction alone (signLetter in this process, pool of 10, no HTTP): ${modelSign.perSecond.toFixed(0)}/s, p95 ${modelSign.p95.toFixed(1)} ms`,
  );
  console.log(
    `             ${accepted} accepted (303) in the measured window, ${signResult.okTotal} with the warm-up, ${modelSign.okTotal} in-process; ` +
      `${signatures} signature rows in the database (each personal link was used once: the two must agree)`,
  );
  console.log(
    `public page: ${pageResult.perSecond.toFixed(0)} requests/s rendered (target >= 2,000), ${notModifiedResult.perSecond.toFixed(0)}/s revalidated (304); ` +
      `${((100 * pageResult.perSecond) / barePage.perSecond).toFixed(1)}% of the bare server's rate for the same bytes`,
  );
  for (const result of [signResult, pageResult, notModifiedResult]) {
    if (result.bad > 0)
      console.log(
        `!! ${result.name}: ${result.bad} unexpected responses ${JSON.stringify(result.statuses)} ${result.samples.join("; ")}`,
      );
  }
}

async function createBenchDatabase(serverUrl: string): Promise<string> {
  const name = `mv_bench_letters_${randomBytes(4).toString("hex")}`;
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

/** Organisations, leaders and personal links in bulk; the letters and the page's signatures through the app's own model code. */
async function seed(databaseUrl: string) {
  const { db } = await createDb({ databaseUrl, poolSize: 4 });
  try {
    await migrateToLatest(db);
    await sql`
      insert into organisations (name, legal_form, service_area, nation, staff_count, membership_status, public_income_gbp)
      select 'Bench Mutual ' || g || ' CIC', 'community_interest_company', 'health',
             (array['england', 'scotland', 'wales', 'northern_ireland'])[1 + g % 4], 20 + (g * 37) % 900, 'active', 1000
      from generate_series(1, ${leaderCount}) g`.execute(db);
    await sql`
      insert into people (organisation_id, email, name, job_title, role, is_leader)
      select id, 'leader' || id || '@bench.example', 'Leader ' || id, 'Chief Executive', 'member', true
      from organisations`.execute(db);
    const staff = await createPerson(db, null, {
      email: "policy@bench.example",
      name: "Bench Staff",
      role: "staff",
    });
    const leaders = await db
      .selectFrom("people")
      .select(["id"])
      .where("is_leader", "=", true)
      .orderBy("id")
      .execute();
    const pageLeaders = leaders.slice(0, PAGE_SIGNATORIES).map((l) => l.id);
    const signLeaders = leaders.slice(PAGE_SIGNATORIES).map((l) => l.id);

    const body =
      "Dear Chancellor,\n\nWe, the undersigned leaders of **public service mutuals**, ask you to zero-rate VAT on shared services.\n\n".repeat(
        3,
      );
    const pageLetter = await createLetter(db, staff, {
      title: "A widely shared letter",
      addressee: "HM Treasury",
      body,
      closesOn: null,
      signatureGoal: 200,
    });
    await openLetter(
      db,
      staff,
      pageLetter.id,
      { audience: "chosen", nations: [], personIds: [] },
      "http://127.0.0.1",
    );
    for (const [index, personId] of pageLeaders.entries()) {
      const outcome = await signLetter(db, {
        slug: pageLetter.slug,
        signer: {
          via: "session",
          actor: { id: personId, role: "member", organisationId: null, isLeader: true },
        },
        formKey: randomBytes(16).toString("base64url"),
        ip: `198.19.255.${index}`,
        appUrl: "http://127.0.0.1",
      });
      if (outcome.kind !== "signed") throw new Error(`Seeding the page letter: ${outcome.kind}`);
    }

    const signLetterRow = await createLetter(db, staff, {
      title: "A letter being signed",
      addressee: "HM Treasury",
      body,
      closesOn: null,
      signatureGoal: null,
    });
    await openLetter(
      db,
      staff,
      signLetterRow.id,
      { audience: "chosen", nations: [], personIds: [] },
      "http://127.0.0.1",
    );
    // Personal links made as openLetter makes them (a random 256-bit token, only its hash stored),
    // in bulk: rendering some 14,000 invitation emails would take minutes and is not what is measured.
    const signPaths: string[] = [];
    for (let start = 0; start < signLeaders.length; start += 1000) {
      const batch = signLeaders.slice(start, start + 1000).map((personId) => {
        const token = randomToken();
        signPaths.push(`/letters/${signLetterRow.slug}/sign?token=${token}`);
        return {
          letter_id: signLetterRow.id,
          person_id: personId,
          token_hash: hashToken(token),
          invited_by: staff.id,
        };
      });
      await db.insertInto("letter_invitations").values(batch).execute();
    }
    return { signPaths, pageSlug: pageLetter.slug };
  } finally {
    await db.destroy();
  }
}

/** `concurrency` callers of the model function itself, each with its own personal link, for the measured seconds. */
async function signInProcess(databaseUrl: string, paths: string[]): Promise<Result> {
  const { db } = await createDb({ databaseUrl, poolSize: 10 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  let bad = 0;
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < stopAt) {
          const index = next++;
          const url = paths[index] ? new URL(paths[index], "http://127.0.0.1") : null;
          const token = url?.searchParams.get("token");
          if (!url || !token) return;
          const begin = performance.now();
          const outcome = await signLetter(db, {
            slug: url.pathname.split("/")[2] ?? "",
            signer: { via: "link", token },
            formKey: randomBytes(24).toString("base64url"),
            ip: `198.19.${(index >> 8) & 255}.${index & 255}`,
            appUrl: "http://127.0.0.1",
          });
          latencies.push(performance.now() - begin);
          if (outcome.kind !== "signed") bad++;
        }
      }),
    );
  } finally {
    await db.destroy();
  }
  const duration = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const pick = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  statuses[200] = latencies.length - bad;
  return {
    name: "signLetter() in-process (no HTTP)",
    requests: latencies.length,
    perSecond: latencies.length / duration,
    p50: pick(50),
    p95: pick(95),
    p99: pick(99),
    bad,
    okTotal: latencies.length - bad,
    allRequests: latencies.length,
    statuses,
    samples: [],
  };
}

async function countSignatures(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(
    "select count(*) as n from letter_signatures s join letters l on l.id = s.letter_id where l.title = 'A letter being signed'",
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
          res.writeHead(303, { location: "/letters/x/sign?done=signed", "content-type": "text/plain", "content-length": body.length });
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

async function fetchOnce(url: string, method: string, body?: string) {
  const response = await fetch(url, {
    method,
    body,
    redirect: "manual",
    headers: body
      ? { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "198.19.254.1" }
      : {},
  });
  const buffer = Buffer.from(await response.arrayBuffer());
  const bytes = buffer.byteLength;
  return { status: response.status, bytes, etag: response.headers.get("etag") };
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
  /** The next request, or null when there are no more to send (each signature is used once). */
  request: () => RequestSpec | null;
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

  const once = (spec: RequestSpec) =>
    new Promise<void>((resolve) => {
      const counted = measuring;
      const begin = performance.now();
      const done = (status: number, error?: string) => {
        const end = performance.now();
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

  const worker = async () => {
    while (performance.now() < stopAt) {
      const spec = target.request();
      if (!spec) return;
      await once(spec);
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
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
