import { describe, expect, test } from "vitest";
import { createSession, sessionCookie } from "~/models/accounts/sessions.server.ts";
import { action as editAction, loader as editLoader } from "~/routes/positions.$slug.edit.tsx";
import { action as viewAction, loader as viewLoader } from "~/routes/positions.$slug._index.tsx";
import { action as newAction } from "~/routes/positions.new.tsx";
import { action as previewAction } from "~/routes/positions.preview.tsx";
import { loader as publicLoader } from "~/routes/p.$slug.tsx";
import { loader as variantsLoader } from "~/routes/positions.$slug.variants.tsx";
import { loader as versionsLoader } from "~/routes/positions.$slug.versions.tsx";
import { action as newEvidenceAction } from "~/routes/evidence.new.tsx";
import { action as evidenceAction } from "~/routes/evidence.$id.tsx";
import { loader as positionsLoader } from "~/routes/positions._index.tsx";
import type { Person } from "~/models/accounts/people.server.ts";
import { loadPosition } from "~/models/positions/positions.server.ts";
import { openTestDb } from "./db.ts";
import { testContext } from "./context.ts";
import { figure, memberPerson, newPosition, staffPerson } from "./positions-fixtures.ts";

const { db } = await openTestDb();
const context = testContext(db);
const author = await staffPerson(db, "Priya Shah");
const other = await staffPerson(db, "Sam Other");
const admin = await staffPerson(db, "Alex Morgan", "admin");
const member = await memberPerson(db);

async function cookieFor(person: Person) {
  const id = await createSession(db, person.id, context.env);
  return { Cookie: await sessionCookie(context.env).serialize(id) };
}

async function post(person: Person, url: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(key, one);
  return new Request(new URL(url, "http://localhost:3000"), {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(await cookieFor(person)) },
  });
}

async function get(person: Person | null, url: string) {
  return new Request(new URL(url, "http://localhost:3000"), {
    headers: person ? await cookieFor(person) : {},
  });
}

/** Single fetch hands back `data(...)` as a DataWithResponseInit: its payload and status. */
function unwrap(result: unknown): { status: number; body: Record<string, unknown> } {
  if (result instanceof Response) return { status: result.status, body: {} };
  if (
    typeof result === "object" &&
    result !== null &&
    "type" in result &&
    result.type === "DataWithResponseInit"
  ) {
    const { data: body, init } = Object(result);
    return { status: init?.status ?? 200, body };
  }
  return { status: 200, body: Object(result) };
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Response)) throw new Error(`Expected a thrown Response, got ${String(error)}`);
  return error;
}

describe("creating a position", () => {
  test("bad input is a 400 with the messages and the typing kept", async () => {
    const result = unwrap(
      await newAction({
        request: await post(author, "/positions/new", {
          title: "",
          summary: "Kept",
          ownerId: String(author.id),
        }),
        context,
        params: {},
      }),
    );
    expect(result.status).toBe(400);
    expect(result.body.errors).toMatchObject({
      title: "Enter a title",
      topics: "Choose at least one topic",
    });
    expect(result.body.values).toMatchObject({ summary: "Kept" });
  });

  test("an owner who is not staff is refused as a field error, not a 500", async () => {
    const result = unwrap(
      await newAction({
        request: await post(author, "/positions/new", {
          title: "T",
          topics: ["vat"],
          ownerId: String(member.id),
        }),
        context,
        params: {},
      }),
    );
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual({ ownerId: "The owner must be a member of staff" });
  });

  test("members cannot reach the form", async () => {
    const response = await thrown(
      newAction({ request: await post(member, "/positions/new", { title: "x" }), context, params: {} }),
    );
    expect(response.status).toBe(403);
  });

  test("a good form creates the draft and goes to it", async () => {
    const result = await newAction({
      request: await post(author, "/positions/new", {
        title: "Social value in commissioning",
        topics: ["commissioning", "procurement"],
        ownerId: String(other.id),
        isPublic: "on",
        body: "Text",
      }),
      context,
      params: {},
    });
    if (!(result instanceof Response)) throw new Error("expected a redirect");
    expect(result.headers.get("Location")).toBe("/positions/social-value-in-commissioning");
  });
});

describe("editing", () => {
  const saveFields = (baseVersionId: number, body: string) => ({
    intent: "save",
    baseVersionId: String(baseVersionId),
    title: "VAT on shared services",
    summary: "Summary",
    topics: ["vat"],
    body,
    note: "note",
  });

  test("the loader renders a preview and the citation picker", async () => {
    const item = await figure(db, author);
    const position = await newPosition(db, author, { body: `Claim [@ev:${item.id}].` });
    const loaded = await editLoader({
      request: await get(author, `/positions/${position.slug}/edit`),
      context,
      params: { slug: position.slug },
    });
    expect(loaded.preview.html).toContain("(n = 312)");
    expect(loaded.picker.map((entry) => entry.citation)).toContain(`[@ev:${item.id}]`);
    expect(loaded.editable).toBe(true);
  });

  test("a save is a new version and redirects; a stale save is a 409 with their changes and my text", async () => {
    const position = await newPosition(db, author, { body: "Original words." });
    const base = position.currentVersionId;
    const first = await editAction({
      request: await post(
        other,
        `/positions/${position.slug}/edit`,
        saveFields(base, "Original words, improved."),
      ),
      context,
      params: { slug: position.slug },
    });
    if (!(first instanceof Response)) throw new Error("expected a redirect");
    expect(first.headers.get("Location")).toBe(`/positions/${position.slug}?done=saved`);

    const stale = unwrap(
      await editAction({
        request: await post(
          author,
          `/positions/${position.slug}/edit`,
          saveFields(base, "My original words."),
        ),
        context,
        params: { slug: position.slug },
      }),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.values).toMatchObject({ body: "My original words.", baseVersionId: String(base) });
    const conflict = Object(stale.body.conflict);
    expect(conflict.authorName).toBe("Sam Other");
    expect(conflict.currentId).toBe((await loadPosition(db, position.id)).currentVersionId);
    expect(JSON.stringify(conflict.theirChanges.parts)).toContain("improved");
  });

  test("the Preview button renders the typed text without saving it", async () => {
    const position = await newPosition(db, author);
    const result = unwrap(
      await editAction({
        request: await post(author, `/positions/${position.slug}/edit`, {
          ...saveFields(position.currentVersionId, "## Heading\n\n<script>alert(1)</script>"),
          intent: "preview",
        }),
        context,
        params: { slug: position.slug },
      }),
    );
    expect(result.status).toBe(200);
    const preview = Object(result.body.preview);
    expect(preview.html).toContain("<h2>Heading</h2>");
    expect(preview.html).toContain("&lt;script&gt;");
    expect((await loadPosition(db, position.id)).currentVersionId).toBe(position.currentVersionId);
  });

  test("the live preview endpoint renders for staff only", async () => {
    const ok = await previewAction({
      request: await post(author, "/positions/preview", { body: "**bold** [@ev:999999]" }),
      context,
      params: {},
    });
    const { body } = unwrap(ok);
    expect(body.html).toContain("<strong>bold</strong>");
    expect(JSON.stringify(body.problems)).toContain("does not exist");
    const refused = await thrown(
      previewAction({
        request: await post(member, "/positions/preview", { body: "x" }),
        context,
        params: {},
      }),
    );
    expect(refused.status).toBe(403);
  });
});

describe("lifecycle actions on the position page", () => {
  test("missing fields are a 400 tied to their form; an illegal transition is a 409 with its reason", async () => {
    const position = await newPosition(db, author);
    const missing = unwrap(
      await viewAction({
        request: await post(author, `/positions/${position.slug}?index`, { intent: "request-review" }),
        context,
        params: { slug: position.slug },
      }),
    );
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual({ "request-review-reviewerId": "Choose a reviewer" });
    const illegal = unwrap(
      await viewAction({
        request: await post(admin, `/positions/${position.slug}?index`, { intent: "approve" }),
        context,
        params: { slug: position.slug },
      }),
    );
    expect(illegal.status).toBe(409);
    expect(illegal.body.refusal).toBe(
      "You cannot approve a position that is draft: only one that is in review.",
    );
    const unknown = unwrap(
      await viewAction({
        request: await post(author, `/positions/${position.slug}?index`, { intent: "explode" }),
        context,
        params: { slug: position.slug },
      }),
    );
    expect(unknown.status).toBe(400);
    const urgentUnconfirmed = unwrap(
      await viewAction({
        request: await post(admin, `/positions/${position.slug}?index`, {
          intent: "urgent-publish",
          reason: "Budget",
        }),
        context,
        params: { slug: position.slug },
      }),
    );
    expect(urgentUnconfirmed.body.errors).toEqual({
      "urgent-publish-confirm": "Confirm that you want to publish without review",
    });
  });

  test("request review, approve and publish through the page; members then read it, the public page follows is_public", async () => {
    const position = await newPosition(db, author, {
      body: "::: wales\nWelsh words.\n:::\n\n::: scotland\nScottish words.\n:::",
    });
    const step = async (person: Person, fields: Record<string, string>) => {
      const result = await viewAction({
        request: await post(person, `/positions/${position.slug}?index`, fields),
        context,
        params: { slug: position.slug },
      });
      if (!(result instanceof Response))
        throw new Error(`expected a redirect, got ${JSON.stringify(unwrap(result))}`);
      return result.headers.get("Location");
    };
    expect(await step(author, { intent: "request-review", reviewerId: String(other.id) })).toBe(
      `/positions/${position.slug}?done=request-review`,
    );
    await step(other, { intent: "approve", comment: "" });
    await step(author, { intent: "publish" });

    const forMember = await viewLoader({
      request: await get(member, `/positions/${position.slug}?government=welsh_government`),
      context,
      params: { slug: position.slug },
    });
    expect(forMember.rendered.html).toContain("Welsh words.");
    expect(forMember.rendered.html).not.toContain("Scottish words.");
    expect(forMember.view).toBeNull();
    const list = await positionsLoader({ request: await get(member, "/positions"), context, params: {} });
    expect(list.positions.map((entry) => entry.slug)).toContain(position.slug);
    const notPublic = await thrown(
      publicLoader({
        request: await get(null, `/p/${position.slug}`),
        context,
        params: { slug: position.slug },
      }),
    );
    expect(notPublic.status).toBe(404);
  });

  test("staff-only pages refuse members; variant and version comparisons work", async () => {
    const position = await newPosition(db, author, {
      body: "Both.\n\n::: england\nEngland.\n:::\n\n::: scotland\nScotland.\n:::",
    });
    const forbidden = await thrown(
      versionsLoader({
        request: await get(member, `/positions/${position.slug}/versions`),
        context,
        params: { slug: position.slug },
      }),
    );
    expect(forbidden.status).toBe(403);
    const variants = await variantsLoader({
      request: await get(
        author,
        `/positions/${position.slug}/variants?a=uk_government&b=scottish_government`,
      ),
      context,
      params: { slug: position.slug },
    });
    expect(variants.diff.parts).toEqual([
      { kind: "same", text: "Both.\n\n" },
      { kind: "removed", text: "England" },
      { kind: "added", text: "Scotland" },
      { kind: "same", text: "." },
    ]);
    const versions = await versionsLoader({
      request: await get(author, `/positions/${position.slug}/versions?from=abc`),
      context,
      params: { slug: position.slug },
    });
    expect(versions.problem).toBe("Choose two versions to compare.");
  });
});

describe("evidence pages", () => {
  test("adding evidence with bad input is a 400 that keeps the typing; withdrawing needs confirmation", async () => {
    const bad = unwrap(
      await newEvidenceAction({
        request: await post(author, "/evidence/new", { kind: "source", label: "HMRC", url: "ftp://x" }),
        context,
        params: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.values).toMatchObject({ label: "HMRC", url: "ftp://x" });
    const item = await figure(db, author);
    const unconfirmed = unwrap(
      await evidenceAction({
        request: await post(author, `/evidence/${item.id}`, { intent: "withdraw", reason: "Old" }),
        context,
        params: { id: String(item.id) },
      }),
    );
    expect(unconfirmed.body.errors).toEqual({ confirm: "Confirm that you want to withdraw this evidence" });
    const done = await evidenceAction({
      request: await post(author, `/evidence/${item.id}`, {
        intent: "withdraw",
        reason: "Old",
        confirm: "yes",
      }),
      context,
      params: { id: String(item.id) },
    });
    expect(done instanceof Response && done.headers.get("Location")).toBe(`/evidence/${item.id}?withdrawn=1`);
    const again = unwrap(
      await evidenceAction({
        request: await post(author, `/evidence/${item.id}`, {
          intent: "withdraw",
          reason: "Old",
          confirm: "yes",
        }),
        context,
        params: { id: String(item.id) },
      }),
    );
    expect(again.status).toBe(409);
  });
});
