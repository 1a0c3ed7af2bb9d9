import { describe, expect, test } from "vitest";
import { erasePerson } from "~/models/directory/data-rights.server.ts";
import { archiveSurvey, closeSurvey, openSurvey } from "~/models/surveys/lifecycle.server.ts";
import { resultsCacheStats, surveyResultsView } from "~/models/surveys/results-cache.server.ts";
import { getSurvey } from "~/models/surveys/surveys.server.ts";
import { openTestDb } from "../db.ts";
import { APP_URL, createMemberOrg, createStaff } from "../surveys/factories.ts";
import { createResultsSurvey, seedResponses, type SeedResponse } from "./factories.ts";

const { db } = await openTestDb();
const staff = await createStaff(db);

/** 12 responses from one organisation, in a survey that is open. */
async function answeredSurvey() {
  const made = await createResultsSurvey(db, staff);
  const org = await createMemberOrg(db, { contacts: 1 });
  const responses: SeedResponse[] = Array.from({ length: 12 }, (_, i) => ({
    nation: i < 8 ? "england" : "wales",
    submittedOn: "2026-11-02",
    organisationId: org.organisation.id,
    answers: { [made.q.single]: { choices: [i % 2 ? "a-few" : "none"] }, [made.q.yesNo]: { yes: i < 5 } },
  }));
  await openSurvey(db, staff, made.survey.id, APP_URL);
  await seedResponses(db, made.survey, responses);
  return { ...made, org };
}

const everyone = { by: "none", filter: null } as const;

/** The results a staff member sees, and how many computations that took. */
async function load(surveyId: number, scope: Parameters<typeof surveyResultsView>[2] = everyone) {
  const before = resultsCacheStats.computed;
  const survey = await getSurvey(db, staff, surveyId);
  const results = await surveyResultsView(db, survey, scope, { protect: false });
  return { results, computed: resultsCacheStats.computed - before };
}

describe("results of a closed survey, kept in memory", () => {
  test("an open survey's results are computed on every load", async () => {
    const { survey } = await answeredSurvey();
    expect((await load(survey.id)).computed).toBe(1);
    expect((await load(survey.id)).computed).toBe(1);
  });

  test("once closed, the second load of the same breakdown is not computed again, and shows the same figures", async () => {
    const { survey } = await answeredSurvey();
    await closeSurvey(db, staff, survey.id);
    const first = await load(survey.id);
    expect(first.computed).toBe(1);
    expect(first.results.view.respondents.value).toBe(12);
    const second = await load(survey.id);
    expect(second.computed).toBe(0);
    expect(second.results).toEqual(first.results);

    // Another breakdown, filter or view is its own entry.
    const byNation = await load(survey.id, { by: "nation", filter: null });
    expect(byNation.computed).toBe(1);
    expect((await load(survey.id, { by: "nation", filter: null })).computed).toBe(0);
    const wales = await load(survey.id, { by: "none", filter: { attribute: "nation", value: "wales" } });
    expect(wales.computed).toBe(1);
    expect(wales.results.view.respondents.value).toBe(4);
    const published = await surveyResultsView(db, await getSurvey(db, staff, survey.id), everyone, {
      protect: true,
    });
    expect(published).not.toBe(first.results);
  });

  test("an erasure, a response removed or the survey archived computes the figures afresh", async () => {
    const { survey, org } = await answeredSurvey();
    await closeSurvey(db, staff, survey.id);
    expect((await load(survey.id)).computed).toBe(1);
    expect((await load(survey.id)).computed).toBe(0);

    const [contact] = org.people;
    if (!contact) throw new Error("no contact");
    await erasePerson(db, staff, contact.id);
    expect((await load(survey.id)).computed).toBe(1);
    expect((await load(survey.id)).computed).toBe(0);

    // Responses never leave a closed survey through the app; should one go, the figures follow.
    const first = await db
      .selectFrom("survey_responses")
      .select("id")
      .where("survey_id", "=", survey.id)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await db.deleteFrom("survey_responses").where("id", "=", first.id).execute();
    const after = await load(survey.id);
    expect(after.computed).toBe(1);
    expect(after.results.view.respondents.value).toBe(11);

    await archiveSurvey(db, staff, survey.id);
    expect((await load(survey.id)).computed).toBe(1);
    expect((await load(survey.id)).computed).toBe(0);
  });
});
