import { describe, expect, test } from "vitest";
import type { Person } from "~/models/accounts/people.server.ts";
import { loadPosition } from "~/models/positions/positions.server.ts";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";
import { figure, memberPerson, newPosition, staffPerson } from "./positions-fixtures.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const author = await staffPerson(db, "Priya Shah");
const other = await staffPerson(db, "Sam Other");
const admin = await staffPerson(db, "Alex Morgan", "admin");
const member = await memberPerson(db);

describe("creating a position", () => {
  test("bad input is a 400 with the messages and the typing kept", async () => {
    const result = await site.post(
      "/positions/new",
      { title: "", summary: "Kept", ownerId: String(author.id) },
      { as: author },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({
      title: "Enter a title",
      topics: "Choose at least one topic",
    });
    expect(result.data.values).toMatchObject({ summary: "Kept" });
  });

  test("an owner who is not staff is refused as a field error, not a 500", async () => {
    const result = await site.post(
      "/positions/new",
      { title: "T", topics: ["vat"], ownerId: String(member.id) },
      { as: author },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ ownerId: "The owner must be a member of staff" });
  });

  test("members cannot reach the form", async () => {
    const response = await site.post("/positions/new", { title: "x" }, { as: member });
    expect(response.status).toBe(403);
  });

  test("a good form creates the draft and goes to it", async () => {
    const result = await site.post(
      "/positions/new",
      {
        title: "Social value in commissioning",
        topics: ["commissioning", "procurement"],
        ownerId: String(other.id),
        isPublic: "on",
        body: "Text",
      },
      { as: author },
    );
    expect(result.location).toBe("/positions/social-value-in-commissioning");
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
    const loaded = await site.load(`/positions/${position.slug}/edit`, { as: author });
    expect(loaded.data).toMatchObject({
      preview: { html: expect.stringContaining("(n = 312)") },
      picker: expect.arrayContaining([expect.objectContaining({ citation: `[@ev:${item.id}]` })]),
      editable: true,
    });
  });

  test("a save is a new version and redirects; a stale save is a 409 with their changes and my text", async () => {
    const position = await newPosition(db, author, { body: "Original words." });
    const base = position.currentVersionId;
    const edit = `/positions/${position.slug}/edit`;
    const first = await site.post(edit, saveFields(base, "Original words, improved."), { as: other });
    expect(first.location).toBe(`/positions/${position.slug}?done=saved`);

    const stale = await site.post(edit, saveFields(base, "My original words."), { as: author });
    expect(stale.status).toBe(409);
    expect(stale.data.values).toMatchObject({ body: "My original words.", baseVersionId: String(base) });
    expect(stale.data.conflict).toMatchObject({
      authorName: "Sam Other",
      currentId: (await loadPosition(db, position.id)).currentVersionId,
      theirChanges: {
        parts: expect.arrayContaining([
          expect.objectContaining({ text: expect.stringContaining("improved") }),
        ]),
      },
    });
  });

  test("the Preview button renders the typed text without saving it", async () => {
    const position = await newPosition(db, author);
    const result = await site.post(
      `/positions/${position.slug}/edit`,
      {
        ...saveFields(position.currentVersionId, "## Heading\n\n<script>alert(1)</script>"),
        intent: "preview",
      },
      { as: author },
    );
    expect(result.status).toBe(200);
    expect(result.data.preview).toMatchObject({ html: expect.stringContaining("<h2>Heading</h2>") });
    expect(result.data.preview).toMatchObject({ html: expect.stringContaining("&lt;script&gt;") });
    expect((await loadPosition(db, position.id)).currentVersionId).toBe(position.currentVersionId);
  });

  test("the live preview endpoint renders for staff only", async () => {
    const ok = await site.post("/positions/preview", { body: "**bold** [@ev:999999]" }, { as: author });
    expect(ok.data.html).toContain("<strong>bold</strong>");
    expect(JSON.stringify(ok.data.problems)).toContain("does not exist");
    const refused = await site.post("/positions/preview", { body: "x" }, { as: member });
    expect(refused.status).toBe(403);
  });
});

describe("lifecycle actions on the position page", () => {
  test("missing fields are a 400 tied to their form; an illegal transition is a 409 with its reason", async () => {
    const position = await newPosition(db, author);
    const page = `/positions/${position.slug}?index`;
    const missing = await site.post(page, { intent: "request-review" }, { as: author });
    expect(missing.status).toBe(400);
    expect(missing.data.errors).toEqual({ "request-review-reviewerId": "Choose a reviewer" });
    const illegal = await site.post(page, { intent: "approve" }, { as: admin });
    expect(illegal.status).toBe(409);
    expect(illegal.data.refusal).toBe(
      "You cannot approve a position that is draft: only one that is in review.",
    );
    const unknown = await site.post(page, { intent: "explode" }, { as: author });
    expect(unknown.status).toBe(400);
    const urgentUnconfirmed = await site.post(
      page,
      { intent: "urgent-publish", reason: "Budget" },
      { as: admin },
    );
    expect(urgentUnconfirmed.data.errors).toEqual({
      "urgent-publish-confirm": "Confirm that you want to publish without review",
    });
  });

  test("request review, approve and publish through the page; members then read it, the public page follows is_public", async () => {
    const position = await newPosition(db, author, {
      body: "::: wales\nWelsh words.\n:::\n\n::: scotland\nScottish words.\n:::",
    });
    const step = async (person: Person, fields: Record<string, string>) => {
      const result = await site.post(`/positions/${position.slug}?index`, fields, { as: person });
      if (!result.location) throw new Error(`expected a redirect, got ${JSON.stringify(result.data)}`);
      return result.location;
    };
    expect(await step(author, { intent: "request-review", reviewerId: String(other.id) })).toBe(
      `/positions/${position.slug}?done=request-review`,
    );
    await step(other, { intent: "approve", comment: "" });
    await step(author, { intent: "publish" });

    const forMember = await site.load(`/positions/${position.slug}?government=welsh_government`, {
      as: member,
    });
    expect(forMember.data.rendered).toMatchObject({ html: expect.stringContaining("Welsh words.") });
    expect(forMember.data.rendered).not.toMatchObject({ html: expect.stringContaining("Scottish words.") });
    expect(forMember.data.view).toBeNull();
    const list = await site.load("/positions", { as: member });
    expect(list.data.positions).toEqual(
      expect.arrayContaining([expect.objectContaining({ slug: position.slug })]),
    );
    const notPublic = await site.get(`/p/${position.slug}`);
    expect(notPublic.status).toBe(404);
    expect(notPublic.text).toContain('href="/p"');
    expect(JSON.stringify((await site.load("/p")).data)).not.toContain(position.slug);
  });

  test("the public list at /p shows published public positions only, and no dev mailbox link", async () => {
    const shown = await newPosition(db, author, { title: `Shown ${Date.now()}`, isPublic: true });
    const draft = await newPosition(db, author, { title: `Draft ${Date.now()}`, isPublic: true });
    const step = (person: Person, fields: Record<string, string>) =>
      site.post(`/positions/${shown.slug}?index`, fields, { as: person });
    await step(author, { intent: "request-review", reviewerId: String(other.id) });
    await step(other, { intent: "approve", comment: "" });
    await step(author, { intent: "publish" });

    const list = await site.get("/p");
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/p/${shown.slug}"`);
    expect(list.text).not.toContain(draft.slug);
    expect(list.text).not.toContain("/dev/mailbox");
    // In demo mode people signing in still find the mailbox their link goes to.
    expect((await site.get("/login")).text).toContain('href="/dev/mailbox"');
  });

  test("staff-only pages refuse members; variant and version comparisons work", async () => {
    const position = await newPosition(db, author, {
      body: "Both.\n\n::: england\nEngland.\n:::\n\n::: scotland\nScotland.\n:::",
    });
    const forbidden = await site.get(`/positions/${position.slug}/versions`, { as: member });
    expect(forbidden.status).toBe(403);
    const variants = await site.load(
      `/positions/${position.slug}/variants?a=uk_government&b=scottish_government`,
      { as: author },
    );
    expect(variants.data.diff).toHaveProperty("parts", [
      { kind: "same", text: "Both.\n\n" },
      { kind: "removed", text: "England" },
      { kind: "added", text: "Scotland" },
      { kind: "same", text: "." },
    ]);
    const versions = await site.load(`/positions/${position.slug}/versions?from=abc`, { as: author });
    expect(versions.data.problem).toBe("Choose two versions to compare.");
  });
});

describe("evidence pages", () => {
  test("adding evidence with bad input is a 400 that keeps the typing; withdrawing needs confirmation", async () => {
    const bad = await site.post(
      "/evidence/new",
      { kind: "source", label: "HMRC", url: "ftp://x" },
      { as: author },
    );
    expect(bad.status).toBe(400);
    expect(bad.data.values).toMatchObject({ label: "HMRC", url: "ftp://x" });
    const item = await figure(db, author);
    const evidencePage = `/evidence/${item.id}`;
    const unconfirmed = await site.post(evidencePage, { intent: "withdraw", reason: "Old" }, { as: author });
    expect(unconfirmed.data.errors).toEqual({ confirm: "Confirm that you want to withdraw this evidence" });
    const withdraw = { intent: "withdraw", reason: "Old", confirm: "yes" };
    const done = await site.post(evidencePage, withdraw, { as: author });
    expect(done.location).toBe(`/evidence/${item.id}?withdrawn=1`);
    const again = await site.post(evidencePage, withdraw, { as: author });
    expect(again.status).toBe(409);
  });
});
