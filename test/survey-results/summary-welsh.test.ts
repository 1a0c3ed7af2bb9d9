import { describe, expect, test } from "vitest";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { saveSurveyWelsh } from "~/models/surveys/welsh.server.ts";
import { surveyWelshSchema } from "~/schemas/welsh.ts";
import { joinNamesCy } from "~/utils/i18n-results.ts";
import { languageCookieHeader } from "~/utils/language.server.ts";
import { welshField } from "~/utils/survey-welsh.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import { createMemberOrg, createStaff } from "../surveys/factories.ts";
import { createResultsSurvey, seedResponses } from "./factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);
const welshCookie = (await languageCookieHeader({ NODE_ENV: "test" }, "cy")).split(";")[0] ?? "";

/**
 * A closed bilingual survey with answers from England and Northern Ireland (too few there to show),
 * Welsh for everything but the number question's prompt and one choice, and an invited member.
 */
async function closedBilingualSurvey() {
  const { survey, q } = await createResultsSurvey(db, staff);
  const sections = await loadSurveyContent(db, survey.id);
  const single = sections.flatMap((s) => s.questions).find((question) => question.id === q.single);
  if (single?.config.kind !== "single_choice") throw new Error("single choice");
  const [many, few, none] = single.config.settings.choices;
  if (!many || !few || !none) throw new Error("choices");
  const form = {
    version: String(survey.version),
    bilingual: "yes",
    title: "Arolwg TAW yn Gymraeg",
    [welshField.question(q.single, "prompt")]: "Ydych chi'n rhannu gwasanaethau?",
    [welshField.choice(q.single, many.key)]: "Ydym, llawer",
    [welshField.choice(q.single, few.key)]: "Ychydig",
    // "None" is left untranslated: it falls back to English.
    [welshField.question(q.yesNo, "prompt")]: "Fyddech chi'n adennill TAW pe gallech?",
    [welshField.question(q.scale, "prompt")]: "Pa mor anodd yw TAW?",
    [welshField.question(q.scale, "minLabel")]: "Hawdd",
  };
  await saveSurveyWelsh(db, staff, survey.id, surveyWelshSchema({ sections }).parse(form));
  const org = await createMemberOrg(db, { nation: "wales" });
  await seedResponses(
    db,
    survey,
    Array.from({ length: 14 }, (_, i) => ({
      nation: i < 12 ? ("england" as const) : ("northern_ireland" as const),
      submittedOn: "2026-11-02",
      organisationId: org.organisation.id,
      answers: {
        [q.single]: { choices: [[many, few, none][i % 3]?.key ?? many.key] },
        [q.yesNo]: { yes: i % 2 === 0 },
        [q.scale]: { number: 1 + (i % 5) },
        [q.number]: { number: 100 * i },
      },
    })),
  );
  await db
    .updateTable("surveys")
    .set({ state: "closed", closed_at: new Date() })
    .where("id", "=", survey.id)
    .execute();
  const member = org.people[0];
  if (!member) throw new Error("member");
  await db
    .insertInto("survey_invitations")
    .values({ survey_id: survey.id, person_id: member.id, organisation_id: org.organisation.id })
    .execute();
  return { survey, member };
}

describe("the members' summary of a bilingual survey", () => {
  test("a member who chose Welsh reads it in Welsh, with English marked where a translation is missing", async () => {
    const { survey, member } = await closedBilingualSurvey();
    const page = await site.get(`/surveys/${survey.id}/summary?by=nation`, {
      headers: { Cookie: `${await site.signIn(member)}; ${welshCookie}` },
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy">');
    expect(page.text).toContain('lang="cy"');
    for (const words of [
      "Beth ddywedodd yr aelodau wrthym",
      "Arolwg TAW yn Gymraeg",
      "14 ymateb",
      "Er mwyn diogelu grwpiau bach",
      "Dadansoddi yn ôl",
      "Dangos",
      "<h2>Atebion</h2>",
      "Ydych chi&#x27;n rhannu gwasanaethau?",
      "Ydym, llawer",
      "Ychydig",
      "1 Hawdd",
      "Pob ymatebydd",
      "Lloegr",
      "Gwlad",
      "cudd",
      "Cymedr",
      "Canolrif",
      "Atebion i “",
      "Ie",
      "Cymraeg",
    ]) {
      expect(page.text, words).toContain(words);
    }
    // Untranslated: the number question's prompt, one choice and the scale's top label, each marked English.
    expect(page.text).toMatch(/<span lang="en">VAT paid last year<\/span>/);
    expect(page.text).toMatch(/<th scope="col" class="numeric" lang="en">None<\/th>/);
    expect(page.text).toContain("Very hard");
    for (const words of [
      "What members told us",
      "All respondents",
      "Answers to",
      "Break down by",
      ">hidden<",
    ]) {
      expect(page.text, words).not.toContain(words);
    }
  });

  test("a member without a choice, and staff even with Welsh chosen, read it in English", async () => {
    const { survey, member } = await closedBilingualSurvey();
    const english = await site.get(`/surveys/${survey.id}/summary?by=nation`, { as: member });
    const staffPage = await site.get(`/surveys/${survey.id}/summary?by=nation`, {
      headers: { Cookie: `${await site.signIn(staff)}; ${welshCookie}` },
    });
    for (const page of [english, staffPage]) {
      expect(page.status).toBe(200);
      expect(page.text).toContain('<html lang="en-GB">');
      expect(page.text).not.toMatch(/<(html|div|span) lang="cy"/);
      for (const words of [
        "What members told us",
        "Do you share services?",
        "A few",
        "All respondents",
        "England",
        "hidden",
        "Break down by",
      ]) {
        expect(page.text, words).toContain(words);
      }
      expect(page.text).not.toMatch(/Ychydig|Pob ymatebydd|Lloegr/);
    }
    // Members of a bilingual survey may switch; staff have no switch here.
    expect(english.text).toContain("Cymraeg");
    expect(staffPage.text).not.toContain("Cymraeg");
  });

  test("groups too small to show alone are named as one group in Welsh", async () => {
    const { survey, member } = await closedBilingualSurvey();
    const content = await loadSurveyContent(db, survey.id);
    const yesNo = content.flatMap((s) => s.questions).find((question) => question.config.kind === "yes_no");
    if (!yesNo) throw new Error("yes/no");
    await seedResponses(
      db,
      survey,
      (["scotland", "scotland", "scotland", "wales", "wales", "wales"] as const).map((nation, i) => ({
        nation,
        submittedOn: "2026-11-03",
        answers: { [yesNo.id]: { yes: i % 2 === 0 } },
      })),
    );
    const page = await site.get(`/surveys/${survey.id}/summary?by=nation`, {
      headers: { Cookie: `${await site.signIn(member)}; ${welshCookie}` },
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<th scope="row">Yr Alban, Cymru a Gogledd Iwerddon</th>');
    expect(page.text).toContain("Dangosir yr Alban, Cymru a Gogledd Iwerddon fel un grŵp");
    expect(page.text).not.toContain("shown as one group");
  });

  test("group names are joined in Welsh with the mutations after 'a'", () => {
    expect(joinNamesCy(["Lloegr", "Yr Alban", "Cymru"])).toBe("Lloegr, yr Alban a Chymru");
    expect(joinNamesCy(["Lloegr", "Yr Alban"])).toBe("Lloegr a'r Alban");
    expect(joinNamesCy(["Tai", "Iechyd"])).toBe("Tai ac Iechyd");
    expect(joinNamesCy(["Gofal cymdeithasol"])).toBe("Gofal cymdeithasol");
  });
});
