import { describe, expect, test } from "vitest";
import { z } from "zod";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { hasControlCharacters, requiredText, withoutControlCharacters } from "~/schemas/messages.ts";
import { parseForm } from "~/utils/forms.ts";
import { uniqueEmail } from "./context.ts";
import { openTestDb } from "./db.ts";
import { makeOrganisation } from "./directory-factories.ts";
import { startTestApp } from "./harness.ts";
import {
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "./surveys/factories.ts";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

describe("control characters in forms", () => {
  test("NUL and other control characters are found; tab, newline and carriage return are not", () => {
    for (const bad of ["a\u0000b", "\u0007", "x\u001b[31m", "\u007f", "\u0085"])
      expect(hasControlCharacters(bad)).toBe(true);
    for (const good of ["a\tb", "line one\r\nline two", "naïve café 🙂", ""])
      expect(hasControlCharacters(good)).toBe(false);
    expect(withoutControlCharacters("Pen\u0000sions\u0007\r\n")).toBe("Pensions\r\n");
  });

  test("a schema's text field is refused with its own message, and the typing comes back without the NUL", () => {
    const schema = z.object({ title: requiredText("the title", 200) });
    const result = parseForm(schema, form({ title: "VAT\u0000 relief" }));
    expect(result).toEqual({
      ok: false,
      errors: { title: "The title must not contain control characters" },
      values: { title: "VAT relief" },
    });
  });

  test("a field the schema does not build from the text helpers is refused too", () => {
    const schema = z.object({ note: z.string(), other: z.string().optional() });
    const result = parseForm(schema, form({ note: "fine", other: "bad\u0000" }));
    expect(result).toEqual({
      ok: false,
      errors: { other: "This field must not contain control characters" },
      values: { note: "fine", other: "bad" },
    });
    expect(parseForm(schema, form({ note: "two\nlines\twith a tab" }))).toMatchObject({ ok: true });
  });
});

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);

describe("control characters through the pages", () => {
  test("a person's name with a NUL is a 400 with the field error and the typing kept", async () => {
    const org = await makeOrganisation(db);
    const email = uniqueEmail("nul");
    const answer = await site.post(
      `/directory/${org.id}/people/new`,
      { name: "Sam\u0000 Okafor", email },
      { as: staff },
    );
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({
      errors: { name: "The person's name must not contain control characters" },
      values: { name: "Sam Okafor", email },
    });
    expect(await db.selectFrom("people").select("id").where("email", "=", email).execute()).toEqual([]);
  });

  test("a letter's addressee with a NUL is a 400 with the field error and the typing kept", async () => {
    const answer = await site.post(
      "/manage/letters/new",
      { title: "Fair VAT", addressee: "The\u0000 Chancellor", body: "Dear Chancellor" },
      { as: staff },
    );
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({
      errors: { addressee: "Who the letter is to must not contain control characters" },
      values: { addressee: "The Chancellor", title: "Fair VAT" },
    });
  });

  test("a position's title with a NUL is refused with a field error like any other text, typing kept", async () => {
    const fields = {
      title: "VAT\u0000 on shared services",
      summary: "Mutuals should recover VAT",
      topics: "vat",
      ownerId: String(staff.id),
      body: "Mutuals pay VAT that councils recover.",
      note: "",
    };
    const answer = await site.post("/positions/new", fields, { as: staff });
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({
      errors: { title: "A title must not contain control characters" },
      values: { title: "VAT on shared services", summary: "Mutuals should recover VAT" },
      topics: ["vat"],
    });
    const titles = await db.selectFrom("positions").select("title").execute();
    expect(titles.some((row) => row.title.includes("VAT on shared services"))).toBe(false);
  });

  test("a survey answer with a stray NUL is saved without it (stripped, not refused)", async () => {
    await createMemberOrg(db, { serviceArea: "culture" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["culture"] });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const [first] = await loadSurveyContent(db, survey.id);
    const [choice, amount] = first?.questions ?? [];
    const token = [...tokens.values()][0];
    if (!choice || !amount || !token) throw new Error("survey");
    const saved = await site.post(`/s/${token}/1`, {
      version: "0",
      [`q${choice.id}`]: "other",
      [`q${choice.id}-other`]: "Librar\u0000ies",
      [`q${amount.id}`]: "12\u00000",
    });
    expect(saved.status, JSON.stringify(saved.data)).toBe(303);
    const texts = JSON.stringify(await db.selectFrom("survey_answers").selectAll().execute());
    expect(texts).toContain("Libraries");
    expect(texts).not.toContain("\\u0000");
  });
});
