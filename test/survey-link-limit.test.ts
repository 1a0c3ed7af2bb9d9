import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { createLinkGuard, surveyLinkFailuresPerIp, surveyLinkToken } from "~/utils/link-guard.server.ts";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";
import {
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "./surveys/factories.ts";

/** A link of the right shape that no one was sent: what a guesser tries. */
const guess = () => randomBytes(32).toString("base64url");
const { limit, windowMs } = surveyLinkFailuresPerIp;

describe("the survey link guard", () => {
  test("reads the token from a page, a section or a single-fetch address, and nothing else", () => {
    expect(surveyLinkToken("/s/abc")).toBe("abc");
    expect(surveyLinkToken("/s/abc/2")).toBe("abc");
    expect(surveyLinkToken("/s/abc.data")).toBe("abc");
    expect(surveyLinkToken("/s/abc/check.data")).toBe("abc");
    expect(surveyLinkToken("/surveys/1")).toBeNull();
  });

  test("an address waits once it has failed `limit` times within the window, until the oldest ages out", () => {
    const guard = createLinkGuard({ limit: 3, windowMs: 60_000 });
    const start = 1_000_000;
    for (let n = 0; n < 3; n++) {
      expect(guard.waitFor("192.0.2.1", guess(), start + n * 1000)).toBeNull();
      guard.failed("192.0.2.1", start + n * 1000);
    }
    expect(guard.waitFor("192.0.2.1", guess(), start + 2000)).toBe(58);
    expect(guard.waitFor("192.0.2.2", guess(), start + 2000)).toBeNull();
    // The first failure leaves the window: one more try is allowed.
    expect(guard.waitFor("192.0.2.1", guess(), start + 60_001)).toBeNull();
  });

  test("holds at most the addresses it is given room for", () => {
    const guard = createLinkGuard({ limit: 1, windowMs: 60_000 }, { maxAddresses: 2 });
    for (const ip of ["a", "b", "c"]) guard.failed(ip, 0);
    expect(guard.waitFor("a", guess(), 1)).toBeNull();
    expect(guard.waitFor("c", guess(), 1)).not.toBeNull();
  });
});

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);
await createMemberOrg(db, { serviceArea: "culture" });
await createMemberOrg(db, { serviceArea: "culture" });
const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["culture"] });
const [used, unused] = [...(await openAndCollectTokens(db, staff, survey.id)).tokens.values()];

describe("survey links over HTTP", () => {
  test(`after ${limit} bad links an address gets a plain 429 with Retry-After; good links still open`, async () => {
    if (!used || !unused) throw new Error("two invitations");
    const flooder = "198.51.100.7";
    expect((await site.get(`/s/${used}`, { ip: flooder })).status).toBe(200);
    for (let n = 0; n < limit; n++)
      expect((await site.get(`/s/${guess()}`, { ip: flooder })).status).toBe(404);

    for (const path of [`/s/${guess()}`, `/s/${guess()}/1`, `/s/${guess()}/check`]) {
      const refused = await site.get(path, { ip: flooder });
      expect(refused.status, path).toBe(429);
      expect(refused.headers.get("Content-Type")).toMatch(/^text\/plain/);
      const wait = Number(refused.headers.get("Retry-After"));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(windowMs / 1000);
      expect(refused.text).toMatch(/Try again in \d+ minutes/);
    }
    expect((await site.load(`/s/${guess()}`, { ip: flooder })).status).toBe(429);
    expect((await site.post(`/s/${guess()}/1`, { version: "0" }, { ip: flooder })).status).toBe(429);

    // A link that has opened before still opens from the waiting address; other addresses are untouched.
    expect((await site.get(`/s/${used}`, { ip: flooder })).status).toBe(200);
    expect((await site.get(`/s/${unused}`, { ip: "198.51.100.8" })).status).toBe(200);
    expect((await site.get(`/s/${guess()}`, { ip: "198.51.100.9" })).status).toBe(404);
  });

  test("good links never count: one address opening many is never slowed", async () => {
    if (!used) throw new Error("invitation");
    for (let n = 0; n < limit + 5; n++)
      expect((await site.get(`/s/${used}`, { ip: "203.0.113.50" })).status).toBe(200);
  });
});
