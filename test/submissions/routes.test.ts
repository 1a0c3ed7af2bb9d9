import { strFromU8, unzipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { withdrawEvidence } from "~/models/evidence/evidence.server.ts";
import type { Person } from "~/models/accounts/people.server.ts";
import { approveSubmission, requestSubmissionReview } from "~/models/submissions/lifecycle.server.ts";
import { listQuestions, saveAnswer } from "~/models/submissions/answers.server.ts";
import { loadSubmission } from "~/models/submissions/submissions.server.ts";
import { loader as publicLoader } from "~/routes/c.$slug.tsx";
import { action as viewAction, loader as viewLoader } from "~/routes/submissions.$id._index.tsx";
import { loader as docxLoader } from "~/routes/submissions.$id.export[.docx].ts";
import { loader as mdLoader } from "~/routes/submissions.$id.export[.md].ts";
import { loader as pasteLoader } from "~/routes/submissions.$id.paste-pack.tsx";
import {
  action as answerAction,
  loader as answerLoader,
} from "~/routes/submissions.$id.questions.$questionId.tsx";
import { action as recordAction } from "~/routes/submissions.$id.record.tsx";
import { loader as listLoader } from "~/routes/submissions._index.tsx";
import { action as newAction, loader as newLoader } from "~/routes/submissions.new.tsx";
import { createSession, sessionCookie } from "~/models/accounts/sessions.server.ts";
import { testContext } from "../context.ts";
import { openTestDb } from "../db.ts";
import { figure, memberPerson, newPosition, staffPerson } from "../positions-fixtures.ts";
import { urgentPublish } from "~/models/positions/lifecycle.server.ts";
import { consultation, PASTED_QUESTIONS, submission } from "./factories.ts";

const { db } = await openTestDb();
const context = testContext(db);
const lead = await staffPerson(db, "Priya Shah");
const reviewer = await staffPerson(db, "Sam Reviewer");
const admin = await staffPerson(db, "Alex Morgan", "admin");
const member = await memberPerson(db);
const ctx = { appUrl: "https://voice.example" };

async function cookieFor(person: Person) {
  const id = await createSession(db, person.id, context.env);
  return { Cookie: await sessionCookie(context.env).serialize(id) };
}

async function post(person: Person, url: string, fields: Record<string, string>) {
  return new Request(new URL(url, "http://localhost:3000"), {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(await cookieFor(person)) },
  });
}

async function get(person: Person | null, url: string) {
  return new Request(new URL(url, "http://localhost:3000"), {
    headers: person ? await cookieFor(person) : {},
  });
}

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

async function thrown(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  return 200;
}

describe("new submission", () => {
  test("preview splits the pasted questions; bad input is a 400 that keeps the typing; create redirects", async () => {
    const found = await consultation(db, { level: "devolved", nation: "wales", closesOn: "2027-02-12" });
    const loaded = unwrap(
      await newLoader({
        request: await get(lead, `/submissions/new?consultation=${found.id}`),
        context,
        params: {},
      }),
    );
    expect(loaded.body.defaults).toMatchObject({
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
    const preview = unwrap(
      await newAction({
        request: await post(lead, "/submissions/new", { ...fields, intent: "preview" }),
        context,
        params: {},
      }),
    );
    expect(preview.status).toBe(200);
    expect(preview.body.preview).toMatchObject({
      questions: [{ number: "1" }, { number: "2" }, { number: "3" }],
    });

    const bad = unwrap(
      await newAction({
        request: await post(lead, "/submissions/new", {
          ...fields,
          internalDeadline: "next week",
          intent: "create",
        }),
        context,
        params: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual({
      internalDeadline: "Enter the internal deadline as a date, like 2027-01-15",
    });
    expect(bad.body.values).toMatchObject({ questions: PASTED_QUESTIONS });

    const created = await newAction({
      request: await post(lead, "/submissions/new", { ...fields, intent: "create" }),
      context,
      params: {},
    });
    expect(created).toBeInstanceOf(Response);
    const location = created instanceof Response ? created.headers.get("Location") : null;
    expect(location).toMatch(/^\/submissions\/\d+$/);
    // Submitted twice: the same submission, not a second one.
    const again = await newAction({
      request: await post(lead, "/submissions/new", { ...fields, intent: "create" }),
      context,
      params: {},
    });
    expect(again instanceof Response ? again.headers.get("Location") : null).toBe(location);
  });

  test("members are refused (403, as on every staff page); an unknown consultation is a 404", async () => {
    expect(
      await thrown(newLoader({ request: await get(member, "/submissions/new"), context, params: {} })),
    ).toBe(403);
    expect(
      await thrown(listLoader({ request: await get(member, "/submissions"), context, params: {} })),
    ).toBe(403);
    expect(
      await thrown(
        newLoader({ request: await get(lead, "/submissions/new?consultation=1999999"), context, params: {} }),
      ),
    ).toBe(404);
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
    const params = { id: String(id), questionId: String(first.id) };
    const result = unwrap(
      await answerAction({
        request: await post(lead, "/x", {
          intent: "save-answer",
          questionId: String(first.id),
          baseVersion: "1",
          answer: "Mine, typed carefully",
        }),
        context,
        params,
      }),
    );
    expect(result.status).toBe(409);
    expect(result.body.conflict).toMatchObject({ theirs: "Theirs", version: 2, by: "Sam Reviewer" });
    expect(result.body.values).toMatchObject({ answer: "Mine, typed carefully" });
    // Another submission's question through this one's URL: 404.
    const other = await submission(db, lead);
    expect(
      await thrown(
        answerLoader({
          request: await get(lead, "/x"),
          context,
          params: { id: String(other.id), questionId: String(first.id) },
        }),
      ),
    ).toBe(404);
  });

  test("the editor offers a position's text as the submission's government reads it", async () => {
    const position = await newPosition(db, admin, {
      title: `Pensions ${process.pid}`,
      body: "UK-wide text.\n\n::: wales\nWelsh text.\n:::\n\n::: scotland\nScottish text.\n:::",
    });
    await urgentPublish(db, admin, { positionId: position.id, reason: "Needed now" }, ctx);
    const { id } = await submission(db, lead, { government: "welsh_government" });
    const [first] = await listQuestions(db, id);
    const loaded = unwrap(
      await answerLoader({
        request: await get(lead, `/x?position=${position.slug}`),
        context,
        params: { id: String(id), questionId: String(first?.id) },
      }),
    );
    expect(loaded.body.chosen).toMatchObject({ markdown: "UK-wide text.\n\nWelsh text." });
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
    const params = { id: String(id) };
    const review = await viewAction({
      request: await post(lead, "/x", {
        intent: "request-review",
        reviewerId: String(reviewer.id),
        message: "",
      }),
      context,
      params,
    });
    expect(review instanceof Response ? review.headers.get("Location") : null).toBe(
      `/submissions/${id}?done=request-review`,
    );
    const selfApproval = unwrap(
      await viewAction({
        request: await post(lead, "/x", { intent: "approve", comment: "" }),
        context,
        params,
      }),
    );
    expect(selfApproval.status).toBe(403);
    await viewAction({
      request: await post(reviewer, "/x", { intent: "approve", comment: "" }),
      context,
      params,
    });
    expect((await loadSubmission(db, id)).state).toBe("approved");

    const page = unwrap(
      await viewLoader({ request: await get(lead, `/submissions/${id}`), context, params }),
    );
    expect(page.body.frozen).toBe(true);

    const docx = await docxLoader({ request: await get(lead, "/x"), context, params });
    expect(docx.headers.get("Content-Type")).toContain("wordprocessingml");
    const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    expect(strFromU8(files["word/document.xml"] ?? new Uint8Array())).toContain("62% pay VAT");
    const markdown = await (await mdLoader({ request: await get(lead, "/x"), context, params })).text();
    expect(markdown).toContain("[^1]: Members paying irrecoverable VAT: 62%");
    const pack = unwrap(await pasteLoader({ request: await get(lead, "/x"), context, params }));
    expect(pack.body.answers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: expect.stringContaining("Yes. 62% pay VAT [1].") }),
      ]),
    );

    const badRecord = unwrap(
      await recordAction({
        request: await post(lead, "/x", { intent: "mark-submitted", channel: "fax", sentOn: "2026-11-20" }),
        context,
        params,
      }),
    );
    expect(badRecord.status).toBe(400);
    expect(badRecord.body.errors).toMatchObject({ channel: "Choose how it was sent" });
    await recordAction({
      request: await post(lead, "/x", {
        intent: "mark-submitted",
        channel: "email",
        reference: "Sent to vat@hmt",
        sentOn: "2026-11-20",
      }),
      context,
      params,
    });
    expect((await loadSubmission(db, id)).state).toBe("submitted");
    const sentDocx = await docxLoader({ request: await get(lead, "/x"), context, params });
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
    expect(
      await thrown(publicLoader({ request: await get(null, "/x"), context, params: { slug: "nothing" } })),
    ).toBe(404);
    await viewAction({ request: await post(lead, "/x", { intent: "publish" }), context, params });
    const published = await loadSubmission(db, id);
    expect(published.slug).toMatch(new RegExp(`-${id}$`));
    const publicPage = unwrap(
      await publicLoader({ request: await get(null, "/x"), context, params: { slug: published.slug ?? "" } }),
    );
    expect(JSON.stringify(publicPage.body)).toContain("<strong>Yes.</strong>");
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
    const params = { id: String(id) };
    const page = unwrap(await viewLoader({ request: await get(lead, "/x"), context, params }));
    expect(page.body.view).toMatchObject({ problems: 1 });
    expect(JSON.stringify(page.body.answers)).toContain("has been withdrawn");
    const review = unwrap(
      await viewAction({
        request: await post(lead, "/x", {
          intent: "request-review",
          reviewerId: String(reviewer.id),
          message: "",
        }),
        context,
        params,
      }),
    );
    expect(review.status).toBe(409);
    expect(review.body.refusal).toMatch(/cannot be used/);
  });

  test("an unknown intent is a 400, not a 500", async () => {
    const { id } = await submission(db, lead);
    const result = unwrap(
      await viewAction({
        request: await post(lead, "/x", { intent: "explode" }),
        context,
        params: { id: String(id) },
      }),
    );
    expect(result.status).toBe(400);
  });

  test("approval through the model with a second reviewer still works when an admin decides", async () => {
    const { id } = await submission(db, lead);
    await requestSubmissionReview(db, lead, { submissionId: id, reviewerId: reviewer.id, message: "" }, ctx);
    await approveSubmission(db, admin, { submissionId: id, comment: "" }, ctx);
    expect((await loadSubmission(db, id)).state).toBe("approved");
  });
});
