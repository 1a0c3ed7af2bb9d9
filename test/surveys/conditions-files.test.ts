import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { erasePerson } from "~/models/directory/data-rights.server.ts";
import { addQuestion, addSection, deleteQuestion, moveQuestion } from "~/models/surveys/builder.server.ts";
import { copySurveyAsNewVersion } from "~/models/surveys/copy.server.ts";
import { getSurveyAggregates } from "~/models/surveys/results.server.ts";
import { createSurvey, loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { questionFormSchema } from "~/schemas/survey-builder.ts";
import { fileStoreFor } from "~/services/storage.server.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import { createMemberOrg, createStaff, openAndCollectTokens, settings } from "./factories.ts";

const database = await openTestDb();
const { db } = database;
const dataDir = await mkdtemp(path.join(tmpdir(), "mv-files-"));
const site = await startTestApp(database, { DATA_DIR: dataDir });
const staff = await createStaff(db);

const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

const question = (fields: Record<string, string>) => questionFormSchema.parse(fields);

/** Section 1: a yes/no, a follow-up asked after yes, a file. Section 2, asked after yes: a number. Section 3: text. */
async function conditionalSurvey(anonymity: "named" | "confidential" = "confidential") {
  const survey = await createSurvey(
    db,
    staff,
    settings({ serviceAreas: ["youth"], mode: "organisation", anonymity }),
  );
  const [first] = await loadSurveyContent(db, survey.id);
  if (!first) throw new Error("no section");
  const sectionId = String(first.id);
  const pays = await addQuestion(
    db,
    staff,
    survey.id,
    question({ sectionId, kind: "yes_no", prompt: "Do you pay VAT on shared services?", required: "yes" }),
  );
  const which = await addQuestion(
    db,
    staff,
    survey.id,
    question({
      sectionId,
      kind: "short_text",
      prompt: "Which services?",
      required: "yes",
      showWhen: `${pays}:yes`,
    }),
  );
  const file = await addQuestion(
    db,
    staff,
    survey.id,
    question({ sectionId, kind: "file", prompt: "Attach your VAT return", maxMegabytes: "1" }),
  );
  const second = await addSection(db, staff, survey.id, {
    title: "What it costs",
    introduction: "",
    condition: { questionId: pays, test: "yes" },
  });
  const amount = await addQuestion(
    db,
    staff,
    survey.id,
    question({ sectionId: String(second), kind: "number", prompt: "How much?" }),
  );
  const third = await addSection(db, staff, survey.id, { title: "Anything else", introduction: "" });
  await addQuestion(
    db,
    staff,
    survey.id,
    question({ sectionId: String(third), kind: "long_text", prompt: "Tell us more" }),
  );
  return { survey, pays, which, file, amount };
}

function upload(
  fields: Record<string, string>,
  files: Record<string, { bytes: Uint8Array; name: string }> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, file] of Object.entries(files))
    form.append(name, new File([new Uint8Array(file.bytes)], file.name));
  return form;
}

describe("conditional questions", () => {
  test("the builder refuses a condition on a later question, and a move or deletion that would break one", async () => {
    const { survey, pays, which } = await conditionalSurvey();
    const [first] = await loadSurveyContent(db, survey.id);
    await expect(
      addQuestion(
        db,
        staff,
        survey.id,
        question({
          sectionId: String(first?.id),
          kind: "yes_no",
          prompt: "Loop?",
          showWhen: `${which + 1000}:yes`,
        }),
      ),
    ).rejects.toThrow(/does not come before it/);
    await expect(moveQuestion(db, staff, survey.id, which, "up")).rejects.toThrow(/does not come before it/);
    await expect(deleteQuestion(db, staff, survey.id, pays)).rejects.toThrow(/does not come before it/);
    const refused = await site.post(
      `/surveys/${survey.id}/questions/new`,
      { sectionId: String(first?.id), kind: "short_text", prompt: "Bad range", showWhen: `${pays}:between` },
      { as: staff },
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      errors: { showWhenMin: expect.stringMatching(/smallest or the largest/) },
    });
  });

  test("a copy as a new version keeps every condition, pointing at the copy's own questions", async () => {
    const { survey, pays } = await conditionalSurvey();
    const copy = await copySurveyAsNewVersion(db, staff, survey.id);
    const original = await loadSurveyContent(db, survey.id);
    const copied = await loadSurveyContent(db, copy.id);
    const prompts = (content: typeof original) =>
      new Map(content.flatMap((section) => section.questions).map((q) => [q.id, q.prompt]));
    // Each condition, read as "prompt of the question it tests" and its test, is the same in both.
    const conditions = (content: typeof original) => {
      const byId = prompts(content);
      const read = (condition: { questionId: number; test: string } | null) =>
        condition ? `${byId.get(condition.questionId)} ${condition.test}` : null;
      return content.map((section) => ({
        section: read(section.condition),
        questions: section.questions.map((q) => read(q.condition)),
      }));
    };
    expect(conditions(copied)).toEqual(conditions(original));
    expect(conditions(copied)[1]?.section).toBe("Do you pay VAT on shared services? yes");
    // And none points back into the survey it was copied from.
    const copiedIds = new Set(prompts(copied).keys());
    const tested = copied.flatMap((section) => [
      section.condition,
      ...section.questions.map((q) => q.condition),
    ]);
    expect(tested.filter((c) => c !== null).every((c) => c && copiedIds.has(c.questionId))).toBe(true);
    expect(copiedIds.has(pays)).toBe(false);
  });

  test("file questions are refused on anonymous surveys", async () => {
    const survey = await createSurvey(db, staff, settings({ mode: "person", anonymity: "anonymous" }));
    const [first] = await loadSurveyContent(db, survey.id);
    await expect(
      addQuestion(
        db,
        staff,
        survey.id,
        question({ sectionId: String(first?.id), kind: "file", prompt: "A file" }),
      ),
    ).rejects.toThrow(/Anonymous surveys cannot ask for files/);
  });

  test("a follow-up appears after a yes, files are checked by content, changed answers are dropped on submit with a warning", async () => {
    const { organisation, people } = await createMemberOrg(db, { serviceArea: "youth" });
    const outsider = (await createMemberOrg(db, { serviceArea: "health" })).people[0];
    const { survey, pays, which, file, amount } = await conditionalSurvey();
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const token = tokens.get(people[0]?.email ?? "") ?? "";
    const page = async (n: number) => (await site.load(`/s/${token}/${n}`)).data;
    const pageShape = z.object({ section: z.object({ questions: z.array(z.object({ id: z.number() })) }) });
    const shownIds = (data: Record<string, unknown>) =>
      pageShape.parse(data).section.questions.map((q) => q.id);

    expect(shownIds(await page(1))).toEqual([pays, file]);
    // Yes brings in the follow-up: the page comes back with it, and its requirement waits until it is shown.
    const yes = await site.post(`/s/${token}/1`, upload({ version: "0", [`q${pays}`]: "yes" }));
    expect(yes.location).toBe(`/s/${token}/1?more=1`);
    expect(shownIds(await page(1))).toEqual([pays, which, file]);

    const version = () => page(1).then((data) => String(data.version));
    const falseName = await site.post(
      `/s/${token}/1`,
      upload(
        { version: await version(), [`q${pays}`]: "yes", [`q${which}`]: "Payroll" },
        {
          [`q${file}`]: { bytes: PNG, name: "return.pdf" },
        },
      ),
    );
    expect(falseName.status).toBe(400);
    expect(falseName.data).toMatchObject({
      errors: { [`q${file}`]: expect.stringMatching(/ends \.pdf but it is a PNG/) },
    });
    const text = await site.post(
      `/s/${token}/1`,
      upload(
        { version: await version(), [`q${pays}`]: "yes", [`q${which}`]: "Payroll" },
        {
          [`q${file}`]: { bytes: new TextEncoder().encode("#!/bin/sh\necho hi\n"), name: "return.pdf" },
        },
      ),
    );
    expect(text.status).toBe(400);
    const tooBig = await site.post(
      `/s/${token}/1`,
      upload(
        { version: await version(), [`q${pays}`]: "yes", [`q${which}`]: "Payroll" },
        {
          [`q${file}`]: { bytes: new Uint8Array(1024 * 1024 + 1), name: "big.pdf" },
        },
      ),
    );
    expect(tooBig.data).toMatchObject({ errors: { [`q${file}`]: "The file must be 1.0 MB or smaller" } });
    expect(await db.selectFrom("stored_files").select("id").execute()).toEqual([]);

    const saved = await site.post(
      `/s/${token}/1`,
      upload(
        { version: await version(), [`q${pays}`]: "yes", [`q${which}`]: "Payroll" },
        {
          [`q${file}`]: { bytes: PDF, name: 'VAT return "2025".pdf' },
        },
      ),
    );
    expect(saved.location).toBe(`/s/${token}/2`);
    const stored = await db.selectFrom("stored_files").selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      media_type: "application/pdf",
      organisation_id: organisation.id,
      size_bytes: PDF.length,
    });
    await site.post(`/s/${token}/2`, { version: "0", [`q${amount}`]: "1200" });

    // Downloads: staff and the organisation, as an attachment with nosniff; others are told nothing.
    const download = await site.get(`/files/${stored.id}`, { as: staff });
    expect(download.status).toBe(200);
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(download.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="VAT return _2025_.pdf"/,
    );
    expect(download.bytes).toEqual(PDF);
    expect((await site.get(`/files/${stored.id}`, { as: people[0] })).status).toBe(200);
    expect((await site.get(`/files/${stored.id}`, { as: outsider })).status).toBe(404);
    expect((await site.get(`/files/${stored.id}`)).status).toBe(302);

    // No now: the follow-up and the whole second section stop applying; the check page says so.
    const no = await site.post(`/s/${token}/1`, upload({ version: await version(), [`q${pays}`]: "no" }));
    expect(no.location).toBe(`/s/${token}/3`);
    const check = (await site.load(`/s/${token}/check`)).data;
    expect(check.notSent).toEqual([
      "You changed “Do you pay VAT on shared services?”, so your answer to “Which services?” will not be sent.",
      "You changed “Do you pay VAT on shared services?”, so your answer to “How much?” will not be sent.",
    ]);
    expect((await site.post(`/s/${token}/check`, {})).status).toBe(303);
    const kept = await db.selectFrom("survey_answers").select("question_id").orderBy("question_id").execute();
    expect(kept.map((row) => row.question_id)).toEqual([pays, file]);

    const results = await getSurveyAggregates(db, staff, survey.id, { by: "none", filter: null });
    expect(results.asked.get(which)).toBe(0);
    expect(results.asked.get(amount)).toBe(0);
    expect(results.asked.has(pays)).toBe(false);

    // Staff keep the file as a source in the evidence library, once however often they press.
    const listed = await site.load(`/surveys/${survey.id}/files/${file}`, { as: staff });
    expect(listed.data).toMatchObject({ files: [{ id: stored.id, organisation: organisation.name }] });
    expect((await site.load(`/surveys/${survey.id}/files/${file}`, { as: people[0] })).status).toBe(403);
    const keep = () =>
      site.post(`/surveys/${survey.id}/files/${file}`, { fileId: String(stored.id) }, { as: staff });
    const first = await keep();
    expect(first.location).toMatch(/^\/evidence\/\d+$/);
    expect((await keep()).location).toBe(first.location);
    const evidence = await db
      .selectFrom("evidence_items")
      .select(["kind", "url", "file_id"])
      .where("file_id", "=", stored.id)
      .execute();
    expect(evidence).toEqual([{ kind: "source", url: `/files/${stored.id}`, file_id: stored.id }]);

    // Erasing the uploader removes the file, its answer and the bytes.
    const person = people[0];
    if (!person) throw new Error("person");
    await erasePerson(db, staff, person.id, fileStoreFor(path.resolve(dataDir)));
    expect(await db.selectFrom("stored_files").select("id").execute()).toEqual([]);
    expect(await readdir(path.join(dataDir, "files", "blobs", stored.sha256.slice(0, 2)))).toEqual([]);
  });

  test("staff add a document to the evidence library; CSV is taken only as UTF-8 text under a .csv name", async () => {
    const post = (name: string, bytes: Uint8Array, fields: Record<string, string> = {}) =>
      site.post(
        "/evidence/upload",
        upload(
          { title: "Shared payroll costs", publisher: "Northgate CIC", ...fields },
          { document: { bytes, name } },
        ),
        { as: staff },
      );
    const binary = await post("costs.csv", new Uint8Array([0x63, 0x00, 0xff, 0xfe]));
    expect(binary.status).toBe(400);
    expect(binary.data).toMatchObject({
      errors: { document: expect.stringMatching(/not one of the types we take/) },
    });
    const missingTitle = await post("costs.csv", new TextEncoder().encode("a,b\n1,2\n"), { title: "" });
    expect(missingTitle.data).toMatchObject({
      errors: { title: expect.any(String), document: /Choose the document again/ },
    });
    const added = await post("costs.csv", new TextEncoder().encode("service,vat\npayroll,1200\n"));
    expect(added.location).toMatch(/^\/evidence\/\d+\?created=1$/);
    const item = await db
      .selectFrom("evidence_items")
      .innerJoin("stored_files", "stored_files.id", "evidence_items.file_id")
      .select(["evidence_items.title", "stored_files.media_type", "stored_files.organisation_id"])
      .where("evidence_items.title", "=", "Shared payroll costs")
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ title: "Shared payroll costs", media_type: "text/csv", organisation_id: null });
    const member = (await createMemberOrg(db)).people[0];
    expect((await site.get("/evidence/upload", { as: member })).status).toBe(403);
  });
});
