import { strFromU8, unzipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { withdrawEvidence } from "~/models/evidence/evidence.server.ts";
import { approveSubmission, requestSubmissionReview } from "~/models/submissions/lifecycle.server.ts";
import { listQuestions, saveAnswer } from "~/models/submissions/answers.server.ts";
import { loadSubmission } from "~/models/submissions/submissions.server.ts";
import { urgentPublish } from "~/models/positions/lifecycle.server.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import { figure, memberPerson, newPosition, staffPerson } from "../positions-fixtures.ts";
import { consultation, PASTED_QUESTIONS, submission } from "./factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const lead = await staffPerson(db, "Priya Shah");
const reviewer = await staffPerson(db, "Sam Reviewer");
const admin = await staffPerson(db, "Alex Morgan", "admin");
const member = await memberPerson(db);
const ctx = { appUrl: "https://voice.example" };

describe("new submission", () => {
  test("preview splits the pasted questions; bad input is a 400 that keeps the typing; create redirects", async () => {
    const found = await consultation(db, { level: "devolved", nation: "wales", closesOn: "2027-02-12" });
    const newPage = `/submissions/new?consultation=${found.id}`;
    const loaded = await site.load(newPage, { as: lead });
    expect(loaded.data.defaults).toMatchObject({
      government: "welsh_government",
      internalDeadline: "2027-02-05",
    });
    const fields = {
      consultationId: String(found.id),
      government: "welsh_government",
      leadId: String(lead.id),
      internalDeadline: "2027-02-05",
      questions: PASTED_QUESTIONS,
    };
    const preview = await site.post(newPage, { ...fields, intent: "preview" }, { as: lead });
    expect(preview.status).toBe(200);
    expect(preview.data.preview).toMatchObject({
      questions: [{ number: "1" }, { number: "2" }, { number: "3" }],
    });

    const bad = await site.post(
      newPage,
      { ...fields, internalDeadline: "next week", intent: "create" },
      { as: lead },
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({
      internalDeadline: "Enter the internal deadline as a date, like 2027-01-15",
    });
    expect(bad.data.values).toMatchObject({ questions: PASTED_QUESTIONS });

    const created = await site.post(newPage, { ...fields, intent: "create" }, { as: lead });
    expect(created.location).toMatch(/^\/submissions\/\d+$/);
    // Submitted twice: the same submission, not a second one.
    const again = await site.post(newPage, { ...fields, intent: "create" }, { as: lead });
    expect(again.location).toBe(created.location);
  });

  test("members are refused (403, as on every staff page); an unknown consultation is a 404", async () => {
    expect((await site.get("/submissions/new", { as: member })).status).toBe(403);
    expect((await site.get("/submissions", { as: member })).status).toBe(403);
    expect((await site.get("/submissions/new?consultation=1999999", { as: lead })).status).toBe(404);
  });
});

describe("editing answers", () => {
  test("a stale save is a 409 showing their text and keeping mine", async () => {
    const { id } = await submission(db, lead);
    const [first] = await listQuestions(db, id);
    if (!first) throw new Error("no question");
    await saveAnswer(db, reviewer, {
      submissionId: id,
      questionId: first.id,
      baseVersion: 1,
      answer: "Theirs",
    });
    const result = await site.post(
      `/submissions/${id}/questions/${first.id}`,
      {
        intent: "save-answer",
        questionId: String(first.id),
        baseVersion: "1",
        answer: "Mine, typed carefully",
      },
      { as: lead },
    );
    expect(result.status).toBe(409);
    expect(result.data.conflict).toMatchObject({ theirs: "Theirs", version: 2, by: "Sam Reviewer" });
    expect(result.data.values).toMatchObject({ answer: "Mine, typed carefully" });
    // Another submission's question through this one's URL: 404.
    const other = await submission(db, lead);
    expect((await site.get(`/submissions/${other.id}/questions/${first.id}`, { as: lead })).status).toBe(404);
  });

  test("without JavaScript the 409 page shows both texts, keeps mine in the form on their version, and either can win", async () => {
    const { id } = await submission(db, lead);
    const [first] = await listQuestions(db, id);
    if (!first) throw new Error("no question");
    const page = `/submissions/${id}/questions/${first.id}`;
    await saveAnswer(db, reviewer, {
      submissionId: id,
      questionId: first.id,
      baseVersion: 1,
      answer: "THEIRS",
    });
    const fields = { intent: "save-answer", questionId: String(first.id), answer: "MINE" };
    const refused = await site.post(
      page,
      { ...fields, baseVersion: "1" },
      { as: lead, reloadDocument: true },
    );
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("Not saved: someone else saved this answer while you were editing");
    expect(refused.text).toMatch(/<textarea[^>]*id="their-answer"[^>]*>THEIRS<\/textarea>/);
    expect(refused.text).toMatch(/<textarea[^>]*name="answer"[^>]*>MINE<\/textarea>/);
    expect(refused.text).toMatch(/name="baseVersion" value="2"/);
    expect(refused.text).toContain(`href="${page}">Use their answer and discard mine</a>`);
    // Theirs stays saved until I choose to keep mine.
    expect((await listQuestions(db, id))[0]).toMatchObject({ answer: "THEIRS", version: 2 });

    const kept = await site.post(page, { ...fields, baseVersion: "2" }, { as: lead });
    expect(kept.location).toBe(`/submissions/${id}?done=saved#question-${first.id}`);
    expect((await listQuestions(db, id))[0]).toMatchObject({ answer: "MINE", version: 3 });
  });

  test("the editor offers a position's text as the submission's government reads it", async () => {
    const position = await newPosition(db, admin, {
      title: `Pensions ${process.pid}`,
      body: "UK-wide text.\n\n::: wales\nWelsh text.\n:::\n\n::: scotland\nScottish text.\n:::",
    });
    await urgentPublish(db, admin, { positionId: position.id, reason: "Needed now" }, ctx);
    const { id } = await submission(db, lead, { government: "welsh_government" });
    const [first] = await listQuestions(db, id);
    const loaded = await site.load(`/submissions/${id}/questions/${first?.id}?position=${position.slug}`, {
      as: lead,
    });
    expect(loaded.data.chosen).toMatchObject({ markdown: "UK-wide text.\n\nWelsh text." });
  });
});

describe("review, exports, sending and the public page", () => {
  test("the whole path through the routes", async () => {
    const item = await figure(db, lead);
    const { id } = await submission(db, lead);
    for (const question of await listQuestions(db, id)) {
      await saveAnswer(db, lead, {
        submissionId: id,
        questionId: question.id,
        baseVersion: question.version,
        answer: `**Yes.** 62% pay VAT [@ev:${item.id}].`,
      });
    }
    const page = `/submissions/${id}`;
    const review = await site.post(
      `${page}?index`,
      { intent: "request-review", reviewerId: String(reviewer.id), message: "" },
      { as: lead },
    );
    expect(review.location).toBe(`/submissions/${id}?done=request-review`);
    const docxText = async () => {
      const files = unzipSync((await site.get(`${page}/export.docx`, { as: lead })).bytes);
      return Object.entries(files)
        .filter(([name]) => name.startsWith("word/header") || name === "word/document.xml")
        .map(([, bytes]) => strFromU8(bytes))
        .join("");
    };
    // Until approval every page of the Word file says DRAFT.
    expect(await docxText()).toContain(">DRAFT<");
    const markdownFile = async () => (await site.get(`${page}/export.md`, { as: lead })).text;
    // And so does the Markdown file, on its first line.
    expect((await markdownFile()).split("\n")[0]).toBe("**DRAFT: not approved.** Do not send this copy.");
    const emptySendBack = await site.post(
      `${page}?index`,
      { intent: "send-back", comment: "  " },
      { as: reviewer },
    );
    expect(emptySendBack.status).toBe(400);
    expect(emptySendBack.data.errors).toEqual({ "send-back-comment": "Say what needs to change" });
    const selfApproval = await site.post(`${page}?index`, { intent: "approve", comment: "" }, { as: lead });
    expect(selfApproval.status).toBe(403);
    await site.post(`${page}?index`, { intent: "approve", comment: "" }, { as: reviewer });
    expect((await loadSubmission(db, id)).state).toBe("approved");

    expect((await site.load(page, { as: lead })).data.frozen).toBe(true);

    expect(await docxText()).not.toContain("DRAFT");
    expect(await markdownFile()).not.toContain("DRAFT");
    expect((await markdownFile()).split("\n")[0]).toMatch(/^# Response to: /);
    const docx = await site.get(`${page}/export.docx`, { as: lead });
    expect(docx.headers.get("Content-Type")).toContain("wordprocessingml");
    const files = unzipSync(docx.bytes);
    expect(strFromU8(files["word/document.xml"] ?? new Uint8Array())).toContain("62% pay VAT");
    const markdown = (await site.get(`${page}/export.md`, { as: lead })).text;
    expect(markdown).toContain("[^1]: Members paying irrecoverable VAT: 62%");
    const pack = await site.load(`${page}/paste-pack`, { as: lead });
    expect(pack.data.answers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: expect.stringContaining("Yes. 62% pay VAT [1].") }),
      ]),
    );

    const recordPage = `${page}/record`;
    const badRecord = await site.post(
      recordPage,
      { intent: "mark-submitted", channel: "fax", sentOn: "2026-11-20" },
      { as: lead },
    );
    expect(badRecord.status).toBe(400);
    expect(badRecord.data.errors).toMatchObject({ channel: "Choose how it was sent" });
    await site.post(
      recordPage,
      { intent: "mark-submitted", channel: "email", reference: "Sent to vat@hmt", sentOn: "2026-11-20" },
      { as: lead },
    );
    expect((await loadSubmission(db, id)).state).toBe("submitted");
    const sentDocx = await site.get(`${page}/export.docx`, { as: lead });
    const record = await db
      .selectFrom("submission_files")
      .innerJoin("submission_records", "submission_records.id", "submission_files.record_id")
      .select("submission_files.sha256")
      .where("submission_records.submission_id", "=", id)
      .where("submission_files.kind", "=", "docx")
      .executeTakeFirstOrThrow();
    expect(sentDocx.headers.get("X-Content-SHA256")).toBe(record.sha256);
    expect(docx.headers.get("X-Content-SHA256")).toBe(record.sha256);

    // Not public until published; then anyone can read it, with safe HTML.
    expect((await site.get("/c/nothing")).status).toBe(404);
    await site.post(`${page}?index`, { intent: "publish" }, { as: lead });
    const published = await loadSubmission(db, id);
    expect(published.slug).toMatch(new RegExp(`-${id}$`));
    const publicPage = await site.load(`/c/${published.slug}`);
    expect(JSON.stringify(publicPage.data)).toContain("<strong>Yes.</strong>");
    const list = await site.get("/c");
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/c/${published.slug}"`);
    const missing = await site.get("/c/nothing-here");
    expect(missing.text).toContain('href="/c"');
    expect(missing.text).not.toContain('href="/submissions');
  });

  test("the page flags a citation of withdrawn evidence, which blocks review", async () => {
    const item = await figure(db, lead);
    const { id } = await submission(db, lead);
    const [first] = await listQuestions(db, id);
    await saveAnswer(db, lead, {
      submissionId: id,
      questionId: first?.id ?? 0,
      baseVersion: 1,
      answer: `Cited [@ev:${item.id}].`,
    });
    await withdrawEvidence(db, lead, item.id, "Superseded");
    const page = await site.load(`/submissions/${id}`, { as: lead });
    expect(page.data.view).toMatchObject({ problems: 1 });
    expect(JSON.stringify(page.data.answers)).toContain("has been withdrawn");
    const review = await site.post(
      `/submissions/${id}?index`,
      { intent: "request-review", reviewerId: String(reviewer.id), message: "" },
      { as: lead },
    );
    expect(review.status).toBe(409);
    expect(review.data.refusal).toMatch(/cannot be used/);
  });

  test("an unknown intent is a 400, not a 500", async () => {
    const { id } = await submission(db, lead);
    const result = await site.post(`/submissions/${id}?index`, { intent: "explode" }, { as: lead });
    expect(result.status).toBe(400);
  });

  test("approval through the model with a second reviewer still works when an admin decides", async () => {
    const { id } = await submission(db, lead);
    await requestSubmissionReview(db, lead, { submissionId: id, reviewerId: reviewer.id, message: "" }, ctx);
    await approveSubmission(db, admin, { submissionId: id, comment: "" }, ctx);
    expect((await loadSubmission(db, id)).state).toBe("approved");
  });
});
