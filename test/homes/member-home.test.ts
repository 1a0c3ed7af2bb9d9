import { describe, expect, test } from "vitest";
import { createPerson } from "~/models/accounts/people.server.ts";
import { signLetter } from "~/models/letters/signing.server.ts";
import { saveSection, submitResponse } from "~/models/surveys/answering.server.ts";
import { closeSurvey } from "~/models/surveys/lifecycle.server.ts";
import { accessByToken } from "~/models/surveys/links.server.ts";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { emptyAnswer } from "~/utils/survey-answers.ts";
import { languageCookieHeader } from "~/utils/language.server.ts";
import { uniqueEmail } from "../context.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import { createOpenLetter, formKey } from "../letters/factories.ts";
import {
  APP_URL,
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "../surveys/factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);

/** A survey for one service area only, so each test's organisation is the only one invited. */
async function surveyFor(
  serviceArea: "leisure" | "housing" | "other" | "social_care" | "childrens_services" | "libraries",
  overrides: Record<string, unknown> = {},
  contacts = 2,
) {
  const org = await createMemberOrg(db, { serviceArea, contacts });
  const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: [serviceArea], ...overrides });
  const { tokens } = await openAndCollectTokens(db, staff, survey.id);
  const [first, second] = await loadSurveyContent(db, survey.id);
  const choice = first?.questions[0];
  if (!first || !second || !choice) throw new Error("survey content");
  const [a, b] = org.people;
  if (!a || !b) throw new Error("two contacts");
  const tokenOf = (person: { email: string }) => tokens.get(person.email) ?? "";
  const saveFirst = async (person: { email: string }) =>
    saveSection(db, await accessByToken(db, tokenOf(person)), first, 0, [
      { ...emptyAnswer(choice.id), choices: ["health"] },
    ]);
  return { org, survey, a, b, first, second, tokenOf, saveFirst };
}

const homeOf = async (person: { id: number }, path = "/organisation") => {
  const page = await site.get(path, { as: person });
  expect(page.status).toBe(200);
  return page.text;
};

describe("member home: what is asked", () => {
  test("only when nothing is asked does the home say so", async () => {
    const { people } = await createMemberOrg(db, { serviceArea: "housing" });
    const [member] = people;
    if (!member) throw new Error("member");
    expect(await homeOf(member)).toContain("No survey is waiting for your organisation&#x27;s answer");
    expect(await homeOf(member, "/")).toContain("No survey is waiting for your organisation&#x27;s answer");
  });

  test("a one-per-organisation survey shows a colleague's progress, and Continue opens the same answers while signed in", async () => {
    const { survey, a, b, saveFirst, tokenOf } = await surveyFor("leisure", { mode: "organisation" });
    let home = await homeOf(b);
    expect(home).toContain(survey.title);
    expect(home).not.toContain("No survey is waiting for your organisation&#x27;s answer");
    expect(home).toContain("Not started");
    expect(home).toMatch(/>Start<span class="visually-hidden">/);

    await saveFirst(a);
    for (const path of ["/organisation", "/"]) {
      home = await homeOf(b, path);
      expect(home).toMatch(
        new RegExp(`saved up to section 1 of 2 by ${a.name}(.|\\n)*? on \\d{1,2} \\w+ \\d{4}`),
      );
      expect(home).toMatch(/>Continue<span/);
    }

    const go = await site.post(`/surveys/${survey.id}/answer`, {}, { as: b, reloadDocument: true });
    expect(go.status).toBe(302);
    const link = go.location ?? "";
    expect(link).toMatch(/^\/s\/[A-Za-z0-9_-]{43}$/);
    const page = await site.load(link);
    expect(page.data).toMatchObject({ savedCount: 1, sectionCount: 2, next: "2" });
    // The emailed links keep working beside it.
    expect((await site.load(`/s/${tokenOf(b)}`)).data).toMatchObject({ savedCount: 1 });
  });

  test("submitted: the date and who; the button goes", async () => {
    const { survey, a, b, second, saveFirst, tokenOf } = await surveyFor("other", { mode: "organisation" });
    await saveFirst(a);
    const access = await accessByToken(db, tokenOf(a));
    const yesNo = second.questions[0];
    if (!yesNo) throw new Error("yes/no");
    await saveSection(db, access, second, 0, [{ ...emptyAnswer(yesNo.id), yes: true }]);
    await submitResponse(db, access, APP_URL, tokenOf(a));
    const home = await homeOf(b);
    expect(home).toMatch(
      new RegExp(`${survey.title}(.|\\n)*?Submitted on \\d{1,2} \\w+ \\d{4} by ${a.name}`),
    );
    expect(home).not.toMatch(/>Continue<span|>Start<span/);
  });

  test("anonymous: nothing shows whose answers are saved; only your own invitation says you answered", async () => {
    const { survey, a, b, second, saveFirst, tokenOf } = await surveyFor("childrens_services", {
      mode: "person",
      anonymity: "anonymous",
      disclosureThreshold: "3",
    });
    await saveFirst(a);
    for (const person of [a, b]) {
      const home = await homeOf(person);
      expect(home).toContain(survey.title);
      expect(home).toContain("Not started");
      expect(home).not.toContain("In progress");
      expect(home).not.toContain(`by ${a.name}`);
    }
    const access = await accessByToken(db, tokenOf(a));
    const yesNo = second.questions[0];
    if (!yesNo) throw new Error("yes/no");
    await saveSection(db, access, second, 0, [{ ...emptyAnswer(yesNo.id), yes: false }]);
    await submitResponse(db, access, APP_URL, tokenOf(a));
    expect(await homeOf(a)).toContain("You have answered (anonymous");
    expect(await homeOf(b)).toContain("Not started");
    // The page a saved time would date is never stamped.
    const stamped = await db
      .selectFrom("survey_response_sections as s")
      .innerJoin("survey_responses as r", "r.id", "s.response_id")
      .select("s.saved_at")
      .where("r.survey_id", "=", survey.id)
      .execute();
    expect(stamped.length).toBeGreaterThan(0);
    expect(stamped.every((row) => row.saved_at === null)).toBe(true);
  });

  test("anonymous signed in: the same browser finds its saved page again through its remembered link", async () => {
    const { survey, b, first } = await surveyFor("social_care", {
      mode: "person",
      anonymity: "anonymous",
      disclosureThreshold: "3",
    });
    const go = await site.post(`/surveys/${survey.id}/answer`, {}, { as: b, reloadDocument: true });
    const link = go.location ?? "";
    const cookie = (go.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^mv_survey_\d+=/);
    const choice = first.questions[0];
    if (!choice) throw new Error("choice");
    await saveSection(db, await accessByToken(db, link.slice(3)), first, 0, [
      { ...emptyAnswer(choice.id), choices: ["health"] },
    ]);
    const session = await site.signIn(b);
    const again = await site.post(
      `/surveys/${survey.id}/answer`,
      {},
      {
        reloadDocument: true,
        headers: { Cookie: `${session}; ${cookie}` },
      },
    );
    expect(again.location).toBe(link);
    expect((await site.load(link)).data).toMatchObject({ savedCount: 1 });
  });

  test("Start is refused to anyone not invited, and once the survey closes", async () => {
    const { survey, b } = await surveyFor("libraries", { mode: "organisation" });
    const { people } = await createMemberOrg(db, { serviceArea: "housing" });
    const outsider = people[0];
    if (!outsider) throw new Error("outsider");
    expect((await site.post(`/surveys/${survey.id}/answer`, {}, { as: outsider })).status).toBe(404);
    expect((await site.post(`/surveys/${survey.id}/answer`, {}, { as: staff })).status).toBe(403);
    expect((await site.post(`/surveys/${survey.id}/answer`, {}, { as: null })).status).toBe(302);
    const go = await site.post(`/surveys/${survey.id}/answer`, {}, { as: b, reloadDocument: true });
    await closeSurvey(db, staff, survey.id);
    expect((await site.get(go.location ?? "")).status).toBe(404);
    expect((await site.post(`/surveys/${survey.id}/answer`, {}, { as: b })).status).toBe(404);
    expect(await homeOf(b)).not.toContain(survey.title);
  });
});

describe("leader home: open letters", () => {
  test("a leader sees each open letter with a Sign button, then who signed and when; other members do not", async () => {
    const { organisation, people } = await createMemberOrg(db, { serviceArea: "housing" });
    const [member] = people;
    const leader = await createPerson(db, null, {
      email: uniqueEmail("leader"),
      name: "Joanna Whitfield",
      role: "member",
      isLeader: true,
      organisationId: organisation.id,
    });
    if (!member) throw new Error("member");
    const letter = await createOpenLetter(db, staff, [leader]);
    let home = await homeOf(leader);
    expect(home).toContain(letter.title);
    expect(home).toContain(`href="/letters/${letter.slug}/sign"`);
    expect(home).toContain("has not signed yet");
    expect(await homeOf(member)).not.toContain(letter.title);

    const signed = await signLetter(db, {
      slug: letter.slug,
      signer: { via: "session", actor: leader },
      formKey: formKey(),
      ip: "203.0.113.9",
      appUrl: APP_URL,
    });
    expect(signed.kind).toBe("signed");
    home = await homeOf(leader, "/");
    expect(home).toMatch(/Signed by Joanna Whitfield on \d{1,2} \w+ \d{4}/);
    expect(home).not.toContain(`href="/letters/${letter.slug}/sign"`);
  });
});

describe("member home in Welsh", () => {
  test("a member who chose Welsh gets their home in Welsh, a bilingual survey by its Welsh title", async () => {
    const { a, survey } = await surveyFor("childrens_services");
    await db
      .updateTable("surveys")
      .set({ bilingual: true, title_cy: "Arolwg prawf yn Gymraeg" })
      .where("id", "=", survey.id)
      .execute();
    const welsh = (await languageCookieHeader({ NODE_ENV: "test" }, "cy")).split(";")[0] ?? "";
    const page = await site.get("/", { headers: { Cookie: `${await site.signIn(a)}; ${welsh}` } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="cy">');
    for (const words of [
      "Beth a ofynnir i chi",
      "Arolwg prawf yn Gymraeg",
      "Dechrau",
      "Allgofnodi",
      "Hafan",
    ]) {
      expect(page.text).toContain(words);
    }
    for (const words of [
      "What is asked of you",
      "Sign out",
      "Skip to main content",
      "What you can do here",
    ]) {
      expect(page.text).not.toContain(words);
    }
    // Without the choice, English as before.
    const english = await site.get("/", { as: a });
    expect(english.text).toContain("What is asked of you");
    expect(english.text).toContain('<html lang="en-GB">');
  });
});
