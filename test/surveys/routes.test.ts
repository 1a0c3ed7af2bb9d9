import { describe, expect, test } from "vitest";
import type { Person } from "~/models/accounts/people.server.ts";
import { createPerson } from "~/models/accounts/people.server.ts";
import { closeSurvey } from "~/models/surveys/lifecycle.server.ts";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { ANSWER_LIMITS } from "~/schemas/surveys.ts";
import * as sectionRoute from "~/routes/s.$token.$section.tsx";
import * as checkRoute from "~/routes/s.$token.check.tsx";
import * as startRoute from "~/routes/s.$token._index.tsx";
import * as overviewRoute from "~/routes/surveys.$id._index.tsx";
import * as listRoute from "~/routes/surveys._index.tsx";
import * as newRoute from "~/routes/surveys.new.tsx";
import * as questionRoute from "~/routes/surveys.$id.questions.$questionId.tsx";
import * as sectionEditRoute from "~/routes/surveys.$id.sections.$sectionId.tsx";
import { createSession, sessionCookie } from "~/models/accounts/sessions.server.ts";
import { formRequest, testContext, uniqueEmail } from "../context.ts";
import { openTestDb } from "../db.ts";
import {
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "./factories.ts";

const { db } = await openTestDb();
const context = testContext(db);
const staff = await createStaff(db);

async function cookieFor(person: Person): Promise<string> {
  const id = await createSession(db, person.id, context.env);
  const header = await sessionCookie(context.env).serialize(id);
  return header.split(";")[0] ?? "";
}

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(new URL(path, "http://localhost:3000"), { headers });

/** Runs a loader or action and gives back the Response it returned or threw, or its data. */
async function run(
  work: () => Promise<unknown>,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  try {
    const result: unknown = await work();
    if (result instanceof Response) return { status: result.status, headers: result.headers, body: null };
    if (
      typeof result === "object" &&
      result !== null &&
      "type" in result &&
      result.type === "DataWithResponseInit"
    ) {
      const init =
        "init" in result && typeof result.init === "object" && result.init !== null ? result.init : {};
      return {
        status: "status" in init && typeof init.status === "number" ? init.status : 200,
        headers: new Headers(),
        body: "data" in result ? result.data : null,
      };
    }
    return { status: 200, headers: new Headers(), body: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, headers: thrown.headers, body: null };
    throw thrown;
  }
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context });

describe("builder pages", () => {
  test("a refused new survey is a 400 that keeps everything typed; members are refused staff pages", async () => {
    const cookie = await cookieFor(staff);
    const refused = await run(() =>
      newRoute.action(
        args(
          formRequest(
            "/surveys/new",
            {
              title: "Pensions 2027",
              mode: "organisation",
              anonymity: "anonymous",
              disclosureThreshold: "1",
            },
            { Cookie: cookie },
          ),
        ),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      values: { title: "Pensions 2027", anonymity: "anonymous" },
      errors: {
        mode: expect.stringMatching(/one per person/),
        disclosureThreshold: expect.stringMatching(/at least 3/),
      },
    });
    const { people } = await createMemberOrg(db, { serviceArea: "libraries" });
    const member = people[0];
    if (!member) throw new Error("member");
    const memberCookie = await cookieFor(member);
    const survey = await createSurveyWithQuestions(db, staff);
    expect(
      (
        await run(() =>
          overviewRoute.loader(
            args(get(`/surveys/${survey.id}`, { Cookie: memberCookie }), { id: String(survey.id) }),
          ),
        )
      ).status,
    ).toBe(403);
    expect(
      (await run(() => overviewRoute.loader(args(get("/surveys/abc", { Cookie: cookie }), { id: "abc" }))))
        .status,
    ).toBe(404);
    const list = await run(() => listRoute.loader(args(get("/surveys", { Cookie: memberCookie }))));
    expect(list.body).toMatchObject({ view: "member" });
  });

  test("a section's title is edited; an empty one is a 400; another survey's section is a 404", async () => {
    const cookie = await cookieFor(staff);
    const survey = await createSurveyWithQuestions(db, staff);
    const other = await createSurveyWithQuestions(db, staff);
    const [section] = await loadSurveyContent(db, survey.id);
    const [otherSection] = await loadSurveyContent(db, other.id);
    if (!section || !otherSection) throw new Error("sections");
    const edit = (surveyId: number, sectionId: number, fields: Record<string, string>) =>
      run(() =>
        sectionEditRoute.action(
          args(formRequest(`/surveys/${surveyId}/sections/${sectionId}`, fields, { Cookie: cookie }), {
            id: String(surveyId),
            sectionId: String(sectionId),
          }),
        ),
      );
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
    await run(() =>
      sectionRoute.action(
        args(formRequest(`/s/${token}/1`, { version: "0", [q]: "health" }), { token, section: "1" }),
      ),
    );
    const cookie = await cookieFor(staff);
    const changed = await run(() =>
      questionRoute.action(
        args(
          formRequest(
            `/surveys/${survey.id}/questions/${question.id}`,
            { intent: "save", sectionId: String(first.id), kind: "short_text", prompt: "Something else" },
            { Cookie: cookie },
          ),
          { id: String(survey.id), questionId: String(question.id) },
        ),
      ),
    );
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ conflict: expect.stringMatching(/cannot change/) });
    const reordered = await run(() =>
      overviewRoute.action(
        args(
          formRequest(
            `/surveys/${survey.id}?index`,
            { intent: "move-question", id: String(question.id), direction: "down" },
            { Cookie: cookie },
          ),
          {
            id: String(survey.id),
          },
        ),
      ),
    );
    expect(reordered.status).toBe(409);
  });
});

describe("inviting people who joined after opening", () => {
  test("the page counts them, asks to confirm, sends once, then says everyone is invited; closed is a 409", async () => {
    const cookie = await cookieFor(staff);
    const org = await createMemberOrg(db, { serviceArea: "leisure" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["leisure"] });
    await openAndCollectTokens(db, staff, survey.id);
    const params = { id: String(survey.id) };
    const page = (query = "") =>
      run(() => overviewRoute.loader(args(get(`/surveys/${survey.id}${query}`, { Cookie: cookie }), params)));
    const invite = () =>
      run(() =>
        overviewRoute.action(
          args(formRequest(`/surveys/${survey.id}?index`, { intent: "invite" }, { Cookie: cookie }), params),
        ),
      );
    expect((await page()).body).toMatchObject({ uninvited: 0, confirmInvite: false });
    for (const name of ["Ada", "Bo"]) {
      await createPerson(db, null, {
        email: uniqueEmail(name.toLowerCase()),
        name,
        role: "member",
        organisationId: org.organisation.id,
      });
    }
    expect((await page()).body).toMatchObject({ uninvited: 2, confirmInvite: false });
    expect((await page("?confirm=invite")).body).toMatchObject({ uninvited: 2, confirmInvite: true });

    const sent = await invite();
    expect(sent.status).toBe(303);
    expect(decodeURIComponent(sent.headers.get("Location") ?? "")).toBe(
      `/surveys/${survey.id}?notice=Invitations sent to 2 people.`,
    );
    expect((await page()).body).toMatchObject({ uninvited: 0 });
    const again = await invite();
    expect(decodeURIComponent(again.headers.get("Location") ?? "")).toMatch(/already been invited/);

    await closeSurvey(db, staff, survey.id);
    expect((await page()).body).toMatchObject({ uninvited: null });
    const refused = await invite();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ conflict: expect.stringMatching(/only while the survey is open/) });
  });
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
    const page = (token: string, fields: Record<string, string>) =>
      run(() => sectionRoute.action(args(formRequest(`/s/${token}/1`, fields), { token, section: "1" })));

    const invalid = await page(anna, { version: "0", [`q${choice.id}`]: "other", [`q${number.id}`]: "-5" });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      values: { [`q${choice.id}`]: "other", [`q${number.id}`]: "-5" },
      errors: {
        [`q${choice.id}-other-text`]: "Say what your other answer is",
        [`q${number.id}`]: expect.stringMatching(/at least 0/),
      },
    });
    const saved = await page(anna, { version: "0", [`q${choice.id}`]: "health", [`q${number.id}`]: "1,200" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe(`/s/${anna}/2`);

    const stale = await page(ben, { version: "0", [`q${choice.id}`]: "leisure" });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      version: 1,
      values: { [`q${choice.id}`]: "leisure" },
      conflict: {
        theirs: [
          { theirs: "Health", yours: "Leisure" },
          { theirs: "£1,200", yours: "Not answered" },
        ],
      },
    });
    const loaded = await run(() =>
      sectionRoute.loader(args(get(`/s/${ben}/1`), { token: ben, section: "1" })),
    );
    expect(loaded.body).toMatchObject({
      version: 1,
      values: { [`q${choice.id}`]: "health", [`q${number.id}`]: "1200" },
    });

    // Submitting with a required answer missing lists it; then twice in a row submits once.
    const missing = await run(() =>
      checkRoute.action(args(formRequest(`/s/${anna}/check`, {}), { token: anna })),
    );
    expect(missing.status).toBe(400);
    const second = (await loadSurveyContent(db, survey.id))[1];
    const yesNo = second?.questions[0];
    if (!yesNo) throw new Error("content");
    await run(() =>
      sectionRoute.action(
        args(formRequest(`/s/${anna}/2`, { version: "0", [`q${yesNo.id}`]: "no" }), {
          token: anna,
          section: "2",
        }),
      ),
    );
    const submits = await Promise.all([
      run(() => checkRoute.action(args(formRequest(`/s/${anna}/check`, {}), { token: anna }))),
      run(() => checkRoute.action(args(formRequest(`/s/${ben}/check`, {}), { token: ben }))),
    ]);
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
    expect((await run(() => startRoute.loader(args(get("/s/nope"), { token: "nope" })))).status).toBe(404);
    await createMemberOrg(db, { serviceArea: "education" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["education"] });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const token = [...tokens.values()][0] ?? "";
    expect(
      (await run(() => sectionRoute.loader(args(get(`/s/${token}/9`), { token, section: "9" })))).status,
    ).toBe(404);
    // Past the closing time (the background loop has not closed it yet): the page says closed.
    await db
      .updateTable("surveys")
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where("id", "=", survey.id)
      .execute();
    const start = await run(() => startRoute.loader(args(get(`/s/${token}`), { token })));
    expect(start.body).toMatchObject({ open: false });
    const save = await run(() =>
      sectionRoute.action(args(formRequest(`/s/${token}/1`, { version: "0" }), { token, section: "1" })),
    );
    expect(save.status).toBe(409);
    expect(save.body).toMatchObject({ message: expect.stringMatching(/closed/) });
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
      run(() => sectionRoute.action(args(formRequest(`/s/${token}/${section}`, fields), { token, section })));

    const other = "😀".repeat(ANSWER_LIMITS.otherText + 1);
    const refusedOther = await post("1", {
      version: "0",
      [`q${choice.id}`]: "other",
      [`q${choice.id}-other`]: other,
    });
    expect(refusedOther.status).toBe(400);
    expect(refusedOther.body).toMatchObject({
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
    expect(refusedStory.body).toMatchObject({
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
    const post = (body: BodyInit, headers: Record<string, string>) =>
      run(() =>
        sectionRoute.action(
          args(
            new Request(`http://localhost:3000/s/${token}/1`, {
              method: "POST",
              body,
              headers,
              duplex: "half",
            }),
            {
              token,
              section: "1",
            },
          ),
        ),
      );
    const form = { "Content-Type": "application/x-www-form-urlencoded" };

    // Declared up front, as browsers do.
    const declared = await post(huge, { ...form, "Content-Length": String(huge.length) });
    expect(declared.status).toBe(413);
    expect(declared.body).toMatchObject({ message: expect.stringMatching(/too long to save/) });
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
    const notAForm = await post(JSON.stringify({ version: 0 }), { "Content-Type": "application/json" });
    expect(notAForm.status).toBe(400);
    expect(notAForm.body).toMatchObject({ message: expect.stringMatching(/could not be read/) });
    expect(await answersSaved(survey.id)).toBe(0);
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
