import pino from "pino";
import type { KyselyPlugin } from "kysely";
import { describe, expect, it } from "vitest";
import { startBackgroundLoop } from "../../jobs.ts";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { loadEnv } from "~/utils/env.server.ts";
import { openTestDb } from "../db.ts";
import { runsOf } from "./helpers.ts";

const { db } = await openTestDb();
const quiet = { log: pino({ level: "silent" }) };

/** The database as one loop sees it, noting each statement the loop sends through it. */
function watched(database: Db) {
  const statements: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      statements.push(JSON.stringify(node));
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return {
    db: database.withPlugin(plugin),
    mentions: (table: string) => statements.some((statement) => statement.includes(`"${table}"`)),
  };
}

describe("the background loop", () => {
  it("imports open consultations once a day, in two processes at once", async () => {
    const env = loadEnv({ NODE_ENV: "test", WORKER_INTERVAL_MS: "20", CITIZEN_SPACE_SITES: "" });
    const views = [watched(db), watched(db)];
    const loops = views.map((view) => startBackgroundLoop(view.db, env, quiet));
    try {
      await expect
        .poll(async () => (await runsOf(db)).map((run) => [run.key, run.trigger, run.status]), {
          timeout: 10_000,
        })
        .toEqual([["govuk", "scheduled", "succeeded"]]);
      // Both loops have had their turn: each has looked at the day's runs.
      await expect
        .poll(() => views.every((view) => view.mentions("consultation_sync_runs")), { timeout: 10_000 })
        .toBe(true);
    } finally {
      // Stopping waits for the task in flight, so every turn has ended before the count.
      await Promise.all(loops.map((loop) => loop.stop()));
    }
    expect(await runsOf(db)).toHaveLength(1);
    expect(await db.selectFrom("consultations").select("id").execute()).toHaveLength(4);
  });

  it("is off when CONSULTATION_DAILY_SYNC is false", async () => {
    await db.deleteFrom("consultation_sync_runs").execute();
    // Sending email is the last task of a round, after the import's place: with SMTP_URL on the
    // discard port, where nothing listens, the failed send shows the loop has been all the way round.
    const env = loadEnv({
      NODE_ENV: "test",
      WORKER_INTERVAL_MS: "20",
      CONSULTATION_DAILY_SYNC: "false",
      SMTP_URL: "smtp://127.0.0.1:9",
    });
    const { id } = await enqueueEmail(db, {
      to: "someone@example.org",
      template: "sign-in",
      props: { name: "Someone", link: "http://localhost:3000/login/verify?token=x", minutes: 10 },
    });
    const view = watched(db);
    const loop = startBackgroundLoop(view.db, env, quiet);
    try {
      await expect
        .poll(
          async () =>
            (
              await db
                .selectFrom("email_outbox")
                .select("last_error")
                .where("id", "=", id)
                .executeTakeFirstOrThrow()
            ).last_error,
          { timeout: 10_000 },
        )
        .not.toBeNull();
    } finally {
      await loop.stop();
    }
    expect(view.mentions("consultation_sync_runs")).toBe(false);
    expect(await runsOf(db)).toHaveLength(0);
  });
});
