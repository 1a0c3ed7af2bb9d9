import { describe, expect, test } from "vitest";
import { presentResults } from "~/models/survey-results-view.server.ts";
import { getSurveyAggregates } from "~/models/survey-results.server.ts";
import { accessByToken, saveSection, submitResponse } from "~/models/survey-answering.server.ts";
import { invitationFigures } from "~/models/survey-lifecycle.server.ts";
import { listSurveys, loadSurveyContent, type Survey } from "~/models/surveys.server.ts";
import type { Answer } from "~/utils/survey-answers.ts";
import { responseFiguresText } from "~/utils/survey-figures.ts";
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

const blank = (questionId: number): Answer => ({
  questionId,
  choices: null,
  otherText: null,
  number: null,
  yes: null,
  title: null,
  text: null,
  consent: null,
});

/** Answers the two required questions and submits, as the holder of `token`. */
async function answer(survey: Survey, token: string) {
  const [first, second] = await loadSurveyContent(db, survey.id);
  const choice = first?.questions[0];
  const yesNo = second?.questions[0];
  if (!first || !second || !choice || !yesNo) throw new Error("survey content");
  let access = await accessByToken(db, token);
  await saveSection(db, access, first, 0, [{ ...blank(choice.id), choices: ["health"] }]);
  access = await accessByToken(db, token);
  await saveSection(db, access, second, 0, [{ ...blank(yesNo.id), yes: true }]);
  await submitResponse(db, access, APP_URL, token);
}

async function listed(surveyId: number) {
  const { items } = await listSurveys(db, staff, { page: 1, pageSize: 100 });
  const item = items.find((candidate) => candidate.id === surveyId);
  if (!item) throw new Error("survey not listed");
  return item.figures;
}

describe("response figures count the unit that answers", () => {
  test("one response per organisation: 3 invited colleagues, one answers, is 1 of 1 organisations", async () => {
    const org = await createMemberOrg(db, { serviceArea: "health", contacts: 3 });
    const survey = await createSurveyWithQuestions(db, staff, {
      serviceAreas: ["health"],
      mode: "organisation",
      opensOn: "2026-11-01",
    });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    expect(tokens.size).toBe(3);
    await answer(survey, tokens.get(org.people[0]?.email ?? "") ?? "");

    const figures = await invitationFigures(db, staff, survey.id);
    expect(figures).toEqual({
      mode: "organisation",
      invited: 1,
      responded: 1,
      peopleInvited: 3,
      organisationsInvited: 1,
    });
    expect(await listed(survey.id)).toEqual({ mode: "organisation", invited: 1, responded: 1 });
    expect(responseFiguresText(figures)).toBe("1 organisation invited, 1 responded (100%)");

    // The results page's response rate over time divides by the same organisations.
    const view = presentResults(
      await getSurveyAggregates(db, staff, survey.id, { by: "none", filter: null }),
      { protect: false },
    );
    expect(view.invited).toBe(1);
    expect(view.overTime.at(-1)).toMatchObject({ cumulative: 1, rate: 100 });
  });

  test("one response per person: the same organisation counts 1 of 3 people", async () => {
    const org = await createMemberOrg(db, { serviceArea: "social_care", contacts: 3 });
    const survey = await createSurveyWithQuestions(db, staff, {
      serviceAreas: ["social_care"],
      opensOn: "2026-11-01",
    });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    await answer(survey, tokens.get(org.people[0]?.email ?? "") ?? "");

    const figures = await invitationFigures(db, staff, survey.id);
    expect(figures).toEqual({
      mode: "person",
      invited: 3,
      responded: 1,
      peopleInvited: 3,
      organisationsInvited: 1,
    });
    expect(await listed(survey.id)).toEqual({ mode: "person", invited: 3, responded: 1 });
    expect(responseFiguresText(figures)).toBe("3 people invited, 1 responded (33%)");
    const view = presentResults(
      await getSurveyAggregates(db, staff, survey.id, { by: "none", filter: null }),
      { protect: false },
    );
    expect(view.overTime.at(-1)?.rate).toBeCloseTo(100 / 3);
  });
});
