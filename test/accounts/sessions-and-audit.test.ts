import { describe, expect, test } from "vitest";
import { createPerson } from "~/models/accounts/people.server.ts";
import { createSession } from "~/models/accounts/sessions.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { loadEnv } from "~/utils/env.server.ts";
import { describeDevice } from "~/utils/user-agent.ts";
import { uniqueEmail } from "../context.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const env = loadEnv({ NODE_ENV: "test" });
const admin = await createPerson(db, null, {
  email: uniqueEmail("admin"),
  name: "Alex Morgan",
  role: "admin",
});
const newStaff = (name = "Priya Shah") =>
  createPerson(db, null, { email: uniqueEmail("staff"), name, role: "staff" });

const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const iphone =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

describe("a person's sessions", () => {
  test("lists each with its device, sign-in and last activity, and ends any of them", async () => {
    const person = await newStaff();
    const here = await createSession(db, person.id, env, firefox);
    await createSession(db, person.id, env, iphone);
    const cookie = { headers: { Cookie: await site.cookieOf(here) } };
    const page = await site.load("/account", cookie);
    const sessions = page.data.sessions;
    expect(sessions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ device: "Firefox on Windows", current: true }),
        expect.objectContaining({ device: "Safari on iOS", current: false }),
      ]),
    );
    const phone = Array.isArray(sessions) ? sessions.find((session) => session.current === false) : undefined;
    const ended = await site.post(
      "/account",
      { intent: "end-session", session: String(phone?.number) },
      cookie,
    );
    expect(ended.status).toBe(200);
    const left = await db
      .selectFrom("sessions")
      .select("user_agent")
      .where("person_id", "=", person.id)
      .execute();
    expect(left).toEqual([{ user_agent: firefox }]);
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_id", "before"])
      .where("action", "=", "session.ended")
      .where("subject_id", "=", String(person.id))
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: person.id, before: { device: "Safari on iOS" } });
  });

  test("someone else's session is not found and stays", async () => {
    const person = await newStaff();
    const other = await newStaff();
    await createSession(db, other.id, env, iphone);
    const { number } = await db
      .selectFrom("sessions")
      .select("number")
      .where("person_id", "=", other.id)
      .executeTakeFirstOrThrow();
    const refused = await site.post(
      "/account",
      { intent: "end-session", session: String(number) },
      { as: person },
    );
    expect(refused.status).toBe(404);
    const kept = await db.selectFrom("sessions").select("number").where("person_id", "=", other.id).execute();
    expect(kept).toHaveLength(1);
    const bad = await site.post("/account", { intent: "end-session", session: "1e30" }, { as: person });
    expect(bad.status).toBe(400);
  });

  test("devices are named from the user agent", () => {
    expect(describeDevice(null)).toBe("Unknown device");
    expect(
      describeDevice(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      ),
    ).toBe("Edge on macOS");
    expect(
      describeDevice("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"),
    ).toBe("Chrome on Android");
    expect(describeDevice("curl/8.5.0")).toBe("Unknown browser");
  });
});

describe("the audit log for administrators", () => {
  async function seedLog() {
    const actor = await newStaff(`Auditor ${Math.random().toString(36).slice(2, 8)}`);
    const subjectId = `=HYPERLINK("http://evil.example")-${actor.id}`;
    await writeAudit(db, {
      actorId: actor.id,
      action: "test.first",
      subjectType: "widget",
      subjectId,
      after: { n: 1 },
    });
    await writeAudit(db, { actorId: actor.id, action: "test.second", subjectType: "widget", subjectId: "7" });
    await writeAudit(db, { actorId: null, action: "test.first", subjectType: "gadget", subjectId: "8" });
    return { actor, subjectId };
  }

  test("filters by who, what, object and time, with paging", async () => {
    const { actor, subjectId } = await seedLog();
    const byWho = await site.load(`/admin/audit?who=${encodeURIComponent(actor.name.toLowerCase())}`, {
      as: admin,
    });
    expect(byWho.status).toBe(200);
    expect(byWho.data).toMatchObject({ total: 2 });
    const byWhat = await site.load(`/admin/audit?who=${encodeURIComponent(actor.email)}&action=test.first`, {
      as: admin,
    });
    expect(byWhat.data).toMatchObject({ total: 1, entries: [{ action: "test.first", subjectId }] });
    const byObject = await site.load("/admin/audit?subjectType=gadget&subjectId=8", { as: admin });
    expect(byObject.data).toMatchObject({ total: 1, entries: [{ actor: null, action: "test.first" }] });
    const today = new Date().toISOString().slice(0, 10);
    const inRange = await site.load(`/admin/audit?action=test.second&from=2020-01-01&to=${today}`, {
      as: admin,
    });
    expect(inRange.data).toMatchObject({ total: expect.any(Number) });
    expect(Number(inRange.data.total)).toBeGreaterThanOrEqual(1);
    const before = await site.load("/admin/audit?action=test.second&to=2020-01-01", { as: admin });
    expect(before.data).toMatchObject({ total: 0, entries: [] });
    // "%" is a letter in the search, not a wildcard.
    const wildcard = await site.load("/admin/audit?who=%25", { as: admin });
    expect(wildcard.data).toMatchObject({ total: 0 });

    for (let index = 0; index < 55; index++) {
      await writeAudit(db, {
        actorId: actor.id,
        action: "test.paged",
        subjectType: "widget",
        subjectId: String(index),
      });
    }
    const second = await site.load("/admin/audit?action=test.paged&page=2", { as: admin });
    expect(second.data).toMatchObject({ total: 55, page: 2 });
    expect(second.data.entries).toHaveLength(5);
  });

  test("bad filters are a 400 with the typing kept", async () => {
    const answer = await site.load("/admin/audit?from=2026-02-30&who=Ann", { as: admin });
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({
      values: { who: "Ann", from: "2026-02-30" },
      errors: { from: expect.any(String) },
    });
    const backwards = await site.load("/admin/audit?from=2026-12-04&to=2026-12-01", { as: admin });
    expect(backwards.status).toBe(400);
    expect((await site.get("/admin/audit.csv?from=nonsense", { as: admin })).status).toBe(400);
  });

  test("exports the filtered log as CSV with formulas neutralised", async () => {
    const { actor } = await seedLog();
    const csv = await site.get(`/admin/audit.csv?who=${encodeURIComponent(actor.email)}`, { as: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Cache-Control")).toBe("no-store");
    const lines = csv.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("id,at,who,who_email,action,object_type,object_id,before,after");
    expect(lines).toHaveLength(3);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"")-${actor.id}"`);
    expect(csv.text).toContain(`"{""n"":1}"`);
    expect(csv.text).not.toContain("gadget");
  });

  test("only administrators reach the log and its export", async () => {
    const staff = await newStaff();
    expect((await site.get("/admin/audit", { as: staff })).status).toBe(403);
    expect((await site.get("/admin/audit.csv", { as: staff })).status).toBe(403);
    expect((await site.get("/admin/security", { as: staff })).status).toBe(403);
    expect((await site.get("/admin/audit")).status).toBe(302);
  });
});
