import { describe, expect, it } from "vitest";
import { startBackgroundLoop } from "../../jobs.ts";
import { loadEnv } from "~/utils/env.server.ts";
import { openTestDb } from "../db.ts";
import { runsOf } from "./helpers.ts";

const { db } = await openTestDb();

describe("the background loop", () => {
  it("imports open consultations once a day, in two processes at once", async () => {
    const env = loadEnv({ NODE_ENV: "test", WORKER_INTERVAL_MS: "20", CITIZEN_SPACE_SITES: "" });
    const quiet = () => undefined;
    const loops = [startBackgroundLoop(db, env, quiet), startBackgroundLoop(db, env, quiet)];
    try {
      await expect
        .poll(async () => (await runsOf(db)).map((run) => [run.key, run.trigger, run.status]), {
          timeout: 10_000,
        })
        .toEqual([["govuk", "scheduled", "succeeded"]]);
      // Both loops have had their turn: still one run for the day.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await runsOf(db)).toHaveLength(1);
      expect(await db.selectFrom("consultations").select("id").execute()).toHaveLength(4);
    } finally {
      await Promise.all(loops.map((loop) => loop.stop()));
    }
  });

  it("is off when CONSULTATION_DAILY_SYNC is false", async () => {
    await db.deleteFrom("consultation_sync_runs").execute();
    const env = loadEnv({ NODE_ENV: "test", WORKER_INTERVAL_MS: "20", CONSULTATION_DAILY_SYNC: "false" });
    const loop = startBackgroundLoop(db, env, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await loop.stop();
    expect(await runsOf(db)).toHaveLength(0);
  });
});
