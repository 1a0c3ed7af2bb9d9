import { describe, expect, test } from "vitest";
import { copySurveyAsNewVersion } from "~/models/surveys/copy.server.ts";
import { saveSection, submitResponse } from "~/models/surveys/answering.server.ts";
import { accessByToken } from "~/models/surveys/links.server.ts";
import { getSurveyAggregates } from "~/models/surveys/results.server.ts";
import { loadSurvey, loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { saveSurveyWelsh } from "~/models/surveys/welsh.server.ts";
import { surveyWelshSchema } from "~/schemas/welsh.ts";
import { welshField } from "~/utils/survey-welsh.ts";
import { messagesFor } from "~/utils/i18n.ts";
import { parseAnswers } from "~/utils/survey-answer-checks.ts";
import { answerValuesFrom, describeAnswer, fieldName } from "~/utils/survey-answers.ts";
import { sectionsIn, surveyTextIn } from "~/utils/survey-welsh.ts";
import { openTestDb } from "../db.ts";
import {
  APP_URL,
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "./factories.ts";

const { db } = await openTestDb();
const staff = await createStaff(db);

/** A survey from the factory with Welsh for everything but the number question and the second section's title. */
async function bilingualSurvey(serviceArea: "leisure" | "housing" = "leisure") {
  const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: [serviceArea] });
  const sections = await loadSurveyContent(db, survey.id);
  const [first, second] = sections;
  const [choice, number] = first?.questions ?? [];
  const [yesNo] = second?.questions ?? [];
  if (!first || !second || !choice || !number || !yesNo) throw new Error("survey content");
  const form = {
    version: String(survey.version),
    bilingual: "yes",
    title: "TAW ar wasanaethau a rennir",
    introduction: "",
    [welshField.section(first.id, "title")]: "Amdanoch chi",
    [welshField.question(choice.id, "prompt")]: "Pa wasanaeth ydych chi'n ei ddarparu'n bennaf?",
    [welshField.choice(choice.id, "health")]: "Iechyd",
    [welshField.choice(choice.id, "social-care")]: "Gofal cymdeithasol",
    // "Leisure" is left untranslated: it falls back to English.
    [welshField.question(yesNo.id, "prompt")]: "A yw TAW wedi atal gwasanaeth a rennir?",
  };
  const saved = await saveSurveyWelsh(db, staff, survey.id, surveyWelshSchema({ sections }).parse(form));
  return { survey: saved, first, second, choice, number, yesNo, sections };
}

describe("Welsh text of a survey", () => {
  test("is stored beside the English and read back, and empty boxes are stored as no translation", async () => {
    const { survey, choice, number, first, second } = await bilingualSurvey();
    expect(survey).toMatchObject({
      bilingual: true,
      titleCy: "TAW ar wasanaethau a rennir",
      introductionCy: null,
    });
    const content = await loadSurveyContent(db, survey.id);
    const stored = content.flatMap((section) => section.questions);
    expect(stored.find((q) => q.id === choice.id)?.welsh).toEqual({
      prompt: "Pa wasanaeth ydych chi'n ei ddarparu'n bennaf?",
      helpText: null,
      settings: { choices: { health: "Iechyd", "social-care": "Gofal cymdeithasol" } },
    });
    expect(stored.find((q) => q.id === number.id)?.welsh).toEqual({
      prompt: null,
      helpText: null,
      settings: {},
    });
    expect(content.map((section) => section.welsh)).toEqual([
      { title: "Amdanoch chi", introduction: null },
      { title: null, introduction: null },
    ]);
    expect([first.id, second.id]).toEqual(content.map((section) => section.id));
  });

  test("pages in Welsh use the Welsh and fall back to English, naming what fell back; English pages are untouched", async () => {
    const { survey, choice, number } = await bilingualSurvey();
    const content = await loadSurveyContent(db, survey.id);
    const [first, second] = sectionsIn(content, "cy");
    expect(first?.title).toBe("Amdanoch chi");
    expect(second).toMatchObject({ title: "Your experience", english: ["title"] });
    const welshChoice = first?.questions.find((q) => q.id === choice.id);
    expect(welshChoice?.prompt).toBe("Pa wasanaeth ydych chi'n ei ddarparu'n bennaf?");
    expect(welshChoice?.config).toMatchObject({
      settings: {
        choices: [
          { key: "health", label: "Iechyd" },
          { key: "social-care", label: "Gofal cymdeithasol" },
          { key: "leisure", label: "Leisure" },
        ],
      },
    });
    expect(welshChoice?.english).toEqual(["choice:leisure"]);
    // Its unit "£" has no Welsh either; an empty help text has nothing to fall back to.
    expect(first?.questions.find((q) => q.id === number.id)?.english).toEqual(["prompt", "unit"]);
    const [english] = sectionsIn(content, "en");
    expect(english?.title).toBe("About you");
    expect(english?.questions.every((q) => q.english.length === 0)).toBe(true);
    expect(surveyTextIn(survey, "cy")).toEqual({
      title: "TAW ar wasanaethau a rennir",
      introduction: survey.introduction,
      english: survey.introduction ? ["introduction"] : [],
    });
  });

  test("a copy as a new version keeps the Welsh", async () => {
    const { survey, choice } = await bilingualSurvey();
    const copy = await copySurveyAsNewVersion(db, staff, survey.id);
    expect(copy).toMatchObject({ bilingual: true, titleCy: "TAW ar wasanaethau a rennir" });
    const copied = (await loadSurveyContent(db, copy.id)).flatMap((section) => section.questions);
    expect(copied.find((q) => q.prompt === choice.prompt)?.welsh.settings.choices).toEqual({
      health: "Iechyd",
      "social-care": "Gofal cymdeithasol",
    });
  });

  test("a stale form is refused, and a crafted id from another survey changes nothing there", async () => {
    const { survey, sections } = await bilingualSurvey();
    const other = await createSurveyWithQuestions(db, staff);
    const [otherSection] = await loadSurveyContent(db, other.id);
    if (!otherSection) throw new Error("no section");
    const stale = surveyWelshSchema({ sections }).parse({ version: "1", title: "Hen deitl" });
    await expect(saveSurveyWelsh(db, staff, survey.id, stale)).rejects.toMatchObject({ kind: "conflict" });
    const crafted = surveyWelshSchema({ sections: [{ id: otherSection.id, questions: [] }] }).parse({
      version: String(survey.version),
      [welshField.section(otherSection.id, "title")]: "Wedi'i herwgipio",
    });
    await saveSurveyWelsh(db, staff, survey.id, crafted);
    const [after] = await loadSurveyContent(db, other.id);
    expect(after?.welsh.title).toBeNull();
    expect((await loadSurvey(db, survey.id, { lock: false })).titleCy).toBeNull();
  });

  test("answers given in Welsh and in English are stored by choice key and pooled in the results", async () => {
    const { survey, first, second, choice, yesNo } = await bilingualSurvey("housing");
    const orgs = [
      await createMemberOrg(db, { serviceArea: "housing" }),
      await createMemberOrg(db, { serviceArea: "housing" }),
    ];
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const content = await loadSurveyContent(db, survey.id);
    for (const [index, org] of orgs.entries()) {
      const language = index === 0 ? "cy" : "en";
      const t = messagesFor(language);
      const token = tokens.get(org.people[0]?.email ?? "") ?? "";
      const access = await accessByToken(db, token);
      const [page1, page2] = sectionsIn(content, language);
      if (!page1 || !page2) throw new Error("pages");
      const form = new FormData();
      form.set(fieldName(choice.id), "health");
      form.set(fieldName(yesNo.id), "yes");
      const one = parseAnswers(page1.questions, answerValuesFrom(page1.questions, form), "named", t);
      const two = parseAnswers(page2.questions, answerValuesFrom(page2.questions, form), "named", t);
      if (!one.ok || !two.ok) throw new Error("answers refused");
      await saveSection(db, access, page1, 0, one.answers);
      await saveSection(db, access, page2, 0, two.answers);
      await submitResponse(db, access, APP_URL, token);
      expect(describeAnswer(page1.questions[0] ?? choice, one.answers[0], t)).toBe(
        language === "cy" ? "Iechyd" : "Health",
      );
    }
    const stored = await db
      .selectFrom("survey_answers")
      .select("choices")
      .where("question_id", "=", choice.id)
      .execute();
    expect(stored.map((row) => row.choices)).toEqual([["health"], ["health"]]);
    // Invitations and receipts of a bilingual survey carry both languages.
    const emails = await db
      .selectFrom("email_outbox")
      .select("template")
      .where(
        "to_address",
        "in",
        orgs.map((org) => org.people[0]?.email ?? ""),
      )
      .orderBy("id")
      .execute();
    expect(emails.map((email) => email.template)).toEqual([
      "survey-invitation-bilingual",
      "survey-invitation-bilingual",
      "survey-receipt-bilingual",
      "survey-receipt-bilingual",
    ]);
    const results = await getSurveyAggregates(db, staff, survey.id, { by: "none", filter: null });
    expect(results.byQuestion.get(choice.id)?.choices.get("health")?.get(null)).toBe(2);
    expect(results.byQuestion.get(yesNo.id)?.choices.get("yes")?.get(null)).toBe(2);
    expect([first.id, second.id]).toHaveLength(2);
  });

  test("validation messages come in the page's language", () => {
    const [question] = [
      {
        id: 1,
        prompt: "Cwestiwn",
        helpText: "",
        required: true,
        config: { kind: "yes_no", settings: {} },
      } as const,
    ];
    const refused = parseAnswers([question], {}, "named", messagesFor("cy"));
    expect(refused).toEqual({ ok: false, errors: { q1: "Atebwch “Cwestiwn”: mae angen ateb" } });
    const wrong = parseAnswers([question], { q1: "maybe" }, "named", messagesFor("cy"));
    expect(wrong).toEqual({ ok: false, errors: { q1: "Dewiswch ie neu na" } });
  });
});
