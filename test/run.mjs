#!/usr/bin/env node
// `npm test`: the unit suite (vitest), then the browser stories (Playwright with Debian's Chromium).
// Runners print live; each part ends with one closing line the CI summary picks up, saying how many
// tests passed and failed (and were skipped, if any): `unit: <n> passed, <n> failed`, labelled
// `unit (postgres)` when DATABASE_URL is set, then `e2e: <n> passed, <n> failed`.
// Usage: node test/run.mjs [--unit-only]
// Exit code: 0 when every part passed, 1 otherwise.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { buildAppIfStale } from "./build-if-stale.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const usage = "Usage: node test/run.mjs [--unit-only]";
const args = process.argv.slice(2);
for (const arg of args) {
  if (arg === "--help" || arg === "-h") {
    console.log(usage);
    process.exit(0);
  }
  if (arg !== "--unit-only") {
    console.error(`Unknown option ${arg}\n${usage}`);
    process.exit(2);
  }
}
const unitOnly = args.includes("--unit-only");
const inCi = isTrue(process.env.CI);
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const reports = mkdtempSync(path.join(tmpdir(), "mv-test-run-"));
/** The runner currently in the foreground, so a signal to us reaches it too. */
let current = null;
let interrupted = false;

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    if (current && current.exitCode === null) stop(current, signal);
    else finish(130);
  });
}

let ok = true;
const closing = [];
try {
  ok = (await unit()) && ok;
  if (!unitOnly && !interrupted) ok = (await e2e()) && ok;
} finally {
  rmSync(reports, { recursive: true, force: true });
}
finish(interrupted ? 130 : ok ? 0 : 1);

async function unit() {
  const label = process.env.DATABASE_URL ? "unit (postgres)" : "unit";
  const file = path.join(reports, "vitest.json");
  heading(
    `${label}: vitest${process.env.DATABASE_URL ? " against the PostgreSQL server in DATABASE_URL" : ""}`,
  );
  const code = await run("npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    "--reporter=./test/flaky-reporter.ts",
    `--outputFile.json=${file}`,
  ]);
  const report = readJson(file);
  if (!report || typeof report.numPassedTests !== "number") {
    return close(label, 0, 1, 0, `vitest exited with code ${code} and wrote no report: see the output above`);
  }
  const passed = report.numPassedTests;
  let failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const notes = [];
  // A file that fails to import, or whose hooks throw, fails without failing any one test: count it.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) =>
      file.status === "failed" && !(file.assertionResults ?? []).some((test) => test.status === "failed"),
  );
  if (brokenFiles.length) {
    failed += brokenFiles.length;
    const names = brokenFiles.map((file) => path.relative(root, file.name)).join(", ");
    notes.push(`${plural(brokenFiles.length, "test file")} failed outside any test: ${names}`);
  }
  if (code !== 0 && failed === 0) {
    failed = 1;
    notes.push(`no test failed, but vitest exited with code ${code}: see the errors above`);
  }
  // Named again here, since a long log is often read from its end only (CI keeps the tail).
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== "failed") continue;
      const message = (test.failureMessages ?? [])[0]?.split("\n")[0] ?? "";
      console.log(`failed test: ${path.relative(root, file.name)} > ${test.fullName}: ${message}`);
    }
  }
  return close(label, passed, failed, skipped, notes.join("; "));
}

async function e2e() {
  heading("e2e: Playwright browser stories");
  if (!existsSync(chromiumPath)) {
    if (inCi) {
      console.error(
        `Browser tests cannot run: Chromium is not installed at ${chromiumPath} (CI=true, so this is a failure).\n` +
          "Install it with `apt-get install -y chromium`, or set CHROMIUM_PATH.",
      );
      return close("e2e", 0, 1, 0, "Chromium not installed");
    }
    console.log(
      `NOTICE: browser tests were SKIPPED because Chromium is not installed at ${chromiumPath}.\n` +
        "        Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH), then run `npm test` again.",
    );
    closing.push("e2e: skipped (Chromium not installed)");
    console.log("e2e: skipped (Chromium not installed)");
    return true;
  }

  // The unit suite has built the app already unless it was skipped or a source changed since.
  try {
    await buildAppIfStale();
  } catch (error) {
    return close("e2e", 0, 1, 0, error.message);
  }
  if (interrupted) return false;

  const file = path.join(reports, "playwright.json");
  // The stories run on a fresh embedded database; the server in DATABASE_URL is for the unit suite only.
  const env = { PLAYWRIGHT_JSON_OUTPUT_FILE: file, DATABASE_URL: undefined };
  // Free ports (two per story server: the app and its fixture server) and a data directory we
  // remove afterwards, unless the caller chose them.
  if (!process.env.E2E_PORT) env.E2E_PORT = String(await freePortRun(2 * storyWorkers()));
  if (!process.env.E2E_DATA_DIR) {
    env.E2E_DATA_DIR = path.join(reports, "e2e-data");
    mkdirSync(env.E2E_DATA_DIR);
  }
  const code = await run("npx", ["playwright", "test", "--reporter=list,json"], env);
  const report = readJson(file);
  const stats = report?.stats;
  if (!stats || typeof stats.expected !== "number") {
    return close(
      "e2e",
      0,
      1,
      0,
      `playwright exited with code ${code} and wrote no report: see the output above`,
    );
  }
  // Named one per line, as the unit suite does, so CI's summary repeats them.
  for (const { file, title, status, error } of storyOutcomes(report.suites ?? [])) {
    if (status === "flaky") console.log(`flaky test: ${file} > ${title}: passed on its retry`);
    if (status === "unexpected") console.log(`failed test: ${file} > ${title}: ${error}`);
  }
  const flaky = stats.flaky ?? 0;
  const passed = stats.expected + flaky;
  let failed = stats.unexpected ?? 0;
  const notes = [];
  if (flaky) notes.push(`${flaky} of them flaky: passed only on retry`);
  // Errors outside tests (the web server did not start, a file did not load) fail no test: count them.
  const errors = Array.isArray(report.errors) ? report.errors.length : 0;
  if (errors) {
    failed += errors;
    notes.push(`${plural(errors, "error")} outside tests: see the output above`);
  }
  if (code !== 0 && failed === 0) {
    failed = 1;
    notes.push(`no test failed, but playwright exited with code ${code}: see the output above`);
  }
  return close("e2e", passed, failed, stats.skipped ?? 0, notes.join("; "));
}

/** Every story in a Playwright JSON report, with its file, outcome and first error line. */
function* storyOutcomes(suites) {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const message = (test.results ?? []).find((result) => result.error)?.error?.message ?? "";
        yield {
          file: spec.file ?? suite.file,
          title: spec.title,
          status: test.status,
          error: stripVTControlCharacters(message).split("\n")[0],
        };
      }
    }
    yield* storyOutcomes(suite.suites ?? []);
  }
}

/** Prints the closing line of one part; true when it passed. */
function close(label, passed, failed, skipped, note) {
  let line = `${label}: ${passed} passed, ${failed} failed`;
  if (skipped > 0) line += `, ${skipped} skipped`;
  if (note) line += ` (${note})`;
  closing.push(line);
  console.log(`\n${line}`);
  return failed === 0;
}

function run(command, commandArgs, extraEnv = {}) {
  return new Promise((resolve) => {
    console.log(`$ ${command} ${commandArgs.join(" ")}`);
    // Its own process group, so a signal reaches the runner behind npx's wrappers too.
    const child = spawn(command, commandArgs, {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, ...extraEnv },
      detached: true,
    });
    current = child;
    child.on("error", (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on("close", (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function stop(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** The first of `count` consecutive ports that are all free now. */
async function freePortRun(count) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 20_000);
    const ports = Array.from({ length: count }, (_, index) => first + index);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return first;
  }
  throw new Error(`No ${count} consecutive free ports found`);
}

function isFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.on("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** As test/e2e/story-servers.ts counts them. */
function storyWorkers() {
  return Math.max(1, Number(process.env.E2E_WORKERS ?? 2));
}

function heading(text) {
  console.log(`\n=== ${text}\n`);
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function isTrue(value) {
  return Boolean(value) && !["0", "false", "no"].includes(String(value).toLowerCase());
}

function finish(code) {
  if (closing.length > 1) {
    console.log(`\n${closing.join("\n")}`);
  }
  rmSync(reports, { recursive: true, force: true });
  process.exit(code);
}
