import { beforeEach, expect, test } from "vitest";
import { enqueueJob, JobFailure, latestJobs, runDueJobs } from "~/utils/background-jobs.server.ts";
import { openTestDb } from "./db.ts";

const { db } = await openTestDb();

beforeEach(async () => {
  await db.deleteFrom("background_jobs").execute();
});

const stateOf = async (id: number) =>
  db
    .selectFrom("background_jobs")
    .select(["state", "progress", "error", "attempts"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

test("a job runs once, in order, with its progress and last word kept", async () => {
  const first = await enqueueJob(db, { kind: "postcode_lookup", args: { n: 1 }, requestedBy: null });
  const second = await enqueueJob(db, { kind: "postcode_lookup", args: { n: 2 }, requestedBy: null });
  const seen: unknown[] = [];
  const ran = await runDueJobs(db, "postcode_lookup", async ({ job, progress }) => {
    seen.push(job.args);
    await progress("half way");
    expect((await stateOf(job.id)).state).toBe("running");
    return `finished ${seen.length}`;
  });
  expect(ran).toBe(2);
  expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  expect(await stateOf(first.id)).toEqual({
    state: "done",
    progress: "finished 1",
    error: null,
    attempts: 1,
  });
  expect((await stateOf(second.id)).progress).toBe("finished 2");
  expect(await runDueJobs(db, "postcode_lookup", async () => "again")).toBe(0);
});

test("two loops at once never run the same job", async () => {
  for (let i = 0; i < 6; i++) await enqueueJob(db, { kind: "consultation_sync", requestedBy: null });
  const runs: number[] = [];
  const loop = () =>
    runDueJobs(db, "consultation_sync", async ({ job }) => {
      runs.push(job.id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return null;
    });
  await Promise.all([loop(), loop()]);
  expect(runs).toHaveLength(6);
  expect(new Set(runs).size).toBe(6);
});

test("an expected failure is kept for the page; a fault is kept and thrown for the log", async () => {
  const expected = await enqueueJob(db, { kind: "postcode_lookup", requestedBy: null });
  await runDueJobs(db, "postcode_lookup", async () => {
    throw new JobFailure("postcodes.io did not answer");
  });
  expect(await stateOf(expected.id)).toMatchObject({ state: "failed", error: "postcodes.io did not answer" });

  const fault = await enqueueJob(db, { kind: "postcode_lookup", requestedBy: null });
  await expect(
    runDueJobs(db, "postcode_lookup", async () => {
      throw new Error("bug");
    }),
  ).rejects.toThrow("bug");
  expect(await stateOf(fault.id)).toMatchObject({ state: "failed", error: "bug" });
});

test("a job whose process died is run again once its claim runs out, and given up after three tries", async () => {
  const job = await enqueueJob(db, { kind: "postcode_lookup", requestedBy: null });
  // Claimed by a process that then died: running, its claim long over.
  const died = async () =>
    db
      .updateTable("background_jobs")
      .set((eb) => ({
        state: "running",
        locked_until: new Date(Date.now() - 1000),
        attempts: eb("attempts", "+", 1),
      }))
      .where("id", "=", job.id)
      .execute();
  await died();
  expect(await runDueJobs(db, "postcode_lookup", async () => "second try")).toBe(1);
  expect(await stateOf(job.id)).toMatchObject({ state: "done", progress: "second try", attempts: 2 });

  await db.updateTable("background_jobs").set({ attempts: 2 }).where("id", "=", job.id).execute();
  await died();
  let ran = false;
  await runDueJobs(db, "postcode_lookup", async () => {
    ran = true;
    return null;
  });
  expect(ran).toBe(false);
  const [latest] = await latestJobs(db, "postcode_lookup");
  expect(latest).toMatchObject({ state: "failed", error: expect.stringMatching(/too many times/) });
});
