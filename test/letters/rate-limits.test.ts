import { expect, test } from "vitest";
import { takeRateLimits } from "~/utils/rate-limit.server.ts";
import { openTestDb } from "../db.ts";

const { db } = await openTestDb();
let n = 0;
const bucket = (label: string) => `test-${label}-${process.pid}-${++n}`;
const events = async (name: string) =>
  (await db.selectFrom("rate_limit_events").select("id").where("bucket", "=", name).execute()).length;

test("all limits must allow, and none is spent unless all do", async () => {
  const a = bucket("a");
  const b = bucket("b");
  const tight = { limit: 1, windowMs: 60_000 };
  const loose = { limit: 5, windowMs: 60_000 };
  expect(
    await takeRateLimits(db, [
      [a, loose],
      [b, tight],
    ]),
  ).toBe(true);
  expect(
    await takeRateLimits(db, [
      [a, loose],
      [b, tight],
    ]),
  ).toBe(false);
  expect(await events(a)).toBe(1);
  expect(await events(b)).toBe(1);
  expect(await takeRateLimits(db, [])).toBe(true);
});

test("each limit counts in its own window; one hit is one event even when a bucket has two limits", async () => {
  const a = bucket("windows");
  await db
    .insertInto("rate_limit_events")
    .values([{ bucket: a, created_at: new Date(Date.now() - 30_000) }])
    .execute();
  const burst = { limit: 1, windowMs: 10_000 };
  const sustained = { limit: 2, windowMs: 5 * 60_000 };
  expect(
    await takeRateLimits(db, [
      [a, burst],
      [a, sustained],
    ]),
  ).toBe(true);
  expect(await events(a)).toBe(2);
  await db
    .updateTable("rate_limit_events")
    .set({ created_at: new Date(Date.now() - 20_000) })
    .where("bucket", "=", a)
    .execute();
  // The burst window is clear again, but the five-minute one is full.
  expect(
    await takeRateLimits(db, [
      [a, burst],
      [a, sustained],
    ]),
  ).toBe(false);
});

test("parallel takes cannot race past a limit, and buckets in either order do not deadlock", async () => {
  const a = bucket("race-a");
  const b = bucket("race-b");
  const limit = { limit: 3, windowMs: 60_000 };
  const results = await Promise.all(
    Array.from({ length: 16 }, (_, i) =>
      takeRateLimits(
        db,
        i % 2
          ? [
              [a, limit],
              [b, limit],
            ]
          : [
              [b, limit],
              [a, limit],
            ],
      ),
    ),
  );
  expect(results.filter(Boolean)).toHaveLength(3);
  expect(await events(a)).toBe(3);
  expect(await events(b)).toBe(3);
});
