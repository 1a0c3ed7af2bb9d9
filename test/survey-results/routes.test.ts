import { describe, expect, test } from "vitest";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import { createMemberOrg, createStaff } from "../surveys/factories.ts";
import { createResultsSurvey, seedResponses } from "./factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);

async function surveyWithAnswers(overrides: Record<string, unknown> = {}) {
  const made = await createResultsSurvey(db, staff, overrides);
  const org = await createMemberOrg(db, { nation: "wales" });
  await seedResponses(
    db,
    made.survey,
    Array.from({ length: 12 }, (_, i) => ({
      nation: i < 10 ? ("england" as const) : ("northern_ireland" as const),
      submittedOn: "2026-11-02",
      organisationId: org.organisation.id,
      answers: {
        [made.q.yesNo]: { yes: i % 2 === 0 },
        [made.q.story]: { title: "Story", text: "=cmd|' /C calc'!A0", consent: "anonymous" as const },
      },
    })),
  );
  return { ...made, org };
}

/** The Northern Ireland row's total of one question's breakdown, as a partial match. */
const niTotal = (questionId: number, total: Record<string, unknown>) => ({
  questions: expect.arrayContaining([
    expect.objectContaining({
      id: questionId,
      table: expect.objectContaining({
        rows: expect.arrayContaining([
          expect.objectContaining({ label: "Northern Ireland", total: expect.objectContaining(total) }),
        ]),
      }),
    }),
  ]),
});

describe("results routes", () => {
  test("staff page: exact numbers marked by default, a breakdown from the query string, odd values ignored", async () => {
    const { survey, q } = await surveyWithAnswers();
    const exact = await site.load(`/surveys/${survey.id}/results?by=nation&view=wrong&filter=bad`, {
      as: staff,
    });
    expect(exact.data.query).toMatchObject({ by: "nation", filter: null, view: "exact" });
    expect(exact.data.view).toMatchObject(niTotal(q.yesNo, { status: "shown", withheld: true }));
    const page = await site.load(`/surveys/${survey.id}/results?by=nation&view=published`, { as: staff });
    expect(page.data.query).toMatchObject({ by: "nation", filter: null, view: "published" });
    expect(page.data.view).toMatchObject({
      questions: expect.arrayContaining([
        expect.objectContaining({
          id: q.yesNo,
          table: expect.objectContaining({
            rows: expect.arrayContaining([
              expect.objectContaining({
                label: "Northern Ireland",
                total: expect.objectContaining({ text: "hidden" }),
              }),
            ]),
          }),
        }),
      ]),
    });
    expect((await site.get("/surveys/999999/results", { as: staff })).status).toBe(404);
  });

  test("an anonymous survey's results reach staff protected, whatever the query string asks", async () => {
    const { survey, q } = await surveyWithAnswers({ anonymity: "anonymous" });
    const page = await site.load(`/surveys/${survey.id}/results?by=nation&view=exact`, { as: staff });
    expect(page.data.query).toMatchObject({ view: "published" });
    expect(page.data.view).toMatchObject(niTotal(q.yesNo, { status: "hidden", value: null, text: "hidden" }));
    const html = await site.get(`/surveys/${survey.id}/results?by=nation&view=exact`, { as: staff });
    expect(html.text).not.toContain("Exact counts, marking");
    expect(html.text).toContain("This survey is anonymous");
  });

  test("members are refused the staff page and the CSV, and an uninvited member finds no summary", async () => {
    const { survey } = await surveyWithAnswers();
    const member = (await createMemberOrg(db)).people[0];
    if (!member) throw new Error("member");
    const pages = `/surveys/${survey.id}`;
    // requireStaff answers 403 to a signed-in member, as on every staff page.
    expect((await site.get(`${pages}/results`, { as: member })).status).toBe(403);
    expect((await site.get(`${pages}/results.csv`, { as: member })).status).toBe(403);
    expect((await site.get(`${pages}/summary`, { as: member })).status).toBe(404);
  });

  test("the CSV is a download with formula cells neutralised", async () => {
    const { survey } = await surveyWithAnswers();
    const response = await site.get(`/surveys/${survey.id}/results.csv`, { as: staff });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="survey-\d+-responses-/,
    );
    const text = response.text;
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(13);
    expect(text).toContain(`,'=cmd|' /C calc'!A0,`);
  });

  test("saving a figure: bad input keeps what was typed (400); a good one lands in the library", async () => {
    const { survey, q } = await surveyWithAnswers();
    const post = (fields: Record<string, string>) =>
      site.post(`/surveys/${survey.id}/results`, fields, { as: staff });
    const bad = await post({
      intent: "save-figure",
      questionId: String(q.yesNo),
      measure: "percent",
      choiceKey: "yes",
      label: "",
    });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      errors: { label: "Enter a short label for the figure" },
      values: { choiceKey: "yes" },
    });
    const refused = await post({
      intent: "save-figure",
      questionId: String(q.yesNo),
      measure: "mean",
      label: "Mean of yes",
    });
    expect(refused.status).toBe(409);
    // England's 10 beside everyone's 12 would say how Northern Ireland's 2 answered.
    const tooFew = await post({
      intent: "save-figure",
      questionId: String(q.yesNo),
      measure: "percent",
      choiceKey: "yes",
      label: "Yes share",
      filter: "nation:england",
    });
    expect(tooFew.status).toBe(400);
    expect(tooFew.data).toMatchObject({
      refusal: expect.stringMatching(/^This figure cannot be published: /),
      values: { label: "Yes share", filter: "nation:england", choiceKey: "yes" },
    });
    const england = await createResultsSurvey(db, staff);
    await seedResponses(
      db,
      england.survey,
      Array.from({ length: 12 }, (_, i) => ({
        nation: "england" as const,
        submittedOn: "2026-11-02",
        answers: { [england.q.yesNo]: { yes: i % 2 === 0 } },
      })),
    );
    const saved = await site.post(
      `/surveys/${england.survey.id}/results`,
      {
        intent: "save-figure",
        questionId: String(england.q.yesNo),
        measure: "percent",
        choiceKey: "yes",
        label: "Yes share",
        filter: "nation:england",
      },
      { as: staff },
    );
    expect(saved.status).toBe(303);
    expect(saved.location).toMatch(/^\/evidence\/\d+\?created=1$/);
    const quote = await post({
      intent: "save-quote",
      questionId: String(q.story),
      responseId: "999999",
      label: "Story",
    });
    expect(quote.status).toBe(404);
  });

  test("texts written under “Other” reach staff's exact view and the answers page, never the members' summary", async () => {
    const { survey, q, org } = await surveyWithAnswers();
    await seedResponses(
      db,
      survey,
      ["Community transport", "Museums"].map((otherText) => ({
        nation: "wales" as const,
        submittedOn: "2026-11-03",
        organisationId: org.organisation.id,
        answers: { [q.single]: { choices: ["other"], otherText } },
      })),
    );
    const otherTextsOf = async (view: string) =>
      (await site.load(`/surveys/${survey.id}/results?view=${view}`, { as: staff })).data.view;
    expect(await otherTextsOf("exact")).toMatchObject({
      questions: expect.arrayContaining([
        expect.objectContaining({ id: q.single, otherTexts: { total: 2 } }),
      ]),
    });
    expect(await otherTextsOf("published")).toMatchObject({
      questions: expect.arrayContaining([expect.objectContaining({ id: q.single, otherTexts: null })]),
    });

    const page = await site.load(`/surveys/${survey.id}/results/answers/${q.single}?filter=nation:wales`, {
      as: staff,
    });
    expect(page.data).toMatchObject({ other: true, total: 2, filter: "Nation: Wales" });
    expect(page.data.items).toEqual([
      expect.objectContaining({ text: "Museums", organisation: org.organisation.name }),
      expect.objectContaining({ text: "Community transport", organisation: org.organisation.name }),
    ]);

    // The summary staff and (after closing) members see: figures only.
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
    for (const person of [staff, member]) {
      const summary = await site.load(`/surveys/${survey.id}/summary`, { as: person });
      expect(summary.status).toBe(200);
      expect(JSON.stringify(summary.data)).toContain("Do you share services?");
      expect(JSON.stringify(summary.data)).not.toMatch(/Museums|Community transport/);
    }
    const memberAnswers = await site.get(`/surveys/${survey.id}/results/answers/${q.single}`, { as: member });
    expect(memberAnswers.status).toBe(403);
  });
});
