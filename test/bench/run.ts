// `npm run bench`: starts the built app on a fresh embedded database and loads the targets of every
// test/bench/*.bench.ts, one target at a time, with the same concurrency.
//
// Settings (environment): BENCH_SECONDS (measured seconds per target, default 10),
// BENCH_CONCURRENCY (connections, default 50), BENCH_WARMUP_SECONDS (unmeasured, default 1),
// BENCH_ONLY (comma-separated benchmark names), BENCH_VERBOSE=1 (print the server's output live).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import pg from "pg";
import { createDb } from "../../db/client.ts";
import { findPersonByEmail } from "../../app/models/accounts/people.server.ts";
import { createSession, sessionCookie } from "../../app/models/accounts/sessions.server.ts";
import { loadEnv } from "../../app/utils/env.server.ts";
import { isBenchmark, runLoad, type Benchmark, type LoadOptions, type LoadResult } from "./load.ts";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, "../..");
process.chdir(root);

const only = (process.env.BENCH_ONLY ?? "")
  .split(",")
  .map((name) => name.trim())
  .filter(Boolean);
const verbose = ["1", "true", "yes"].includes(process.env.BENCH_VERBOSE ?? "");

const cleanups: (() => Promise<void>)[] = [];
let cleaningUp: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const step of cleanups.reverse()) {
      await step().catch((error: unknown) => console.error(`Clean-up failed: ${String(error)}`));
    }
  })();
  return cleaningUp;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the server and removing the temporary data.`);
    void cleanUp().then(() => process.exit(130));
  });
}

const failed = await main().catch((error: unknown) => {
  console.error(`\nBenchmark run failed: ${error instanceof Error ? error.message : String(error)}`);
  return true;
});
await cleanUp();
process.exit(failed ? 1 : 0);

/** Returns true when something failed. */
async function main(): Promise<boolean> {
  const load: LoadOptions = {
    seconds: numberFromEnv("BENCH_SECONDS", 10),
    concurrency: numberFromEnv("BENCH_CONCURRENCY", 50),
    warmupSeconds: numberFromEnv("BENCH_WARMUP_SECONDS", 1),
  };
  const benchmarks = await findBenchmarks();
  const cpus = os.cpus();
  console.log("Mutual Voice benchmarks");
  console.log(
    `machine:  ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.arch()}, Node ${process.version}`,
  );
  console.log("server:   the built app (node --import tsx server.ts), RUN_WORKER=false");
  console.log(
    `load:     ${load.concurrency} keep-alive connections, ${load.warmupSeconds} s warm-up then ` +
      `${load.seconds} s per target, one target at a time, from this process`,
  );
  console.log(`benchmarks: ${benchmarks.map((bench) => bench.name).join(", ")}\n`);

  if (!existsSync("build/index.js")) {
    console.log("build/index.js is missing: running npm run build");
    const code = await runInherit("npm", ["run", "build"]);
    if (code !== 0) throw new Error(`npm run build exited with code ${code}`);
  }

  const bare = await startBareServer();
  const app = await startApp();

  let failures = false;
  for (const bench of benchmarks) {
    console.log(`\n== ${bench.name}: ${bench.description}`);
    const targets = await bench.targets({
      appUrl: app.url,
      barePage: bare.page,
      load,
      signIn: (email) => app.signIn(email),
    });
    const results: LoadResult[] = [];
    for (const target of targets) {
      process.stdout.write(`   loading ${target.name} ... `);
      const result = await runLoad(target, load);
      console.log(`${result.requests} requests`);
      results.push(result);
    }
    console.log();
    printTable(results);
    for (const line of bench.summarise?.(results) ?? []) console.log(line);
    for (const result of results) {
      const bad = result.errors + result.non2xx;
      if (bad === 0) continue;
      const statuses = Object.entries(result.statuses)
        .map(([status, count]) => `${status}: ${count}`)
        .join(", ");
      console.log(
        `!! ${result.target}: ${result.errors} connection errors, ${result.non2xx} non-2xx (statuses ${statuses})` +
          (result.errorSamples.length ? `; e.g. ${result.errorSamples.join("; ")}` : ""),
      );
      // A few errors under load are worth seeing; more than 1% (or no success at all) fails the run.
      if (result.ok === 0 || bad > result.requests * 0.01) failures = true;
    }
  }
  return failures;
}

async function findBenchmarks(): Promise<Benchmark[]> {
  const files = (await readdir(benchDir)).filter((file) => file.endsWith(".bench.ts")).sort();
  const benchmarks: Benchmark[] = [];
  for (const file of files) {
    const imported: unknown = await import(pathToFileURL(path.join(benchDir, file)).href);
    const candidate =
      typeof imported === "object" && imported !== null && "default" in imported ? imported.default : null;
    if (!isBenchmark(candidate)) {
      throw new Error(`test/bench/${file} must default-export a Benchmark (see test/bench/load.ts)`);
    }
    if (only.length === 0 || only.includes(candidate.name)) benchmarks.push(candidate);
  }
  if (benchmarks.length === 0) {
    throw new Error(only.length ? `No benchmark named ${only.join(", ")}` : "No test/bench/*.bench.ts found");
  }
  return benchmarks;
}

/**
 * How the app runs under load: in production mode on a throwaway PostgreSQL database when a server
 * is reachable (as deployed: React's production build, pooled connections), otherwise on a fresh
 * embedded database in development mode, which is slower and says so.
 */
async function benchDatabase(): Promise<{ describe: string; env: NodeJS.ProcessEnv }> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
  } catch {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "mv-bench-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    return {
      describe:
        "PGlite (embedded), fresh DATA_DIR, NODE_ENV=development (no PostgreSQL server reachable; " +
        "React renders with its slower development build)",
      env: { DATA_DIR: dataDir, NODE_ENV: "development", DATABASE_URL: undefined },
    };
  }
  const name = `mv_bench_${randomBytes(4).toString("hex")}`;
  await admin.query(`create database ${name}`);
  cleanups.push(async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    describe: `PostgreSQL server, throwaway database ${name}, NODE_ENV=production, demo network seeded`,
    env: {
      NODE_ENV: "production",
      DATABASE_URL: url.toString(),
      SEED_DEMO: "true",
      SESSION_SECRET: randomBytes(32).toString("hex"),
      // Production insists on a mail server; with RUN_WORKER=false nothing is ever sent to it.
      SMTP_URL: "smtp://127.0.0.1:9",
    },
  };
}

/** The built app on a free port; stopped by cleanUp(). */
async function startApp(): Promise<{ url: string; signIn(email: string): Promise<string> }> {
  const database = await benchDatabase();
  console.log(`database: ${database.describe}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    RUN_WORKER: "false",
    // This process reads the server's output while it generates the load: a line per request would
    // take its CPU. What logging costs the server is measured by test/bench/logging.ts.
    LOG_LEVEL: "warn",
    APP_URL: url,
    ...database.env,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  // One process (no tsx wrapper), so SIGTERM reaches the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  cleanups.push(() => stopChild(child, exited));

  const tail: string[] = [];
  let ready = "";
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      if (verbose) console.log(`   [server] ${line}`);
      if (line.includes("Mutual Voice is ready at")) ready = line;
      tail.push(line);
      if (tail.length > 60) tail.shift();
    }
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);

  const started = Date.now();
  let finished = false;
  void exited.then(() => {
    finished = true;
  });
  while (!(await healthy(url))) {
    if (finished || Date.now() - started > 120_000) {
      const why = finished ? `exited with code ${child.exitCode}` : "did not answer /healthz within 120 s";
      throw new Error(`The app ${why}. Its last output:\n${tail.map((line) => `   ${line}`).join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log(`   [server] ${ready || `answering /healthz at ${url}`} (pid ${child.pid})`);
  return { url, signIn: (email) => signIn(url, env, email) };
}

/**
 * A session for the person, made as the app makes one: on PostgreSQL its row and the cookie signed
 * with the app's own secret; on the embedded database (this process cannot open the app's data
 * directory) through the app itself, by the emailed link read from the development mailbox.
 */
async function signIn(url: string, env: NodeJS.ProcessEnv, email: string): Promise<string> {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) return signInByEmail(url, email);
  const appEnv = loadEnv(env);
  const { db } = await createDb({ databaseUrl, poolSize: 1 });
  try {
    const person = await findPersonByEmail(db, email);
    if (!person) throw new Error(`No person with the email ${email} in the benchmark's database`);
    const sessionId = await createSession(db, person.id, appEnv, "npm run bench");
    return (await sessionCookie(appEnv).serialize(sessionId)).split(";")[0] ?? "";
  } finally {
    await db.destroy();
  }
}

async function signInByEmail(url: string, email: string): Promise<string> {
  await fetch(`${url}/login`, { method: "POST", body: new URLSearchParams({ email }), redirect: "manual" });
  const mailbox: unknown = await (await fetch(`${url}/dev/mailbox.json`)).json();
  const messages = Array.isArray(mailbox) ? mailbox : [];
  const text = messages
    .map((message: unknown) =>
      typeof message === "object" && message !== null && "to" in message && "text" in message
        ? { to: String(message.to), text: String(message.text) }
        : null,
    )
    .find((message) => message?.to === email)?.text;
  const token = /\/login\/verify\?token=([\w-]+)/.exec(text ?? "")?.[1];
  if (!token) throw new Error(`No sign-in email for ${email} in the development mailbox`);
  // Opening the link only shows a button; its POST spends the token and signs in.
  const response = await fetch(`${url}/login/verify`, {
    method: "POST",
    body: new URLSearchParams({ token }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`Signing in as ${email} set no cookie`);
  return cookie;
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 15_000).unref());
  if ((await Promise.race([exited, timer])) === "timeout") {
    console.error("The server did not stop within 15 s of SIGTERM; killing it.");
    child.kill("SIGKILL");
    await exited;
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * A bare node:http server on its own thread (so it does not share an event loop with the load
 * generator, just as the app does not): GET /page?bytes=N answers a static HTML page of N bytes.
 */
async function startBareServer(): Promise<{ page: (bytes: number) => string }> {
  const source = `
    const http = require("node:http");
    const { parentPort } = require("node:worker_threads");
    const pages = new Map();
    function page(bytes) {
      let body = pages.get(bytes);
      if (body) return body;
      const head = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in - Mutual Voice</title></head><body><main><h1>Sign in</h1><form method="post"><label for="email">Email address</label><input id="email" name="email" type="email"><button>Send me a sign-in link</button></form><p>';
      const foot = "</p></main></body></html>";
      const filler = "Mutual Voice is the advocacy desk of a trade body for public service mutuals. ";
      let text = "";
      while (head.length + text.length + foot.length < bytes) text += filler;
      body = Buffer.from(head + text.slice(0, Math.max(0, bytes - head.length - foot.length)) + foot);
      pages.set(bytes, body);
      return body;
    }
    const server = http.createServer((req, res) => {
      const url = new URL(req.url, "http://127.0.0.1");
      const bytes = Number(url.searchParams.get("bytes") || 4096);
      if (url.pathname !== "/page" || !Number.isInteger(bytes) || bytes < 0 || bytes > 10000000) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const body = page(bytes);
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
      typeof message === "number" ? resolve(message) : reject(new Error("The bare server sent no port")),
    );
    worker.once("error", reject);
  });
  return { page: (bytes) => `http://127.0.0.1:${port}/page?bytes=${Math.round(bytes)}` };
}

function printTable(results: LoadResult[]) {
  const rows = [
    ["target", "requests/s", "p50 ms", "p95 ms", "p99 ms", "errors"],
    ...results.map((result) => [
      result.target,
      result.requestsPerSecond.toFixed(1),
      result.latency.p50.toFixed(1),
      result.latency.p95.toFixed(1),
      result.latency.p99.toFixed(1),
      String(result.errors + result.non2xx),
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

function runInherit(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit" });
    child.on("error", () => resolve(127));
    child.on("exit", (code) => resolve(code ?? 1));
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
