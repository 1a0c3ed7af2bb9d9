import { strFromU8, unzipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { withdrawEvidence } from "~/models/evidence/evidence.server.ts";
import { approvePosition, publishPosition, requestReview } from "~/models/positions/lifecycle.server.ts";
import { listQuestions, saveAnswer } from "~/models/submissions/answers.server.ts";
import { downloadSubmissionFile } from "~/models/submissions/documents.server.ts";
import {
  approveSubmission,
  markSubmitted,
  publishSubmission,
  requestSubmissionReview,
} from "~/models/submissions/lifecycle.server.ts";
import { loadSubmission } from "~/models/submissions/submissions.server.ts";
import { formatDate } from "~/utils/format.ts";
import { londonToday } from "~/utils/london-time.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import { figure, newPosition, source, staffPerson } from "../positions-fixtures.ts";
import { submission } from "./factories.ts";

/** An approved document is a snapshot (issue 14, item 5). */

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const lead = await staffPerson(db, "Priya Shah");
const reviewer = await staffPerson(db, "Sam Reviewer");
const ctx = { appUrl: "https://voice.example" };
const withdrawnNote = `This source was later withdrawn on ${formatDate(londonToday())}.`;

const docxPart = (bytes: Buffer, part: string) =>
  strFromU8(unzipSync(new Uint8Array(bytes))[part] ?? new Uint8Array());

async function approvedSubmission(answer: string) {
  const { id, consultationId } = await submission(db, lead);
  for (const question of await listQuestions(db, id)) {
    const saved = await saveAnswer(db, lead, {
      submissionId: id,
      questionId: question.id,
      baseVersion: question.version,
      answer,
    });
    expect(saved.ok).toBe(true);
  }
  await requestSubmissionReview(db, lead, { submissionId: id, reviewerId: reviewer.id, message: "" }, ctx);
  await approveSubmission(db, reviewer, { submissionId: id, comment: "" }, ctx);
  return { id, consultationId };
}

async function everyExport(id: number) {
  const [docx, markdown, pack] = await Promise.all([
    downloadSubmissionFile(db, lead, id, "docx"),
    downloadSubmissionFile(db, lead, id, "markdown"),
    downloadSubmissionFile(db, lead, id, "paste_pack"),
  ]);
  return {
    document: docxPart(docx.content, "word/document.xml"),
    footnotes: docxPart(docx.content, "word/footnotes.xml"),
    markdown: markdown.content.toString("utf8"),
    pack: pack.content.toString("utf8"),
  };
}

describe("an approved submission keeps what was approved", () => {
  test("a new consultation title and a withdrawn source change nothing approved; the withdrawal is noted", async () => {
    const item = await figure(db, lead, { value: "62", n: 312, label: "Members paying VAT" });
    const kept = await source(db, lead);
    const { id, consultationId } = await approvedSubmission(
      `Most members pay VAT [@ev:${item.id}], as HMRC says [@ev:${kept.id}].`,
    );
    const published = await publishSubmission(db, lead, { submissionId: id });
    const title = (await loadSubmission(db, id)).consultationTitle;
    const before = await everyExport(id);
    expect(before.document).toContain(`Response to: ${title}`);
    expect(before.footnotes).toContain("Members paying VAT: 62%");
    const pageBefore = (await site.get(`/c/${published.slug ?? ""}`)).text;
    expect(pageBefore).toContain("Members paying VAT: 62%");

    await db
      .updateTable("consultations")
      .set({ title: "Renamed later" })
      .where("id", "=", consultationId)
      .execute();
    await withdrawEvidence(db, lead, item.id, "Wrong base");

    const after = await everyExport(id);
    // (The paste pack holds only the questions and answers.)
    for (const text of [after.document, after.markdown]) expect(text).toContain(title);
    for (const text of [after.document, after.markdown, after.pack])
      expect(text).not.toContain("Renamed later");
    // Before: the withdrawn item's footnote was dropped from the approved files and page.
    expect(after.footnotes).toContain("Members paying VAT: 62%");
    expect(after.footnotes).toContain(withdrawnNote);
    expect(after.footnotes).toContain("VAT cost sharing exemption");
    expect(after.markdown).toContain("Members paying VAT: 62%");
    expect(after.markdown).toContain(withdrawnNote);
    expect(after.pack).toContain("Members paying VAT: 62%");
    expect(after.pack).toContain(withdrawnNote);
    // Apart from the note, the approved text is as it was.
    expect(after.markdown.replaceAll(` ${withdrawnNote}`, "")).toBe(before.markdown);
    expect(after.pack.replaceAll(` ${withdrawnNote}`, "")).toBe(before.pack);

    const page = await site.get(`/c/${published.slug ?? ""}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(title);
    expect(page.text).not.toContain("Renamed later");
    expect(page.text).toContain("Members paying VAT: 62%");
    expect(page.text).toContain(withdrawnNote);
    const list = await site.get("/c");
    expect(list.text).toContain(title);
    expect(list.text).not.toContain("Renamed later");

    // What is sent is the approved document with its note, and stays so.
    await markSubmitted(db, lead, {
      submissionId: id,
      channel: "email",
      reference: "",
      sentOn: londonToday(),
      note: "",
    });
    const sent = await everyExport(id);
    await withdrawEvidence(db, lead, kept.id, "Superseded");
    expect(await everyExport(id)).toEqual(sent);
  });
});

describe("a published position keeps what was approved", () => {
  test("a withdrawn source stays in the published position's footnotes, with the withdrawal noted", async () => {
    const item = await figure(db, lead, { value: "62", n: 312, label: "Members paying VAT" });
    let position = await newPosition(db, lead, {
      title: `Snapshot position ${process.pid}`,
      isPublic: true,
      body: `Most members pay VAT [@ev:${item.id}].`,
    });
    position = await requestReview(
      db,
      lead,
      { positionId: position.id, reviewerId: reviewer.id, message: "" },
      ctx,
    );
    position = await approvePosition(db, reviewer, { positionId: position.id, comment: "" }, ctx);
    position = await publishPosition(db, lead, { positionId: position.id });
    await withdrawEvidence(db, lead, item.id, "Wrong base");
    const page = await site.get(`/p/${position.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Members paying VAT: 62%");
    expect(page.text).toContain(withdrawnNote);
  });
});
