import { describe, expect, test } from "vitest";
import type { Person } from "~/models/accounts/people.server.ts";
import * as csvRoute from "~/routes/surveys.$id.results[.csv].ts";
import * as resultsRoute from "~/routes/surveys.$id.results.tsx";
import * as answersRoute from "~/routes/surveys.$id.results_.answers.$questionId.tsx";
import * as summaryRoute from "~/routes/surveys.$id.summary.tsx";
import { createSession, sessionCookie } from "~/models/accounts/sessions.server.ts";
import { formRequest, testContext } from "../context.ts";
import { openTestDb } from "../db.ts";
import { createMemberOrg, createStaff } from "../surveys/factories.ts";
import { createResultsSurvey, seedResponses } from "./factories.ts";

const { db } = await openTestDb();
const context = testContext(db);
const staff = await createStaff(db);

async function cookieFor(person: Person): Promise<string> {
  const id = await createSession(db, person.id, context.env);
  return (await sessionCookie(context.env).serialize(id)).split(";")[0] ?? "";
}

const get = (path: string, cookie: string) =>
  new Request(new URL(path, "http://localhost:3000"), { headers: { Cookie: cookie } });

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return (
    typeof value === "object" && value !== null && "type" in value && value.type === "DataWithResponseInit"
  );
}

async function run(
  work: () => Promise<unknown>,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  try {
    const result = await work();
    if (result instanceof Response) return { status: result.status, body: null, headers: result.headers };
    if (isDataWithInit(result)) {
      return {
        status: result.init?.status ?? 200,
        body: result.data,
        headers: new Headers(result.init?.headers),
      };
    }
    return { status: 200, body: result, headers: new Headers() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null, headers: thrown.headers };
    throw thrown;
  }
}

async function surveyWithAnswers() {
  const made = await createResultsSurvey(db, staff);
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

describe("results routes", () => {
  test("staff page: published numbers by default, a breakdown from the query string, odd values ignored", async () => {
    const { survey, q } = await surveyWithAnswers();
    const cookie = await cookieFor(staff);
    const body = await resultsRoute.loader({
      request: get(`/surveys/${survey.id}/results?by=nation&view=wrong&filter=bad`, cookie),
      params: { id: String(survey.id) },
      context,
    });
    expect(body.query).toMatchObject({ by: "nation", filter: null, view: "published" });
    const yesNo = body.view.questions.find((question) => question.id === q.yesNo);
    expect(yesNo?.table?.rows.find((row) => row.label === "Northern Ireland")?.total.text).toBe(
      "fewer than 5",
    );
    const missing = await run(() =>
      resultsRoute.loader({
        request: get(`/surveys/999999/results`, cookie),
        params: { id: "999999" },
        context,
      }),
    );
    expect(missing.status).toBe(404);
  });

  test("members are refused the staff page and the CSV, and an uninvited member finds no summary", async () => {
    const { survey } = await surveyWithAnswers();
    const member = (await createMemberOrg(db)).people[0];
    if (!member) throw new Error("member");
    const cookie = await cookieFor(member);
    const args = {
      request: get(`/surveys/${survey.id}/results`, cookie),
      params: { id: String(survey.id) },
      context,
    };
    // requireStaff answers 403 to a signed-in member, as on every staff page.
    expect((await run(() => resultsRoute.loader(args))).status).toBe(403);
    expect((await run(() => csvRoute.loader(args))).status).toBe(403);
    expect((await run(() => summaryRoute.loader(args))).status).toBe(404);
  });

  test("the CSV is a download with formula cells neutralised", async () => {
    const { survey } = await surveyWithAnswers();
    const cookie = await cookieFor(staff);
    const response = await csvRoute.loader({
      request: get(`/surveys/${survey.id}/results.csv`, cookie),
      params: { id: String(survey.id) },
      context,
    });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="survey-\d+-responses-/,
    );
    const text = await response.text();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(13);
    expect(text).toContain(`,'=cmd|' /C calc'!A0,`);
  });

  test("saving a figure: bad input keeps what was typed (400); a good one lands in the library", async () => {
    const { survey, q } = await surveyWithAnswers();
    const cookie = await cookieFor(staff);
    const post = (fields: Record<string, string>) =>
      run(() =>
        resultsRoute.action({
          request: formRequest(`/surveys/${survey.id}/results`, fields, { Cookie: cookie }),
          params: { id: String(survey.id) },
          context,
        }),
      );
    const bad = await post({
      intent: "save-figure",
      questionId: String(q.yesNo),
      measure: "percent",
      choiceKey: "yes",
      label: "",
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
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
    const saved = await post({
      intent: "save-figure",
      questionId: String(q.yesNo),
      measure: "percent",
      choiceKey: "yes",
      label: "Yes share",
      filter: "nation:england",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toMatch(/^\/evidence\/\d+\?created=1$/);
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
    const cookie = await cookieFor(staff);
    const results = (view: string) =>
      resultsRoute.loader({
        request: get(`/surveys/${survey.id}/results?view=${view}`, cookie),
        params: { id: String(survey.id) },
        context,
      });
    const exact = (await results("exact")).view.questions.find((question) => question.id === q.single);
    expect(exact?.otherTexts).toEqual({ total: 2 });
    const published = (await results("published")).view.questions.find(
      (question) => question.id === q.single,
    );
    expect(published?.otherTexts).toBeNull();

    const page = await answersRoute.loader({
      request: get(`/surveys/${survey.id}/results/answers/${q.single}?filter=nation:wales`, cookie),
      params: { id: String(survey.id), questionId: String(q.single) },
      context,
    });
    expect(page).toMatchObject({ other: true, total: 2, filter: "Nation: Wales" });
    expect(page.items.map((item) => [item.text, item.organisation])).toEqual([
      ["Museums", org.organisation.name],
      ["Community transport", org.organisation.name],
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
      const summary = await run(async () =>
        summaryRoute.loader({
          request: get(`/surveys/${survey.id}/summary`, await cookieFor(person)),
          params: { id: String(survey.id) },
          context,
        }),
      );
      expect(summary.status).toBe(200);
      expect(JSON.stringify(summary.body)).toContain("Do you share services?");
      expect(JSON.stringify(summary.body)).not.toMatch(/Museums|Community transport/);
    }
    const memberAnswers = await run(async () =>
      answersRoute.loader({
        request: get(`/surveys/${survey.id}/results/answers/${q.single}`, await cookieFor(member)),
        params: { id: String(survey.id), questionId: String(q.single) },
        context,
      }),
    );
    expect(memberAnswers.status).toBe(403);
  });
});
