import { strFromU8, unzipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { withdrawEvidence } from "~/models/evidence/evidence.server.ts";
import type { Person } from "~/models/accounts/people.server.ts";
import { listQuestions, saveAnswer } from "~/models/submissions/answers.server.ts";
import { downloadSubmissionFile, sha256, submissionDocument } from "~/models/submissions/documents.server.ts";
import {
  approveSubmission,
  markSubmitted,
  recordOutcome,
  requestSubmissionReview,
  sendBackSubmission,
  withdrawSubmission,
} from "~/models/submissions/lifecycle.server.ts";
import { listSubmissionRecords } from "~/models/submissions/records.server.ts";
import { createSubmission } from "~/models/submissions/starting.server.ts";
import { getSubmission, listSubmissions, loadSubmission } from "~/models/submissions/submissions.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { submissionDocx } from "~/utils/submission-docx.server.ts";
import { submissionMarkdown } from "~/utils/submission-text.server.ts";
import { defaultInternalDeadline } from "~/utils/working-days.ts";
import { openTestDb } from "../db.ts";
import { figure, memberPerson, staffPerson } from "../positions-fixtures.ts";
import { consultation, submission } from "./factories.ts";
import { withText } from "../outbox-text.ts";

const { db } = await openTestDb();
const lead = await staffPerson(db, "Priya Shah");
const reviewer = await staffPerson(db, "Sam Reviewer");
const admin = await staffPerson(db, "Alex Morgan", "admin");
const member = await memberPerson(db);
const ctx = { appUrl: "https://voice.example" };

const emailsTo = async (to: string) =>
  withText(
    await db
      .selectFrom("email_outbox")
      .select(["subject", "template", "props", "text"])
      .where("to_address", "=", to)
      .orderBy("id")
      .execute(),
  );

async function answerAll(actor: Person, id: number, answer: (index: number) => string) {
  for (const [index, question] of (await listQuestions(db, id)).entries()) {
    const saved = await saveAnswer(db, actor, {
      submissionId: id,
      questionId: question.id,
      baseVersion: question.version,
      answer: answer(index),
    });
    expect(saved.ok).toBe(true);
  }
}

async function approved(answer: (index: number) => string) {
  const { id } = await submission(db, lead);
  await answerAll(lead, id, answer);
  await requestSubmissionReview(db, lead, { submissionId: id, reviewerId: reviewer.id, message: "" }, ctx);
  await approveSubmission(db, reviewer, { submissionId: id, comment: "Good" }, ctx);
  return id;
}

describe("creating and editing", () => {
  test("pasted questions become ordered questions; a second identical create finds the first", async () => {
    const { id, consultationId } = await submission(db, lead);
    const questions = await listQuestions(db, id);
    expect(questions.map((q) => [q.position, q.number])).toEqual([
      [1, "1"],
      [2, "2"],
      [3, "3"],
    ]);
    expect(questions[1]?.question).toContain("(b) in each later year");
    const triage = await db
      .selectFrom("consultations")
      .select(["triage_state", "adopted_by"])
      .where("id", "=", consultationId)
      .executeTakeFirstOrThrow();
    expect(triage).toEqual({ triage_state: "adopted", adopted_by: lead.id });
    const again = await createSubmission(db, lead, {
      consultationId,
      government: "uk_government",
      leadId: lead.id,
      internalDeadline: "2027-02-05",
      preamble: "",
      questions: [{ number: "1", text: "Anything?" }],
    });
    expect(again).toEqual({ id, created: false });
    // Another government answering the same consultation is a submission of its own.
    const welsh = await createSubmission(db, lead, {
      consultationId,
      government: "welsh_government",
      leadId: lead.id,
      internalDeadline: "2027-02-05",
      preamble: "",
      questions: [{ number: "1", text: "Anything?" }],
    });
    expect(welsh.created).toBe(true);
  });

  test("members and the public never reach a submission: 404", async () => {
    const { id } = await submission(db, lead);
    await expect(getSubmission(db, member, id)).rejects.toMatchObject({ status: 404 });
    await expect(listSubmissions(db, member)).rejects.toMatchObject({ status: 404 });
    await expect(getSubmission(db, lead, 2_000_000)).rejects.toMatchObject({ status: 404 });
  });

  test("a stale answer save is refused with the current text; nothing is overwritten", async () => {
    const { id } = await submission(db, lead);
    const [first] = await listQuestions(db, id);
    if (!first) throw new Error("no question");
    const mine = await saveAnswer(db, lead, {
      submissionId: id,
      questionId: first.id,
      baseVersion: first.version,
      answer: "Mine",
    });
    expect(mine).toEqual({ ok: true, version: 2, unchanged: false });
    const theirs = await saveAnswer(db, reviewer, {
      submissionId: id,
      questionId: first.id,
      baseVersion: first.version,
      answer: "Theirs",
    });
    expect(theirs).toEqual({
      ok: false,
      current: { answer: "Mine", version: 2, updatedByName: "Priya Shah" },
    });
    expect((await listQuestions(db, id))[0]?.answer).toBe("Mine");
  });

  test("a question of another submission is not found", async () => {
    const a = await submission(db, lead);
    const b = await submission(db, lead);
    const [other] = await listQuestions(db, b.id);
    await expect(
      saveAnswer(db, lead, { submissionId: a.id, questionId: other?.id ?? 0, baseVersion: 1, answer: "x" }),
    ).rejects.toMatchObject({ status: 404 });
  });

  test("internal deadline defaults to 5 working days before, skipping weekends and bank holidays", () => {
    expect(defaultInternalDeadline("2027-02-12")).toBe("2027-02-05");
    // Easter 2027: Good Friday 26 March and Easter Monday 29 March are not working days.
    expect(defaultInternalDeadline("2027-04-02")).toBe("2027-03-24");
    expect(defaultInternalDeadline("2026-12-31")).toBe("2026-12-22");
  });
});

describe("lifecycle", () => {
  test("review, send back, review again, approve: emails to the right people; no self-approval", async () => {
    const { id } = await submission(db, lead);
    await answerAll(lead, id, () => "We agree.");
    await expect(
      requestSubmissionReview(db, lead, { submissionId: id, reviewerId: lead.id, message: "" }, ctx),
    ).rejects.toMatchObject({ status: 400 });
    await requestSubmissionReview(
      db,
      lead,
      { submissionId: id, reviewerId: reviewer.id, message: "Q2?" },
      ctx,
    );
    expect((await emailsTo(reviewer.email)).at(-1)?.text).toContain("Q2?");
    await expect(approveSubmission(db, lead, { submissionId: id, comment: "" }, ctx)).rejects.toMatchObject({
      status: 403,
    });
    await sendBackSubmission(db, reviewer, { submissionId: id, comment: "Add figures" }, ctx);
    expect((await emailsTo(lead.email)).at(-1)?.subject).toMatch(/^Sent back for changes/);
    expect((await loadSubmission(db, id)).state).toBe("drafting");
    // The reviewer edits an answer: now they wrote part of it and cannot approve it themselves.
    const [first] = await listQuestions(db, id);
    await saveAnswer(db, reviewer, {
      submissionId: id,
      questionId: first?.id ?? 0,
      baseVersion: first?.version ?? 0,
      answer: "We agree, strongly.",
    });
    await requestSubmissionReview(db, lead, { submissionId: id, reviewerId: reviewer.id, message: "" }, ctx);
    await expect(
      approveSubmission(db, reviewer, { submissionId: id, comment: "" }, ctx),
    ).rejects.toMatchObject({
      status: 403,
    });
    // An administrator may approve whatever they wrote.
    const after = await approveSubmission(db, admin, { submissionId: id, comment: "Fine" }, ctx);
    expect(after.state).toBe("approved");
    expect((await emailsTo(lead.email)).at(-1)?.subject).toMatch(/^Approved: submission/);
    await expect(
      saveAnswer(db, lead, { submissionId: id, questionId: first?.id ?? 0, baseVersion: 3, answer: "late" }),
    ).rejects.toBeInstanceOf(Refusal);
    await expect(approveSubmission(db, admin, { submissionId: id, comment: "" }, ctx)).rejects.toMatchObject({
      status: 409,
    });
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_type", "=", "submission")
      .where("subject_id", "=", String(id))
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(["submission.review_requested", "submission.sent_back", "submission.approved"]),
    );
  });

  test("citing withdrawn or missing evidence blocks review and approval", async () => {
    const item = await figure(db, lead);
    const { id } = await submission(db, lead);
    await answerAll(lead, id, () => `62% pay VAT [@ev:${item.id}] and [@ev:999999].`);
    await expect(
      requestSubmissionReview(db, lead, { submissionId: id, reviewerId: reviewer.id, message: "" }, ctx),
    ).rejects.toThrow(/does not exist/);
    await answerAll(lead, id, () => `62% pay VAT [@ev:${item.id}].`);
    await requestSubmissionReview(db, lead, { submissionId: id, reviewerId: reviewer.id, message: "" }, ctx);
    await withdrawEvidence(db, lead, item.id, "Wrong base");
    await expect(approveSubmission(db, reviewer, { submissionId: id, comment: "" }, ctx)).rejects.toThrow(
      /has been withdrawn/,
    );
  });

  test("withdrawal from drafting frees the consultation for a new submission", async () => {
    const { id, consultationId } = await submission(db, lead);
    await withdrawSubmission(db, lead, { submissionId: id, reason: "Not a priority" });
    const again = await createSubmission(db, lead, {
      consultationId,
      government: "uk_government",
      leadId: lead.id,
      internalDeadline: "2027-02-05",
      preamble: "",
      questions: [{ number: null, text: "Anything?" }],
    });
    expect(again.created).toBe(true);
  });
});

describe("approval freezes the document", () => {
  test("changing the figure, the network and the clock after approval changes nothing in the document", async () => {
    const item = await figure(db, lead, { value: "62", n: 312 });
    const id = await approved(() => `Most members pay VAT [@ev:${item.id}].`);
    const submissionRow = await loadSubmission(db, id);
    expect(submissionRow.frozenNetwork).not.toBeNull();
    const before = await submissionDocument(db, submissionRow);
    const { id: draftBefore } = await submission(db, lead);
    const liveAboutBefore = (await submissionDocument(db, await loadSubmission(db, draftBefore))).aboutUs;
    const markdownBefore = submissionMarkdown(before);
    const docxBefore = await submissionDocx(before);
    expect(markdownBefore).toContain("62%");
    expect(markdownBefore).toContain("n = 312");

    await db.updateTable("evidence_items").set({ value: "71", n: 999 }).where("id", "=", item.id).execute();
    await db
      .insertInto("organisations")
      .values({
        name: `Late joiner ${process.pid}`,
        legal_form: "other",
        service_area: "health",
        membership_status: "active",
        staff_count: 5000,
      })
      .execute();

    const after = await submissionDocument(db, await loadSubmission(db, id));
    // A draft's about-us paragraph follows the directory; the approved one does not.
    const liveAboutAfter = (await submissionDocument(db, await loadSubmission(db, draftBefore))).aboutUs;
    expect(liveAboutAfter).not.toBe(liveAboutBefore);
    expect(after.aboutUs).toBe(before.aboutUs);
    expect(submissionMarkdown(after)).toBe(markdownBefore);
    expect((await submissionDocx(after)).equals(docxBefore)).toBe(true);
    // A draft, by contrast, reads the live value.
    const { id: draftId } = await submission(db, lead);
    await answerAll(lead, draftId, () => `Most members pay VAT [@ev:${item.id}].`);
    expect(submissionMarkdown(await submissionDocument(db, await loadSubmission(db, draftId)))).toContain(
      "71%",
    );
  });
});

describe("the record of what was sent", () => {
  test("marking as submitted stores each file's bytes and SHA-256; records are permanent; corrections chain", async () => {
    const item = await figure(db, lead);
    const id = await approved((index) => `Answer ${index + 1} [@ev:${item.id}].`);
    const draftDownload = await downloadSubmissionFile(db, lead, id, "docx");
    const sent = await markSubmitted(db, lead, {
      submissionId: id,
      channel: "online_form",
      reference: "CS-4471",
      sentOn: "2026-11-20",
      note: "",
    });
    expect(sent.state).toBe("submitted");
    const [record] = await listSubmissionRecords(db, lead, id);
    expect(record?.files.map((file) => file.kind)).toEqual(["docx", "markdown", "paste_pack"]);
    // The approved document is deterministic: the copy downloaded before sending has the recorded hash.
    expect(record?.files[0]?.sha256).toBe(draftDownload.sha256);
    const stored = await downloadSubmissionFile(db, lead, id, "docx");
    expect(sha256(stored.content)).toBe(record?.files[0]?.sha256);
    const xml = strFromU8(
      unzipSync(new Uint8Array(stored.content))["word/footnotes.xml"] ?? new Uint8Array(),
    );
    expect(xml).toContain("n = 312");
    const pack = await downloadSubmissionFile(db, lead, id, "paste_pack");
    expect(pack.content.toString("utf8")).toContain("Answer:\nAnswer 2 [1].");

    // Double submit: the second one is refused and nothing new is written.
    await expect(
      markSubmitted(db, lead, {
        submissionId: id,
        channel: "email",
        reference: "",
        sentOn: "2026-11-20",
        note: "",
      }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      db
        .updateTable("submission_records")
        .set({ reference: "edited" })
        .where("submission_id", "=", id)
        .execute(),
    ).rejects.toThrow(/permanent records/);
    await expect(
      db
        .deleteFrom("submission_files")
        .where("record_id", "=", record?.id ?? 0)
        .execute(),
    ).rejects.toThrow(/permanent records/);

    await markSubmitted(db, lead, {
      submissionId: id,
      channel: "online_form",
      reference: "CS-4472",
      sentOn: "2026-11-20",
      note: "The reference was mistyped",
      correctsId: record?.id,
    });
    const records = await listSubmissionRecords(db, lead, id);
    expect(records.map((r) => [r.reference, r.correctsId])).toEqual([
      ["CS-4472", record?.id],
      ["CS-4471", null],
    ]);
    expect(records[1]?.correctedById).toBe(records[0]?.id);
    await expect(
      markSubmitted(db, lead, {
        submissionId: id,
        channel: "post",
        reference: "",
        sentOn: "2026-11-20",
        note: "",
        correctsId: record?.id,
      }),
    ).rejects.toThrow(/already been corrected/);

    const outcome = await recordOutcome(db, lead, {
      submissionId: id,
      responseUrl: "https://www.gov.uk/government/consultations/x/outcome",
      responseOn: "2027-04-01",
      note: "Exemption extended",
    });
    expect(outcome.state).toBe("outcome_recorded");
  });

  test("a date in the future is refused", async () => {
    const id = await approved(() => "Yes.");
    await expect(
      markSubmitted(db, lead, {
        submissionId: id,
        channel: "post",
        reference: "",
        sentOn: "2099-01-01",
        note: "",
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

test("a consultation id that does not exist is not found", async () => {
  await consultation(db);
  await expect(
    createSubmission(db, lead, {
      consultationId: 1_999_999,
      government: "uk_government",
      leadId: lead.id,
      internalDeadline: "2027-01-01",
      preamble: "",
      questions: [{ number: null, text: "x" }],
    }),
  ).rejects.toMatchObject({ status: 404 });
});
