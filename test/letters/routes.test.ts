import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { closeLetter } from "~/models/letters/lifecycle.server.ts";
import { signLetter } from "~/models/letters/signing.server.ts";
import type { Person } from "~/models/accounts/people.server.ts";
import * as documentRoute from "~/routes/manage.letters.$id.documents.$kind.ts";
import * as deliverRoute from "~/routes/manage.letters.$id.deliver.tsx";
import * as openRoute from "~/routes/manage.letters.$id.open.tsx";
import * as overviewRoute from "~/routes/manage.letters.$id._index.tsx";
import * as newRoute from "~/routes/manage.letters.new.tsx";
import * as publicRoute from "~/routes/letters.$slug.tsx";
import * as signRoute from "~/routes/letters.$slug_.sign.tsx";
import { createSession, sessionCookie } from "~/models/accounts/sessions.server.ts";
import { formRequest, testContext } from "../context.ts";
import { openTestDb } from "../db.ts";
import {
  createDraft,
  createOpenLetter,
  createOrgWithLeader,
  createStaff,
  formKey,
  invitationToken,
} from "./factories.ts";

const { db } = await openTestDb();
const context = testContext(db);
const staff = await createStaff(db);

async function cookieFor(person: Person): Promise<string> {
  const id = await createSession(db, person.id, context.env);
  const header = await sessionCookie(context.env).serialize(id);
  return header.split(";")[0] ?? "";
}

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(new URL(path, "http://localhost:3000"), { headers });

/** Runs a loader or action and gives back the Response it returned or threw, or its data. */
async function run<T>(work: () => Promise<T>): Promise<{ status: number; headers: Headers; body: unknown }> {
  try {
    const result: unknown = await work();
    if (result instanceof Response) return { status: result.status, headers: result.headers, body: null };
    if (isDataWithInit(result)) {
      return {
        status: result.init?.status ?? 200,
        headers: new Headers(result.init?.headers),
        body: result.data,
      };
    }
    return { status: 200, headers: new Headers(), body: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, headers: thrown.headers, body: null };
    throw thrown;
  }
}

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return (
    typeof value === "object" && value !== null && "type" in value && value.type === "DataWithResponseInit"
  );
}

describe("the public page", () => {
  test("is cacheable for anonymous readers, answers 304 to a matching validator, and is private when signed in", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [leader]);
    const args = (request: Request) => ({ request, params: { slug: letter.slug }, context });

    const first = await run(() => publicRoute.loader(args(get(`/letters/${letter.slug}`))));
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe(
      "public, max-age=5, s-maxage=1, stale-while-revalidate=30",
    );
    expect(first.headers.get("Vary")).toBe("Cookie");
    const etag = first.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^W\/".+-public"$/);

    const notModified = await run(() =>
      publicRoute.loader(args(get(`/letters/${letter.slug}`, { "If-None-Match": etag }))),
    );
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("ETag")).toBe(etag);

    // A signature changes the page, so the old validator no longer matches.
    await signLetter(db, {
      slug: letter.slug,
      signer: { via: "link", token: await invitationToken(db, leader.email) },
      formKey: formKey(),
      ip: "192.0.2.200",
      appUrl: context.appUrl,
    });
    const changed = await run(() =>
      publicRoute.loader(args(get(`/letters/${letter.slug}`, { "If-None-Match": etag }))),
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);

    const leaderCookie = await cookieFor(leader);
    const signedIn = await run(() =>
      publicRoute.loader(args(get(`/letters/${letter.slug}`, { Cookie: leaderCookie }))),
    );
    expect(signedIn.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(signedIn.headers.get("ETag")).toContain(`-u${leader.id}"`);
    expect(signedIn.body).toMatchObject({ viewer: { isLeader: true, organisationSigned: leader.name } });
  });

  test("drafts are not public; a withdrawn letter is gone (410) without its signatories", async () => {
    const draft = await createDraft(db, staff);
    const missing = await run(() =>
      publicRoute.loader({ request: get(`/letters/${draft.slug}`), params: { slug: draft.slug }, context }),
    );
    expect(missing.status).toBe(404);
    const open = await createOpenLetter(db, staff, []);
    await overviewRoute.action({
      request: formRequest(
        `/manage/letters/${open.id}?index`,
        { intent: "withdraw", reason: "Superseded" },
        { Cookie: await cookieFor(staff) },
      ),
      params: { id: String(open.id) },
      context,
    });
    const gone = await run(() =>
      publicRoute.loader({ request: get(`/letters/${open.slug}`), params: { slug: open.slug }, context }),
    );
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ signatories: [], count: 0 });
  });
});

describe("the signing page", () => {
  test("someone with neither a link nor a session is sent to sign in first", async () => {
    const letter = await createOpenLetter(db, staff, []);
    const result = await run(() =>
      signRoute.loader({
        request: get(`/letters/${letter.slug}/sign`),
        params: { slug: letter.slug },
        context,
      }),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/login?redirectTo=%2Fletters%2F${letter.slug}%2Fsign`);
  });

  test("staff, member contacts and the public cannot sign through the page", async () => {
    const { member } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, []);
    for (const person of [staff, member]) {
      const cookie = await cookieFor(person);
      const page = await run(() =>
        signRoute.loader({
          request: get(`/letters/${letter.slug}/sign`, { Cookie: cookie }),
          params: { slug: letter.slug },
          context,
        }),
      );
      expect(page.status).toBe(403);
      const posted = await run(() =>
        signRoute.action({
          request: formRequest(
            `/letters/${letter.slug}/sign`,
            { intent: "sign", formKey: formKey() },
            { Cookie: cookie },
          ),
          params: { slug: letter.slug },
          context,
        }),
      );
      expect(posted.status).toBe(403);
    }
    const anonymous = await run(() =>
      signRoute.action({
        request: formRequest(`/letters/${letter.slug}/sign`, { intent: "sign", formKey: formKey() }),
        params: { slug: letter.slug },
        context,
      }),
    );
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
    const page = await run(() =>
      signRoute.loader({ request: get(path), params: { slug: letter.slug }, context }),
    );
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    expect(page.body).toMatchObject({ signing: { signer: { name: leader.name }, signature: null } });

    const bad = await run(() =>
      signRoute.action({
        request: formRequest(path, { intent: "sign", formKey: "x" }),
        params: { slug: letter.slug },
        context,
      }),
    );
    expect(bad.status).toBe(400);
    const signed = await run(() =>
      signRoute.action({
        request: formRequest(path, { intent: "sign", formKey: formKey() }),
        params: { slug: letter.slug },
        context: testContext(db, { clientIp: "192.0.2.201" }),
      }),
    );
    expect(signed.status).toBe(303);
    expect(signed.headers.get("Location")).toBe(`/letters/${letter.slug}/sign?token=${token}&done=signed`);

    const spent = await run(() =>
      signRoute.loader({
        request: get(`/letters/${letter.slug}/sign?token=not-a-real-token-0123456789`),
        params: { slug: letter.slug },
        context,
      }),
    );
    expect(spent.status).toBe(400);
    expect(spent.body).toMatchObject({ linkProblem: { open: true } });
  });
});

describe("staff pages", () => {
  test("member leaders cannot reach them", async () => {
    const { leader } = await createOrgWithLeader(db);
    const cookie = await cookieFor(leader);
    const result = await run(() =>
      newRoute.loader({ request: get("/manage/letters/new", { Cookie: cookie }), params: {}, context }),
    );
    expect(result.status).toBe(403);
  });

  test("a bad draft is a 400 that keeps the typing; a bad id is a 404", async () => {
    const cookie = await cookieFor(staff);
    const result = await run(() =>
      newRoute.action({
        request: formRequest(
          "/manage/letters/new",
          { title: "  ", addressee: "The Minister", body: "Text", signatureGoal: "lots" },
          { Cookie: cookie },
        ),
        params: {},
        context,
      }),
    );
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      errors: { title: "Enter a title", signatureGoal: "Enter the goal as a whole number, like 50" },
      values: { addressee: "The Minister", body: "Text" },
    });
    const missing = await run(() =>
      overviewRoute.loader({
        request: get("/manage/letters/abc", { Cookie: cookie }),
        params: { id: "abc" },
        context,
      }),
    );
    expect(missing.status).toBe(404);
  });

  test("opening for chosen nations needs a nation; closing twice is a 409 with a message", async () => {
    const cookie = await cookieFor(staff);
    const draft = await createDraft(db, staff);
    const refused = await run(() =>
      openRoute.action({
        request: formRequest(`/manage/letters/${draft.id}/open`, { audience: "nations" }, { Cookie: cookie }),
        params: { id: String(draft.id) },
        context,
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errors: { nation: "Choose at least one nation" } });

    const letter = await createOpenLetter(db, staff, []);
    const close = () =>
      run(() =>
        overviewRoute.action({
          request: formRequest(`/manage/letters/${letter.id}?index`, { intent: "close" }, { Cookie: cookie }),
          params: { id: String(letter.id) },
          context,
        }),
      );
    expect((await close()).status).toBe(303);
    const again = await close();
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ conflict: "This letter is closed, so it cannot be closed." });
  });

  test("delivery needs a method and a date not in the future; documents download as stored, for staff only", async () => {
    const cookie = await cookieFor(staff);
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [leader]);
    await signLetter(db, {
      slug: letter.slug,
      signer: { via: "session", actor: leader },
      formKey: formKey(),
      ip: "192.0.2.202",
      appUrl: context.appUrl,
    });
    await closeLetter(db, staff, letter.id);
    const refused = await run(() =>
      deliverRoute.action({
        request: formRequest(
          `/manage/letters/${letter.id}/deliver`,
          { recipient: "HM Treasury", deliveredOn: "2999-01-01" },
          { Cookie: cookie },
        ),
        params: { id: String(letter.id) },
        context,
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      errors: {
        method: "Choose how the letter was delivered",
        deliveredOn: "The delivery date cannot be in the future",
      },
    });

    const response = await documentRoute.loader({
      request: get(`/manage/letters/${letter.id}/documents/pdf`, { Cookie: cookie }),
      params: { id: String(letter.id), kind: "pdf" },
      context,
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("X-Content-SHA256")).toBe(createHash("sha256").update(bytes).digest("hex"));
    const leaderCookie = await cookieFor(leader);
    const forbidden = await run(() =>
      documentRoute.loader({
        request: get(`/manage/letters/${letter.id}/documents/pdf`, { Cookie: leaderCookie }),
        params: { id: String(letter.id), kind: "pdf" },
        context,
      }),
    );
    expect(forbidden.status).toBe(403);
    const unknownKind = await run(() =>
      documentRoute.loader({
        request: get(`/manage/letters/${letter.id}/documents/docx`, { Cookie: cookie }),
        params: { id: String(letter.id), kind: "docx" },
        context,
      }),
    );
    expect(unknownKind.status).toBe(404);
  });
});
