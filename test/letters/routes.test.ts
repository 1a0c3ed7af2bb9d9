import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { closeLetter } from "~/models/letters/lifecycle.server.ts";
import { signLetter } from "~/models/letters/signing.server.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import {
  createDraft,
  createOpenLetter,
  createOrgWithLeader,
  createStaff,
  formKey,
  invitationToken,
} from "./factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);

describe("the public page", () => {
  test("is cacheable for anonymous readers, answers 304 to a matching validator, and is private when signed in", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [leader]);
    const page = `/letters/${letter.slug}`;

    const first = await site.get(page);
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe(
      "public, max-age=5, s-maxage=1, stale-while-revalidate=30",
    );
    expect(first.headers.get("Vary")).toBe("Cookie");
    const etag = first.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^W\/".+-public"$/);

    const notModified = await site.get(page, { headers: { "If-None-Match": etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("ETag")).toBe(etag);

    // A signature changes the page, so the old validator no longer matches.
    const token = await invitationToken(db, leader.email);
    const signed = await site.post(
      `${page}/sign?token=${token}`,
      { intent: "sign", formKey: formKey() },
      { ip: "192.0.2.200" },
    );
    expect(signed.status).toBe(303);
    const changed = await site.get(page, { headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);

    const signedIn = await site.get(page, { as: leader });
    expect(signedIn.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(signedIn.headers.get("ETag")).toContain(`-u${leader.id}"`);
    expect((await site.load(page, { as: leader })).data).toMatchObject({
      viewer: { isLeader: true, organisationSigned: leader.name },
    });
  });

  test("drafts are not public; a withdrawn letter is gone (410) without its signatories", async () => {
    const draft = await createDraft(db, staff);
    expect((await site.get(`/letters/${draft.slug}`)).status).toBe(404);
    const open = await createOpenLetter(db, staff, []);
    await site.post(
      `/manage/letters/${open.id}?index`,
      { intent: "withdraw", reason: "Superseded" },
      { as: staff },
    );
    const gone = await site.load(`/letters/${open.slug}`);
    expect(gone.status).toBe(410);
    expect(gone.data).toMatchObject({ signatories: [], count: 0 });
  });
});

describe("the signing page", () => {
  test("someone with neither a link nor a session is sent to sign in first", async () => {
    const letter = await createOpenLetter(db, staff, []);
    const result = await site.get(`/letters/${letter.slug}/sign`);
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/login?redirectTo=%2Fletters%2F${letter.slug}%2Fsign`);
  });

  test("staff, member contacts and the public cannot sign through the page", async () => {
    const { member } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, []);
    const signPage = `/letters/${letter.slug}/sign`;
    for (const person of [staff, member]) {
      expect((await site.get(signPage, { as: person })).status).toBe(403);
      const posted = await site.post(signPage, { intent: "sign", formKey: formKey() }, { as: person });
      expect(posted.status).toBe(403);
    }
    const anonymous = await site.post(signPage, { intent: "sign", formKey: formKey() });
    expect(anonymous.status).toBe(302);
    const rows = await db
      .selectFrom("letter_signatures")
      .select("id")
      .where("letter_id", "=", letter.id)
      .execute();
    expect(rows).toEqual([]);
  });

  test("signing by link redirects back with the token; a bad form is a 400; the page is never cached", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [leader]);
    const token = await invitationToken(db, leader.email);
    const path = `/letters/${letter.slug}/sign?token=${token}`;
    const document = await site.get(path);
    expect(document.status).toBe(200);
    expect(document.headers.get("Cache-Control")).toBe("private, no-store");
    const page = await site.load(path);
    expect(page.data).toMatchObject({ signing: { signer: { name: leader.name }, signature: null } });

    const bad = await site.post(path, { intent: "sign", formKey: "x" });
    expect(bad.status).toBe(400);
    const signed = await site.post(
      path,
      { intent: "sign", formKey: String(page.data.formKey) },
      { ip: "192.0.2.201" },
    );
    expect(signed.status).toBe(303);
    expect(signed.location).toBe(`/letters/${letter.slug}/sign?token=${token}&done=signed`);

    const spent = await site.load(`/letters/${letter.slug}/sign?token=not-a-real-token-0123456789`);
    expect(spent.status).toBe(400);
    expect(spent.data).toMatchObject({ linkProblem: { open: true } });
  });
});

describe("staff pages", () => {
  test("member leaders cannot reach them", async () => {
    const { leader } = await createOrgWithLeader(db);
    expect((await site.get("/manage/letters/new", { as: leader })).status).toBe(403);
  });

  test("a bad draft is a 400 that keeps the typing; a bad id is a 404", async () => {
    const result = await site.post(
      "/manage/letters/new",
      { title: "  ", addressee: "The Minister", body: "Text", signatureGoal: "lots" },
      { as: staff },
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: { title: "Enter a title", signatureGoal: "Enter the goal as a whole number, like 50" },
      values: { addressee: "The Minister", body: "Text" },
    });
    expect((await site.get("/manage/letters/abc", { as: staff })).status).toBe(404);
  });

  test("the closing date comes as day, month and year boxes; a date that is not real is a field error", async () => {
    const draft = {
      title: `Boxes ${Date.now()}`,
      addressee: "The Minister",
      body: "Text",
      signatureGoal: "",
    };
    const wrong = await site.post(
      "/manage/letters/new",
      { ...draft, "closesOn-day": "31", "closesOn-month": "4", "closesOn-year": "2099" },
      { as: staff },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({
      errors: { closesOn: expect.stringContaining("real date") },
      values: { "closesOn-day": "31", "closesOn-month": "4", "closesOn-year": "2099" },
    });
    const made = await site.post(
      "/manage/letters/new",
      { ...draft, "closesOn-day": "30", "closesOn-month": "4", "closesOn-year": "2099" },
      { as: staff },
    );
    expect(made.status).toBe(303);
    const saved = await db
      .selectFrom("letters")
      .select("closes_at")
      .where("title", "=", draft.title)
      .executeTakeFirstOrThrow();
    expect(saved.closes_at?.toISOString().slice(0, 10)).toMatch(/^2099-(04-30|05-01)$/);
  });

  test("opening for chosen nations needs a nation; closing twice is a 409 with a message", async () => {
    const draft = await createDraft(db, staff);
    const refused = await site.post(
      `/manage/letters/${draft.id}/open`,
      { audience: "nations" },
      { as: staff },
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ errors: { nation: "Choose at least one nation" } });

    const letter = await createOpenLetter(db, staff, []);
    const close = () => site.post(`/manage/letters/${letter.id}?index`, { intent: "close" }, { as: staff });
    expect((await close()).status).toBe(303);
    const again = await close();
    expect(again.status).toBe(409);
    expect(again.data).toMatchObject({ refusal: "This letter is closed, so it cannot be closed." });
  });

  test("delivery needs a method and a date not in the future; documents download as stored, for staff only", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [leader]);
    await signLetter(db, {
      slug: letter.slug,
      signer: { via: "session", actor: leader },
      formKey: formKey(),
      ip: "192.0.2.202",
      appUrl: site.url,
    });
    await closeLetter(db, staff, letter.id);
    const refused = await site.post(
      `/manage/letters/${letter.id}/deliver`,
      { recipient: "HM Treasury", deliveredOn: "2999-01-01" },
      { as: staff },
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      errors: {
        method: "Choose how the letter was delivered",
        deliveredOn: "The delivery date cannot be in the future",
      },
    });

    const documents = `/manage/letters/${letter.id}/documents`;
    const response = await site.get(`${documents}/pdf`, { as: staff });
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("X-Content-SHA256")).toBe(
      createHash("sha256").update(response.bytes).digest("hex"),
    );
    expect((await site.get(`${documents}/pdf`, { as: leader })).status).toBe(403);
    expect((await site.get(`${documents}/docx`, { as: staff })).status).toBe(404);
  });
});
