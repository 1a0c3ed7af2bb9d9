import type { KyselyPlugin } from "kysely";
import pino from "pino";
import { expect, test } from "vitest";
import { startBackgroundLoop } from "../jobs.ts";
import { loadEnv } from "~/utils/env.server.ts";
import { createMetrics } from "~/utils/metrics.server.ts";
import { openTestDb } from "./db.ts";

const { db } = await openTestDb();

test("a background task that fails is logged with its stack, and the loop goes on", async () => {
  // Every statement that touches sessions fails, as a broken table or a lost connection would.
  const breakSessions: KyselyPlugin = {
    transformQuery({ node }) {
      if (JSON.stringify(node).includes('"sessions"')) throw new Error("sessions are unreachable");
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  const lines: string[] = [];
  const env = loadEnv({ NODE_ENV: "test", WORKER_INTERVAL_MS: "20", CONSULTATION_DAILY_SYNC: "false" });
  const log = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  const metrics = createMetrics({
    outbox: async () => ({ pending: 0, oldestPendingAgeSeconds: null }),
    pool: () => null,
  });
  const loop = startBackgroundLoop(db.withPlugin(breakSessions), env, { log, metrics });
  try {
    await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThan(0);
  } finally {
    await loop.stop();
  }
  const entry: unknown = JSON.parse(lines[0] ?? "{}");
  expect(entry).toMatchObject({
    msg: "background task failed",
    task: "prune expired rows",
    err: { message: "sessions are unreachable" },
  });
  // The frames say where it broke, down to the model function.
  expect(JSON.stringify(entry)).toMatch(/\\n\s+at .*pruneExpiredSessions/);
  const text = await metrics.registry.metrics();
  expect(text).toMatch(/background_task_failures_total\{task="prune expired rows"\} 1/);
  expect(text).toMatch(/background_task_runs_total\{task="prune expired rows"\} 1/);
});

test("an outside source that cannot be reached is one warning without a stack, and the loop goes on", async () => {
  const lines: string[] = [];
  // Nothing listens on port 1: the fetch fails at once, as it does on a machine with no network.
  const env = loadEnv({
    NODE_ENV: "test",
    WORKER_INTERVAL_MS: "20",
    CONSULTATION_DAILY_SYNC: "true",
    GOVUK_API_URL: "http://127.0.0.1:1",
  });
  const log = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  const loop = startBackgroundLoop(db, env, { log });
  const bankHolidays = () =>
    lines
      .map((line): unknown => JSON.parse(line))
      .filter((entry) => JSON.stringify(entry).includes("bank holidays"));
  try {
    await expect.poll(() => bankHolidays().length, { timeout: 10_000 }).toBeGreaterThan(0);
  } finally {
    await loop.stop();
  }
  expect(bankHolidays()[0]).toMatchObject({
    level: 40,
    msg: "outside source unavailable: will try again",
    task: "load bank holidays",
    reason: expect.stringMatching(/GOV\.UK bank holidays could not be read/),
  });
  expect(JSON.stringify(bankHolidays())).not.toMatch(/\\n\s+at /);
});
