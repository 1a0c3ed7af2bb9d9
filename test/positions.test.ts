import { describe, expect, test } from "vitest";
import { withdrawEvidence } from "~/models/evidence/evidence.server.ts";
import {
  approvePosition,
  publishPosition,
  recordRetrospectiveReview,
  reopenPosition,
  requestReview,
  retirePosition,
  sendBack,
  urgentPublish,
} from "~/models/positions/lifecycle.server.ts";
import {
  getPositionBySlug,
  getVersion,
  listPositions,
  loadPosition,
  renderVersion,
  slugify,
  type Position,
} from "~/models/positions/positions.server.ts";
import { listReviews } from "~/models/positions/reviews.server.ts";
import { listVersions, saveVersion } from "~/models/positions/versions.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import type { Person } from "~/models/accounts/people.server.ts";
import { openTestDb } from "./db.ts";
import { figure, memberPerson, newPosition, staffPerson } from "./positions-fixtures.ts";
import { withText } from "./outbox-text.ts";

const { db } = await openTestDb();
const author = await staffPerson(db, "Priya Shah");
const reviewer = await staffPerson(db, "Sam Reviewer");
const admin = await staffPerson(db, "Alex Morgan", "admin");
const member = await memberPerson(db);
const ctx = { appUrl: "https://voice.example" };

const save = (actor: Person, position: Position, baseVersionId: number, body: string, note = "") =>
  saveVersion(db, actor, {
    positionId: position.id,
    baseVersionId,
    title: position.title,
    summary: position.summary,
    topics: position.topics,
    isPublic: position.isPublic,
    body,
    note,
  });

const emailsTo = async (email: string) =>
  withText(
    await db
      .selectFrom("email_outbox")
      .select(["subject", "template", "props", "text"])
      .where("to_address", "=", email)
      .orderBy("id")
      .execute(),
  );

const auditActions = async (position: Position) =>
  (
    await db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_type", "=", "position")
      .where("subject_id", "=", String(position.id))
      .orderBy("id")
      .execute()
  ).map((row) => row.action);

async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Refusal)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return error;
}

describe("creating and saving", () => {
  test("a position starts as a draft with version 1, a unique slug and an audit row", async () => {
    const first = await newPosition(db, author, { title: "Pensions: the LGPS question!" });
    const second = await newPosition(db, author, { title: "Pensions: the LGPS question" });
    expect(first.slug).toBe("pensions-the-lgps-question");
    expect(second.slug).toBe("pensions-the-lgps-question-2");
    expect(first.state).toBe("draft");
    expect(slugify("Ysgolion a’r Gymraeg — São")).toBe("ysgolion-a-r-gymraeg-sao");
    expect((await newPosition(db, author, { title: "New" })).slug).toBe("new-2");
    const version = await getVersion(db, author, first, first.currentVersionId);
    expect(version).toMatchObject({
      number: 1,
      note: "First draft",
      authorId: author.id,
      baseVersionId: null,
    });
    expect(await auditActions(first)).toEqual(["position.created"]);
  });

  test("every save keeps a version with who, when, note and the version it started from", async () => {
    const position = await newPosition(db, author);
    const saved = await save(author, position, position.currentVersionId, "Second text", "Tightened the ask");
    if (!saved.ok) throw new Error("expected a save");
    expect(saved.version).toMatchObject({
      number: 2,
      note: "Tightened the ask",
      baseVersionId: position.currentVersionId,
    });
    const unchanged = await save(author, position, saved.version.id, "Second text");
    expect(unchanged).toMatchObject({ ok: true, unchanged: true });
    const versions = await listVersions(db, author, position);
    expect(versions.map((version) => version.number)).toEqual([2, 1]);
    expect(versions[0]?.authorName).toBe("Priya Shah");
  });

  test("a stale save is refused with the other person's changes, and nothing is written", async () => {
    const position = await newPosition(db, author, { body: "Councils recover VAT." });
    const base = position.currentVersionId;
    const theirs = await save(reviewer, position, base, "Councils and NHS trusts recover VAT.");
    expect(theirs.ok).toBe(true);
    const mine = await save(author, position, base, "Councils recover VAT; mutuals cannot.");
    if (mine.ok) throw new Error("expected a conflict");
    expect(mine.current.authorName).toBe("Sam Reviewer");
    expect(mine.theirChanges.parts).toContainEqual({ kind: "added", text: "and NHS trusts " });
    expect((await listVersions(db, author, position)).map((version) => version.number)).toEqual([2, 1]);
    // Merged by hand, then saved from the newest version: accepted.
    const merged = await save(
      author,
      position,
      mine.current.id,
      "Councils and NHS trusts recover VAT; mutuals cannot.",
    );
    expect(merged.ok).toBe(true);
  });

  test("two saves from the same version at once: exactly one wins", async () => {
    const position = await newPosition(db, author);
    const results = await Promise.all([
      save(author, position, position.currentVersionId, "Mine"),
      save(reviewer, position, position.currentVersionId, "Theirs"),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await listVersions(db, author, position)).toHaveLength(2);
  });

  test("members cannot save and cannot see drafts", async () => {
    const position = await newPosition(db, author);
    await expect(save(member, position, position.currentVersionId, "x")).rejects.toMatchObject({
      status: 404,
    });
    await expect(getPositionBySlug(db, member, position.slug)).rejects.toMatchObject({ status: 404 });
    await expect(getPositionBySlug(db, null, position.slug)).rejects.toMatchObject({ status: 404 });
  });
});

describe("review and approval", () => {
  test("draft → in review → sent back → in review → approved → published → retired, with emails and audit", async () => {
    let position = await newPosition(db, author);
    position = await requestReview(
      db,
      author,
      { positionId: position.id, reviewerId: reviewer.id, message: "Check the ask" },
      ctx,
    );
    expect(position).toMatchObject({ state: "in_review", reviewerId: reviewer.id });
    const [request] = await emailsTo(reviewer.email);
    expect(request?.subject).toBe("Review requested: VAT on shared services");
    expect(request?.text).toContain(`https://voice.example/positions/${position.slug}`);

    await expect(
      save(author, position, position.currentVersionId, "Edited while in review"),
    ).resolves.toMatchObject({ ok: true });
    position = await loadPosition(db, position.id);

    position = await sendBack(
      db,
      reviewer,
      { positionId: position.id, comment: "Cite the survey figure" },
      ctx,
    );
    expect(position.state).toBe("draft");
    const back = (await emailsTo(author.email)).at(-1);
    expect(back?.subject).toBe("Sent back for changes: VAT on shared services");
    expect(back?.text).toContain("Cite the survey figure");

    position = await requestReview(
      db,
      author,
      { positionId: position.id, reviewerId: reviewer.id, message: "" },
      ctx,
    );
    position = await approvePosition(db, reviewer, { positionId: position.id, comment: "Good to go" }, ctx);
    expect(position).toMatchObject({ state: "approved", approvedVersionId: position.currentVersionId });
    expect((await emailsTo(author.email)).at(-1)?.subject).toBe("Approved: VAT on shared services");

    position = await publishPosition(db, author, { positionId: position.id });
    expect(position).toMatchObject({
      state: "published",
      publishedVersionId: position.currentVersionId,
      awaitingRetrospectiveReview: false,
    });
    position = await retirePosition(db, author, { positionId: position.id });
    expect(position.state).toBe("retired");

    expect(await auditActions(position)).toEqual([
      "position.created",
      "position.review_requested",
      "position.saved",
      "position.sent_back",
      "position.review_requested",
      "position.approved",
      "position.published",
      "position.retired",
    ]);
    const reviews = await listReviews(db, author, position);
    expect(reviews.map((review) => review.outcome)).toEqual([
      "approved",
      "requested",
      "sent_back",
      "requested",
    ]);
    expect(reviews.find((review) => review.outcome === "sent_back")?.comment).toBe("Cite the survey figure");
  });

  test("illegal transitions are refused with a clear message and change nothing", async () => {
    const position = await newPosition(db, author);
    const approve = await refusal(
      approvePosition(db, reviewer, { positionId: position.id, comment: "" }, ctx),
    );
    expect(approve.status).toBe(409);
    expect(approve.message).toBe("You cannot approve a position that is draft: only one that is in review.");
    expect((await refusal(publishPosition(db, author, { positionId: position.id }))).message).toContain(
      "only one that is approved",
    );
    expect((await refusal(retirePosition(db, author, { positionId: position.id }))).message).toContain(
      "only one that is published",
    );
    expect(
      (await refusal(sendBack(db, reviewer, { positionId: position.id, comment: "x" }, ctx))).status,
    ).toBe(409);
    expect((await refusal(reopenPosition(db, author, { positionId: position.id }))).status).toBe(409);
    expect((await loadPosition(db, position.id)).state).toBe("draft");
    expect(await auditActions(position)).toEqual(["position.created"]);
  });

  test("you cannot ask yourself, or a member, to review", async () => {
    const position = await newPosition(db, author);
    const self = await refusal(
      requestReview(db, author, { positionId: position.id, reviewerId: author.id, message: "" }, ctx),
    );
    expect(self.message).toBe("Choose someone other than yourself to review it.");
    const notStaff = await refusal(
      requestReview(db, author, { positionId: position.id, reviewerId: member.id, message: "" }, ctx),
    );
    expect(notStaff.message).toBe("The reviewer must be an active member of staff.");
  });

  test("only the named reviewer or an admin decides, and nobody but an admin approves their own text", async () => {
    let position = await newPosition(db, author);
    position = await requestReview(
      db,
      author,
      { positionId: position.id, reviewerId: reviewer.id, message: "" },
      ctx,
    );
    const other = await staffPerson(db, "Olu Other");
    expect(
      (await refusal(approvePosition(db, other, { positionId: position.id, comment: "" }, ctx))).status,
    ).toBe(403);
    // The reviewer edits the text under review: it is now partly theirs.
    await save(reviewer, position, position.currentVersionId, "Reviewer's own wording");
    const own = await refusal(approvePosition(db, reviewer, { positionId: position.id, comment: "" }, ctx));
    expect(own.message).toContain("You wrote the version under review");
    const approved = await approvePosition(db, admin, { positionId: position.id, comment: "" }, ctx);
    expect(approved.state).toBe("approved");
    // An approved text cannot change until reopened.
    expect(
      (await refusal(save(author, approved, approved.currentVersionId, "late change"))).message,
    ).toContain("Reopen it to edit");
    const reopened = await reopenPosition(db, author, { positionId: position.id });
    expect(reopened).toMatchObject({ state: "draft", approvedVersionId: null });
  });

  test("an admin who wrote the text may approve it", async () => {
    let position = await newPosition(db, admin);
    position = await requestReview(
      db,
      admin,
      { positionId: position.id, reviewerId: reviewer.id, message: "" },
      ctx,
    );
    await expect(
      approvePosition(db, admin, { positionId: position.id, comment: "" }, ctx),
    ).resolves.toMatchObject({ state: "approved" });
  });
});

describe("the urgent path", () => {
  test("only an admin publishes at once; it then awaits a review by someone else", async () => {
    const position = await newPosition(db, author);
    expect(
      (await refusal(urgentPublish(db, author, { positionId: position.id, reason: "Budget" }, ctx))).status,
    ).toBe(403);
    const published = await urgentPublish(
      db,
      admin,
      { positionId: position.id, reason: "Budget tomorrow" },
      ctx,
    );
    expect(published).toMatchObject({
      state: "published",
      awaitingRetrospectiveReview: true,
      publishedBy: admin.id,
    });
    const email = (await emailsTo(author.email)).at(-1);
    expect(email?.subject).toBe("Published without review, please review: VAT on shared services");
    expect(email?.text).toContain("Budget tomorrow");
    const self = await refusal(
      recordRetrospectiveReview(db, admin, { positionId: position.id, comment: "" }),
    );
    expect(self.message).toContain("someone else");
    const reviewed = await recordRetrospectiveReview(db, author, {
      positionId: position.id,
      comment: "Read it: fine",
    });
    expect(reviewed).toMatchObject({ state: "published", awaitingRetrospectiveReview: false });
    expect(
      (await refusal(recordRetrospectiveReview(db, reviewer, { positionId: position.id, comment: "" })))
        .message,
    ).toBe("This position is not awaiting a retrospective review.");
    const actions = await auditActions(position);
    expect(actions.slice(-2)).toEqual(["position.urgent_published", "position.retrospective_reviewed"]);
  });

  test("an approved position takes the ordinary path, not the urgent one", async () => {
    let position = await newPosition(db, author);
    position = await requestReview(
      db,
      author,
      { positionId: position.id, reviewerId: reviewer.id, message: "" },
      ctx,
    );
    position = await approvePosition(db, reviewer, { positionId: position.id, comment: "" }, ctx);
    expect(
      (await refusal(urgentPublish(db, admin, { positionId: position.id, reason: "x" }, ctx))).status,
    ).toBe(409);
  });
});

describe("citations and readers", () => {
  test("approval and publication are refused while a citation is broken", async () => {
    const gone = await figure(db, author);
    await withdrawEvidence(db, author, gone.id, "wrong");
    let position = await newPosition(db, author, {
      body: `Most pay VAT [@ev:${gone.id}] and more [@ev:2000000].`,
    });
    position = await requestReview(
      db,
      author,
      { positionId: position.id, reviewerId: reviewer.id, message: "" },
      ctx,
    );
    const refused = await refusal(
      approvePosition(db, reviewer, { positionId: position.id, comment: "" }, ctx),
    );
    expect(refused.message).toContain("has been withdrawn");
    expect(refused.message).toContain("does not exist");
    expect(
      (await refusal(urgentPublish(db, admin, { positionId: position.id, reason: "x" }, ctx))).message,
    ).toContain("cannot publish");
  });

  test("publishing freezes the figures cited; later changes and withdrawals never change the published text", async () => {
    const item = await figure(db, author, { value: "62" });
    let position = await newPosition(db, author, { body: `Most pay VAT [@ev:${item.id}].`, isPublic: true });
    position = await urgentPublish(db, admin, { positionId: position.id, reason: "Budget" }, ctx);
    await db.updateTable("evidence_items").set({ value: "70" }).where("id", "=", item.id).execute();
    const version = await getVersion(db, member, position, position.currentVersionId);
    const published = await renderVersion(db, position, version);
    expect(published.footnotes[0]?.text).toContain(": 62%");
    expect(published.html).toContain("(n = 312)");
    await withdrawEvidence(db, author, item.id, "superseded");
    // The published text keeps its source as approved, and says it was withdrawn since.
    const after = await renderVersion(db, position, version);
    expect(after.footnotes[0]?.text).toBe(published.footnotes[0]?.text);
    expect(after.footnotes[0]?.laterNote).toMatch(/^This source was later withdrawn on /);
    expect(after.html).toContain("fn-1");
    expect(after.html).toContain("This source was later withdrawn on");
  });

  test("members read published positions only; the public only public ones", async () => {
    const hidden = await newPosition(db, author, { title: "Members only view" });
    const open = await newPosition(db, author, { title: "Open to all view", isPublic: true });
    await urgentPublish(db, admin, { positionId: hidden.id, reason: "x" }, ctx);
    await urgentPublish(db, admin, { positionId: open.id, reason: "x" }, ctx);
    await expect(getPositionBySlug(db, member, hidden.slug)).resolves.toMatchObject({ state: "published" });
    await expect(getPositionBySlug(db, null, hidden.slug)).rejects.toMatchObject({ status: 404 });
    await expect(getPositionBySlug(db, null, open.slug)).resolves.toMatchObject({ isPublic: true });
    const draft = await newPosition(db, author, { title: "Still a draft" });
    const forMember = await listPositions(db, member);
    expect(forMember.positions.every((position) => position.state === "published")).toBe(true);
    expect(forMember.positions.map((position) => position.id)).not.toContain(draft.id);
    const forStaff = await listPositions(db, author, { state: "draft", topic: "vat" });
    expect(forStaff.positions.map((position) => position.id)).toContain(draft.id);
    expect((await listPositions(db, author, { topic: "pensions" })).positions.map((p) => p.id)).not.toContain(
      draft.id,
    );
    // A member may read the published version, never a draft version around it.
    const published = await loadPosition(db, open.id);
    await expect(getVersion(db, member, published, published.currentVersionId)).resolves.toBeTruthy();
    const versionOne = published.currentVersionId;
    await expect(
      getVersion(db, member, { ...published, publishedVersionId: versionOne + 1000 }, versionOne),
    ).rejects.toMatchObject({
      status: 404,
    });
  });
});
