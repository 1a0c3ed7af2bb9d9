// What the benchmarks against the built app share: settings from the environment, a throwaway
// database on the PostgreSQL server, the app and a bare node:http server as child processes, the
// load generator and the table it prints. Every resource made here is dropped by cleanUp().
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);

export const seconds = numberFromEnv("BENCH_SECONDS", 10);
export const concurrency = numberFromEnv("BENCH_CONCURRENCY", 50);
export const warmupSeconds = numberFromEnv("BENCH_WARMUP_SECONDS", 3);
export const nodeEnv = process.env.BENCH_NODE_ENV ?? "production";

// The same server the rest of `npm run bench` uses; each bench makes and drops its own database there.
const adminUrl =
  process.env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const cleanups: (() => Promise<void>)[] = [];
async function cleanUp() {
  for (const step of cleanups.splice(0).reverse())
    await step().catch((error: unknown) => console.error(String(error)));
}

/** Runs a benchmark against the server database, cleaning up after it however it ends. */
export async function runBench(main: (serverUrl: string) => Promise<void>) {
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
}

export async function createBenchDatabase(serverUrl: string, label: string): Promise<string> {
  const name = `mv_bench_${label}_${randomBytes(4).toString("hex")}`;
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

/** p50, p95 and p99 of a list of latencies, nearest rank. */
export function percentiles(latencies: readonly number[]) {
  const sorted = Float64Array.from(latencies).sort();
  const pick = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return { p50: pick(50), p95: pick(95), p99: pick(99) };
}

export async function startApp(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<{ url: string; pid: number }> {
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
    ...extraEnv,
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
export async function startBareServer(): Promise<{ url: (pathAndQuery: string) => string }> {
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
          res.writeHead(303, { location: "/next", "content-type": "text/plain", "content-length": body.length });
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

export interface RequestSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Target {
  name: string;
  ok: (status: number) => boolean;
  /** The next request of this worker (connection), or null when there are no more to send. */
  request: (worker: number) => RequestSpec | null;
  /** Told every answer's status, so a worker can keep its own state (a respondent's page version). */
  answered?: (worker: number, status: number) => void;
  /**
   * Paced instead of flat out: the connections together start this many requests a second, each
   * on its own schedule. A request that starts late (its connection was still waiting) counts from
   * when it was due, so queueing shows in the latencies instead of being hidden by the slow-down.
   */
  ratePerSecond?: number;
}

export interface Result {
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

/**
 * `concurrency` keep-alive connections, each sending its next request when the last has answered
 * (or, with `ratePerSecond`, when the next is due and the last has answered).
 */
export async function runLoad(target: Target): Promise<Result> {
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

  const once = (worker: number, spec: RequestSpec, due: number) =>
    new Promise<void>((resolve) => {
      const counted = measuring;
      const begin = Math.min(due, performance.now());
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

  const interval = target.ratePerSecond ? (1000 * concurrency) / target.ratePerSecond : 0;
  const worker = async (index: number) => {
    let due = started + (interval * index) / concurrency;
    while (performance.now() < stopAt) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (performance.now() >= stopAt) return;
      const spec = target.request(index);
      if (!spec) return;
      await once(index, spec, interval ? due : performance.now());
      due += interval;
    }
  };
  const workers = Array.from({ length: concurrency }, (_, index) => worker(index));
  await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
  measuring = true;
  started = performance.now();
  stopAt = started + seconds * 1000;
  await Promise.all(workers);
  agent.destroy();
  const { p50, p95, p99 } = percentiles(latencies);
  const duration = Math.max(finished - started, 1) / 1000;
  return {
    name: target.name,
    requests: latencies.length,
    perSecond: latencies.length / duration,
    p50,
    p95,
    p99,
    bad,
    okTotal,
    allRequests,
    statuses,
    samples,
  };
}

export async function withServerCpu(pid: number, target: Target): Promise<Result> {
  const before = processCpuMs(pid);
  const result = await runLoad(target);
  return { ...result, serverCpuMs: (processCpuMs(pid) - before) / Math.max(result.allRequests, 1) };
}

export function printTable(results: Result[]) {
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

export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, not "${raw}"`);
  return value;
}
