import { describe, expect, test } from "vitest";
import { createPerson } from "~/models/accounts/people.server.ts";
import { addSection } from "~/models/surveys/builder.server.ts";
import { closeSurvey } from "~/models/surveys/lifecycle.server.ts";
import { loadSurvey, loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { ANSWER_LIMITS } from "~/schemas/surveys.ts";
import { uniqueEmail } from "../context.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import {
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "./factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);

describe("builder pages", () => {
  test("a refused new survey is a 400 that keeps everything typed; members are refused staff pages", async () => {
    const refused = await site.post(
      "/surveys/new",
      { title: "Pensions 2027", mode: "organisation", anonymity: "anonymous", disclosureThreshold: "1" },
      { as: staff },
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      values: { title: "Pensions 2027", anonymity: "anonymous" },
      errors: {
        mode: expect.stringMatching(/one per person/),
        disclosureThreshold: expect.stringMatching(/at least 3/),
      },
    });
    const { people } = await createMemberOrg(db, { serviceArea: "libraries" });
    const member = people[0];
    if (!member) throw new Error("member");
    const survey = await createSurveyWithQuestions(db, staff);
    expect((await site.get(`/surveys/${survey.id}`, { as: member })).status).toBe(403);
    expect((await site.get("/surveys/abc", { as: staff })).status).toBe(404);
    const list = await site.load("/surveys", { as: member });
    expect(list.data).toMatchObject({ view: "member" });
  });

  test("dates are typed in day, month and year boxes; a date that is not real is a field error with the boxes kept", async () => {
    const settings = {
      title: "Dates 2027",
      mode: "organisation",
      anonymity: "named",
      disclosureThreshold: "5",
    };
    const created = await site.post(
      "/surveys/new",
      {
        ...settings,
        "opensOn-day": "1",
        "opensOn-month": "3",
        "opensOn-year": "2027",
        "closesOn-day": "31",
        "closesOn-month": "3",
        "closesOn-year": "2027",
      },
      { as: staff },
    );
    expect(created.data?.errors).toBeUndefined();
    expect(created.status).toBe(303);
    const id = Number(created.location?.split("/").pop());
    const saved = await db
      .selectFrom("surveys")
      .select(["opens_on", "closes_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    // Links stop working at the end of the closing day, London time (BST from 28 March 2027).
    expect(saved).toEqual({ opens_on: "2027-03-01", closes_at: new Date("2027-03-31T23:00:00Z") });
    // The edit page shows the saved dates in the boxes.
    const edit = await site.get(`/surveys/${id}/edit`, { as: staff });
    expect(edit.text).toMatch(/name="closesOn-day"[^>]*value="31"/);
    expect(edit.text).toMatch(/name="closesOn-year"[^>]*value="2027"/);

    const refused = await site.post(
      "/surveys/new",
      {
        ...settings,
        "opensOn-day": "30",
        "opensOn-month": "2",
        "opensOn-year": "2027",
        "closesOn-day": "31",
        "closesOn-month": "Feb",
        "closesOn-year": "27",
      },
      { as: staff },
    );
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toMatchObject({
      opensOn: "Enter the opening date as a real date, for example 31 1 2027",
      closesOn: "Enter the closing date as a real date, for example 31 1 2027",
    });
    expect(refused.data).toMatchObject({
      values: { dateParts: { "opensOn-day": "30", "closesOn-month": "Feb", "closesOn-year": "27" } },
    });
    const page = await site.post(
      "/surveys/new",
      { ...settings, "closesOn-day": "31", "closesOn-month": "Feb", "closesOn-year": "27" },
      { as: staff, reloadDocument: true },
    );
    expect(page.text).toMatch(/name="closesOn-month"[^>]*value="Feb"/);
  });

  test("a section's title is edited; an empty one is a 400; another survey's section is a 404", async () => {
    const survey = await createSurveyWithQuestions(db, staff);
    const other = await createSurveyWithQuestions(db, staff);
    const [section] = await loadSurveyContent(db, survey.id);
    const [otherSection] = await loadSurveyContent(db, other.id);
    if (!section || !otherSection) throw new Error("sections");
    const edit = (surveyId: number, sectionId: number, fields: Record<string, string>) =>
      site.post(`/surveys/${surveyId}/sections/${sectionId}`, fields, { as: staff });
    expect((await edit(survey.id, section.id, { title: " ", introduction: "Kept" })).status).toBe(400);
    expect(
      (await edit(survey.id, section.id, { title: "About your organisation", introduction: "" })).status,
    ).toBe(303);
    expect((await loadSurveyContent(db, survey.id))[0]?.title).toBe("About your organisation");
    expect((await edit(survey.id, otherSection.id, { title: "Not mine", introduction: "" })).status).toBe(
      404,
    );
  });

  test("changing a question once answers exist is a 409 with a clear message", async () => {
    await createMemberOrg(db, { serviceArea: "culture" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["culture"] });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const token = [...tokens.values()][0] ?? "";
    const [first] = await loadSurveyContent(db, survey.id);
    const question = first?.questions[0];
    if (!first || !question) throw new Error("content");
    const q = `q${question.id}`;
    expect((await site.post(`/s/${token}/1`, { version: "0", [q]: "health" })).status).toBe(303);
    const changed = await site.post(
      `/surveys/${survey.id}/questions/${question.id}`,
      { intent: "save", sectionId: String(first.id), kind: "short_text", prompt: "Something else" },
      { as: staff },
    );
    expect(changed.status).toBe(409);
    expect(changed.data).toMatchObject({ refusal: expect.stringMatching(/cannot change/) });
    const reordered = await site.post(
      `/surveys/${survey.id}?index`,
      { intent: "move-question", id: String(question.id), direction: "down" },
      { as: staff },
    );
    expect(reordered.status).toBe(409);
  });
});

describe("inviting people who joined after opening", () => {
  test("the page counts them, asks to confirm, sends once, then says everyone is invited; closed is a 409", async () => {
    const org = await createMemberOrg(db, { serviceArea: "leisure" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["leisure"] });
    await openAndCollectTokens(db, staff, survey.id);
    const page = (query = "") => site.load(`/surveys/${survey.id}${query}`, { as: staff });
    const invite = () => site.post(`/surveys/${survey.id}?index`, { intent: "invite" }, { as: staff });
    expect((await page()).data).toMatchObject({ uninvited: 0, confirmInvite: false });
    for (const name of ["Ada", "Bo"]) {
      await createPerson(db, null, {
        email: uniqueEmail(name.toLowerCase()),
        name,
        role: "member",
        organisationId: org.organisation.id,
      });
    }
    expect((await page()).data).toMatchObject({ uninvited: 2, confirmInvite: false });
    expect((await page("?confirm=invite")).data).toMatchObject({ uninvited: 2, confirmInvite: true });

    const sent = await invite();
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/surveys/${survey.id}?notice=invited&count=2`);
    expect((await page("?notice=invited&count=2")).data).toMatchObject({
      uninvited: 0,
      notice: "Invitations sent to 2 people.",
    });
    const again = await invite();
    expect((await page(again.location?.replace(/^[^?]*/, ""))).data).toMatchObject({
      notice: "Everyone in the audience had already been invited: nobody was emailed.",
    });

    await closeSurvey(db, staff, survey.id);
    expect((await page()).data).toMatchObject({ uninvited: null });
    const refused = await invite();
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({ refusal: expect.stringMatching(/only while the survey is open/) });
  });
});

test("a survey page says only the notices it knows, never words from its address", async () => {
  const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["housing"] });
  const page = (query: string) => site.load(`/surveys/${survey.id}${query}`, { as: staff });
  const forged = "Your account is suspended: call 01234 567890";
  for (const query of [`?notice=${encodeURIComponent(forged)}`, "?notice=toString", "?notice=__proto__"]) {
    const answer = await page(query);
    expect(answer.status, query).toBe(200);
    expect(answer.data, query).toMatchObject({ notice: null });
  }
  expect((await page("?notice=opened&count=-5")).data).toMatchObject({
    notice: "Survey opened: 0 people invited.",
  });
  expect((await page("?notice=question-saved")).data).toMatchObject({ notice: "Question saved." });
});

describe("answering pages", () => {
  test("validation is a 400 with everything typed kept; a stale save a 409 with both sides; Continue moves on", async () => {
    await createMemberOrg(db, { serviceArea: "housing", contacts: 2 });
    const survey = await createSurveyWithQuestions(db, staff, {
      serviceAreas: ["housing"],
      mode: "organisation",
    });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const [anna, ben] = [...tokens.values()];
    if (!anna || !ben) throw new Error("two tokens");
    const [first] = await loadSurveyContent(db, survey.id);
    const [choice, number] = first?.questions ?? [];
    if (!choice || !number) throw new Error("content");
    const page = (token: string, fields: Record<string, string>) => site.post(`/s/${token}/1`, fields);

    const invalid = await page(anna, { version: "0", [`q${choice.id}`]: "other", [`q${number.id}`]: "-5" });
    expect(invalid.status).toBe(400);
    expect(invalid.data).toMatchObject({
      values: { [`q${choice.id}`]: "other", [`q${number.id}`]: "-5" },
      errors: {
        [`q${choice.id}-other-text`]: "Say what your other answer is",
        [`q${number.id}`]: expect.stringMatching(/at least 0/),
      },
    });
    const saved = await page(anna, { version: "0", [`q${choice.id}`]: "health", [`q${number.id}`]: "1,200" });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/s/${anna}/2`);

    const stale = await page(ben, { version: "0", [`q${choice.id}`]: "leisure" });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({
      version: 1,
      values: { [`q${choice.id}`]: "leisure" },
      conflict: {
        theirs: [
          { theirs: "Health", yours: "Leisure" },
          { theirs: "£1,200", yours: "Not answered" },
        ],
      },
    });
    const loaded = await site.load(`/s/${ben}/1`);
    expect(loaded.data).toMatchObject({
      version: 1,
      values: { [`q${choice.id}`]: "health", [`q${number.id}`]: "1200" },
    });

    // Submitting with a required answer missing lists it; then twice in a row submits once.
    const missing = await site.post(`/s/${anna}/check`, {});
    expect(missing.status).toBe(400);
    const second = (await loadSurveyContent(db, survey.id))[1];
    const yesNo = second?.questions[0];
    if (!yesNo) throw new Error("content");
    await site.post(`/s/${anna}/2`, { version: "0", [`q${yesNo.id}`]: "no" });
    const submits = await Promise.all([site.post(`/s/${anna}/check`, {}), site.post(`/s/${ben}/check`, {})]);
    expect(submits.map((s) => s.status)).toEqual([303, 303]);
    const receipts = await db
      .selectFrom("email_outbox")
      .select("id")
      .where("template", "=", "survey-receipt")
      .where("subject", "like", `%${survey.title}%`)
      .execute();
    expect(receipts).toHaveLength(1);
    const after = await page(ben, { version: "1", [`q${choice.id}`]: "leisure" });
    expect(after.status).toBe(409);
  });

  test("unknown links are 404; a closed survey says so and refuses saving", async () => {
    expect((await site.get("/s/nope")).status).toBe(404);
    await createMemberOrg(db, { serviceArea: "education" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["education"] });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const token = [...tokens.values()][0] ?? "";
    expect((await site.get(`/s/${token}/9`)).status).toBe(404);
    // Past the closing time (the background loop has not closed it yet): the page says closed.
    await db
      .updateTable("surveys")
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where("id", "=", survey.id)
      .execute();
    const start = await site.load(`/s/${token}`);
    expect(start.data).toMatchObject({ open: false });
    const save = await site.post(`/s/${token}/1`, { version: "0" });
    expect(save.status).toBe(409);
    expect(save.data).toMatchObject({ message: expect.stringMatching(/closed/) });
  });

  test("an over-long answer is a 400 naming the limit, with the typing kept and nothing saved", async () => {
    await createMemberOrg(db, { serviceArea: "youth" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["youth"] });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const token = [...tokens.values()][0] ?? "";
    const [first, second] = await loadSurveyContent(db, survey.id);
    const [choice] = first?.questions ?? [];
    const [yesNo, story] = second?.questions ?? [];
    if (!choice || !yesNo || !story) throw new Error("content");
    const post = (section: string, fields: Record<string, string>) =>
      site.post(`/s/${token}/${section}`, fields);

    const other = "😀".repeat(ANSWER_LIMITS.otherText + 1);
    const refusedOther = await post("1", {
      version: "0",
      [`q${choice.id}`]: "other",
      [`q${choice.id}-other`]: other,
    });
    expect(refusedOther.status).toBe(400);
    expect(refusedOther.data).toMatchObject({
      errors: { [`q${choice.id}-other-text`]: "Your other answer must be 500 characters or fewer" },
      values: { [`q${choice.id}`]: "other", [`q${choice.id}-other`]: other },
    });

    const longStory = "s".repeat(ANSWER_LIMITS.caseStudyText + 1);
    const refusedStory = await post("2", {
      version: "0",
      [`q${yesNo.id}`]: "yes",
      [`q${story.id}-title`]: "Our VAT bill",
      [`q${story.id}`]: longStory,
      [`q${story.id}-consent`]: "anonymous",
    });
    expect(refusedStory.status).toBe(400);
    expect(refusedStory.data).toMatchObject({
      errors: { [`q${story.id}`]: "Your story must be 20,000 characters or fewer" },
      values: { [`q${story.id}-title`]: "Our VAT bill", [`q${story.id}`]: longStory },
    });
    expect(await answersSaved(survey.id)).toBe(0);

    const atLimit = await post("2", {
      version: "0",
      [`q${yesNo.id}`]: "yes",
      [`q${story.id}-title`]: "Our VAT bill",
      [`q${story.id}`]: "s".repeat(ANSWER_LIMITS.caseStudyText),
      [`q${story.id}-consent`]: "anonymous",
    });
    expect(atLimit.status).toBe(303);
    expect(await answersSaved(survey.id)).toBe(2);
  });

  test("a 5 MB post is refused with a 413 before it is read into memory, and a post that is not a form is a 400", async () => {
    await createMemberOrg(db, { serviceArea: "libraries" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["libraries"] });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const token = [...tokens.values()][0] ?? "";
    const [first] = await loadSurveyContent(db, survey.id);
    const choice = first?.questions[0];
    if (!choice) throw new Error("content");
    const huge = new URLSearchParams({
      version: "0",
      [`q${choice.id}`]: "other",
      [`q${choice.id}-other`]: "x".repeat(5 * 1024 * 1024),
    }).toString();
    const post = (body: string | ReadableStream<Uint8Array>, contentType: string) =>
      site.post(`/s/${token}/1`, body, { headers: { "Content-Type": contentType } });
    const form = "application/x-www-form-urlencoded";

    // Declared up front, as browsers do (fetch sends a string's Content-Length).
    const declared = await post(huge, form);
    expect(declared.status).toBe(413);
    expect(declared.data).toMatchObject({ message: expect.stringMatching(/too long to save/) });
    // Streamed in chunks with no length: counted as it arrives.
    const bytes = new TextEncoder().encode(huge);
    const streamed = await post(
      new ReadableStream({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 64 * 1024)
            controller.enqueue(bytes.slice(at, at + 64 * 1024));
          controller.close();
        },
      }),
      form,
    );
    expect(streamed.status).toBe(413);
    const notAForm = await post(JSON.stringify({ version: 0 }), "application/json");
    expect(notAForm.status).toBe(400);
    expect(notAForm.data).toMatchObject({ message: expect.stringMatching(/could not be read/) });
    expect(await answersSaved(survey.id)).toBe(0);
  });
});

describe("the members' list of closed surveys", () => {
  test("says the date staff closed each survey, not the date it was planned to close", async () => {
    const { people } = await createMemberOrg(db, { serviceArea: "youth" });
    const member = people[0];
    if (!member) throw new Error("member");
    const survey = await createSurveyWithQuestions(db, staff, {
      serviceAreas: ["youth"],
      closesOn: "2099-12-31",
    });
    await openAndCollectTokens(db, staff, survey.id);
    await closeSurvey(db, staff, survey.id);
    // Closed on a day of the test's choosing, so the page's words can be checked.
    await db
      .updateTable("surveys")
      .set({ closed_at: new Date("2026-03-04T10:00:00Z") })
      .where("id", "=", survey.id)
      .execute();
    const page = await site.get("/surveys", { as: member });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${survey.title}</a> (closed 4 March 2026)`);
    expect(page.text).not.toContain("31 December 2099");
  });
});

describe("opening a survey", () => {
  test("with an empty section is refused with a 409 naming the section; nothing is sent", async () => {
    const survey = await createSurveyWithQuestions(db, staff);
    await addSection(db, staff, survey.id, { title: "Costs", introduction: "" });
    const refused = await site.post(`/surveys/${survey.id}/open`, { intent: "open" }, { as: staff });
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({
      refusal: expect.stringContaining("Section 3, “Costs”, has no questions"),
    });
    const invitations = await db
      .selectFrom("survey_invitations")
      .select("id")
      .where("survey_id", "=", survey.id)
      .execute();
    expect(invitations).toEqual([]);
  });
});

describe("the check before opening", () => {
  test("says how many people the invitation list will email, sends nothing until confirmed, then emails that many", async () => {
    const nation = "northern_ireland";
    await createMemberOrg(db, { nation, serviceArea: "childrens_services", contacts: 3 });
    await createMemberOrg(db, { nation, serviceArea: "childrens_services", contacts: 2 });
    // Not in the audience: another service area, and an organisation whose membership lapsed.
    await createMemberOrg(db, { nation, serviceArea: "culture", contacts: 4 });
    const lapsed = await createMemberOrg(db, { nation, serviceArea: "childrens_services", contacts: 1 });
    await db
      .updateTable("organisations")
      .set({ membership_status: "lapsed" })
      .where("id", "=", lapsed.organisation.id)
      .execute();
    const survey = await createSurveyWithQuestions(db, staff, {
      nations: [nation],
      serviceAreas: ["childrens_services"],
    });
    const invitations = async () =>
      (await db.selectFrom("survey_invitations").select("id").where("survey_id", "=", survey.id).execute())
        .length;

    // The overview's button is a link to the check page, not a form that opens.
    const overview = await site.get(`/surveys/${survey.id}`, { as: staff });
    expect(overview.text).toMatch(
      new RegExp(`<a [^>]*href="/surveys/${survey.id}/open"[^>]*>Open and send invitations</a>`),
    );
    const check = await site.get(`/surveys/${survey.id}/open`, { as: staff });
    expect(check.status).toBe(200);
    expect(check.text).toContain("You are about to email 5 people</strong> in 2 organisations.");
    expect(check.text).toContain("Yes, open it and email 5 people");
    expect((await site.load(`/surveys/${survey.id}/open`, { as: staff })).data).toMatchObject({
      invitees: { people: 5, organisations: 2 },
    });
    // Looking at the check page does nothing; nor can the overview's own form open the survey.
    expect(await invitations()).toBe(0);
    expect((await site.post(`/surveys/${survey.id}?index`, { intent: "open" }, { as: staff })).status).toBe(
      400,
    );
    expect((await loadSurvey(db, survey.id, { lock: false })).state).toBe("draft");

    const opened = await site.post(`/surveys/${survey.id}/open`, { intent: "open" }, { as: staff });
    expect(opened.status).toBe(303);
    expect(opened.location).toBe(`/surveys/${survey.id}?notice=opened&count=5`);
    expect(await invitations()).toBe(5);
    // Once open, the check page sends staff back to the survey.
    const again = await site.get(`/surveys/${survey.id}/open`, { as: staff });
    expect(again.status).toBe(302);
    expect(again.location).toBe(`/surveys/${survey.id}`);
    const { people } = await createMemberOrg(db, { serviceArea: "libraries" });
    const member = people[0];
    if (!member) throw new Error("member");
    expect((await site.get(`/surveys/${survey.id}/open`, { as: member })).status).toBe(403);
  });
});

describe("adding a question, type first", () => {
  test("without JavaScript: the first page asks only the type; the form then shows that type's settings alone", async () => {
    const survey = await createSurveyWithQuestions(db, staff);
    const [section] = await loadSurveyContent(db, survey.id);
    const base = `/surveys/${survey.id}/questions/new`;
    const first = await site.get(`${base}?section=${section?.id}`, { as: staff });
    expect(first.status).toBe(200);
    // A plain GET form of radios: choosing and pressing Continue loads ?kind=… with the section kept.
    expect(first.text).toMatch(/<form method="get"/);
    expect(first.text).toContain('type="radio" name="kind" value="scale"');
    expect(first.text).toContain(`type="hidden" name="section" value="${section?.id}"`);
    expect(first.text).not.toContain('name="prompt"');

    const fieldsOf = async (kind: string) =>
      (await site.get(`${base}?section=${section?.id}&kind=${kind}`, { as: staff })).text;
    const scale = await fieldsOf("scale");
    expect(scale).toContain('type="hidden" name="kind" value="scale"');
    expect(scale).toContain('name="prompt"');
    expect(scale).toContain('name="scaleMin"');
    for (const other of ['name="choices"', 'name="numberMin"', 'name="maxMegabytes"'])
      expect(scale).not.toContain(other);
    const choice = await fieldsOf("multiple_choice");
    expect(choice).toContain('name="choices"');
    expect(choice).not.toContain('name="scaleMin"');
    const yesNo = await fieldsOf("yes_no");
    for (const other of ['name="choices"', 'name="scaleMin"', 'name="numberMin"', 'name="maxMegabytes"'])
      expect(yesNo).not.toContain(other);
    // An unknown type asks again.
    expect(await fieldsOf("nonsense")).not.toContain('name="prompt"');

    // A refused form keeps its type and shows that type's fields again.
    const refused = await site.post(
      base,
      { sectionId: String(section?.id), kind: "number", prompt: "" },
      { as: staff, reloadDocument: true },
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('type="hidden" name="kind" value="number"');
    expect(refused.text).toContain('name="numberMin"');
    expect(refused.text).not.toContain('name="choices"');
  });
});

describe("the preview", () => {
  test("shows every section and question as a member sees them, with the answer boxes switched off", async () => {
    const survey = await createSurveyWithQuestions(db, staff);
    const content = await loadSurveyContent(db, survey.id);
    const preview = await site.get(`/surveys/${survey.id}/preview`, { as: staff });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("This is how members see the survey");
    for (const section of content) {
      expect(preview.text).toContain(section.title);
      for (const question of section.questions) expect(preview.text).toContain(question.prompt);
    }
    expect(preview.text).toContain(`Section 1 of ${content.length}`);
    // Read-only: each section's questions sit in a disabled fieldset, and there is no form to post.
    expect(preview.text.match(/<fieldset disabled=""/g)?.length).toBe(content.length);
    expect(preview.text).not.toContain('name="version"');
    expect(preview.text).not.toContain(">Continue<");
  });
});

async function answersSaved(surveyId: number): Promise<number> {
  const row = await db
    .selectFrom("survey_answers as a")
    .innerJoin("survey_responses as r", "r.id", "a.response_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("r.survey_id", "=", surveyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
