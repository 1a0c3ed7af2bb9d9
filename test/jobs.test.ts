import type { KyselyPlugin } from "kysely";
import { expect, test } from "vitest";
import { startBackgroundLoop } from "../jobs.ts";
import { loadEnv } from "~/utils/env.server.ts";
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
  const loop = startBackgroundLoop(db.withPlugin(breakSessions), env, (line) => lines.push(line));
  try {
    await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThan(0);
  } finally {
    await loop.stop();
  }
  const [line = ""] = lines;
  expect(line).toContain("background: prune expired rows failed: Error: sessions are unreachable");
  // The frames say where it broke, down to the model function.
  expect(line).toMatch(/\n\s+at .*pruneExpiredSessions/);
});
