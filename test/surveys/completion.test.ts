import { UpdateQueryNode, type KyselyPlugin } from "kysely";
import { describe, expect, test } from "vitest";
import { saveSection, submitResponse } from "~/models/surveys/answering.server.ts";
import { finishAnonymousCompletions } from "~/models/surveys/completions.server.ts";
import { accessByToken } from "~/models/surveys/links.server.ts";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import type { Nation } from "~/schemas/directory.ts";
import { emptyAnswer } from "~/utils/survey-answers.ts";
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

/** The process dies where the invitation is to be marked answered: that statement never runs. */
const crashBeforeMarking: KyselyPlugin = {
  transformQuery({ node }) {
    if (
      UpdateQueryNode.is(node) &&
      JSON.stringify(node.table).includes('"survey_invitations"') &&
      JSON.stringify(node.updates).includes('"responded"')
    ) {
      throw new Error("process killed");
    }
    return node;
  },
  transformResult: async ({ result }) => result,
};

async function anonymousSurvey(nation: Nation, people: number) {
  await createMemberOrg(db, { nation, serviceArea: "education", contacts: people });
  const survey = await createSurveyWithQuestions(db, staff, {
    anonymity: "anonymous",
    nations: [nation],
    serviceAreas: ["education"],
  });
  const { tokens } = await openAndCollectTokens(db, staff, survey.id);
  const [first, second] = await loadSurveyContent(db, survey.id);
  const choice = first?.questions[0];
  const yesNo = second?.questions[0];
  if (!first || !second || !choice || !yesNo) throw new Error("survey content");
  /** Answers everything required, then submits through `through` (the database, or one that crashes). */
  const answerAndSubmit = async (token: string, through = db) => {
    const access = await accessByToken(db, token);
    await saveSection(db, access, first, 0, [{ ...emptyAnswer(choice.id), choices: ["health"] }]);
    await saveSection(db, access, second, 0, [{ ...emptyAnswer(yesNo.id), yes: true }]);
    return submitResponse(through, await accessByToken(db, token), APP_URL, token);
  };
  const invitations = () =>
    db
      .selectFrom("survey_invitations")
      .select(["responded", "completing"])
      .where("survey_id", "=", survey.id)
      .orderBy("id")
      .execute();
  const submitted = async () =>
    (
      await db
        .selectFrom("survey_responses")
        .select("id")
        .where("survey_id", "=", survey.id)
        .where("status", "=", "submitted")
        .execute()
    ).length;
  return { survey, tokens: [...tokens.values()], answerAndSubmit, invitations, submitted };
}

describe("an anonymous answer cut off between its two transactions", () => {
  test("is left flagged, and the person's retry with the same link finishes it", async () => {
    const { tokens, answerAndSubmit, invitations, submitted } = await anonymousSurvey("wales", 1);
    const [token = ""] = tokens;
    await expect(answerAndSubmit(token, db.withPlugin(crashBeforeMarking))).rejects.toThrow("process killed");
    // Half done: the answer is in, the invitation still says "not answered" (reminders would follow).
    expect(await submitted()).toBe(1);
    expect(await invitations()).toEqual([{ responded: false, completing: true }]);

    expect(await submitResponse(db, await accessByToken(db, token), APP_URL, token)).toEqual({
      alreadySubmitted: true,
      discardedFileHashes: [],
    });
    expect(await invitations()).toEqual([{ responded: true, completing: false }]);
    expect(await submitted()).toBe(1);
  });

  test("is finished by the background loop, which matches counts and never links the rows", async () => {
    const { tokens, answerAndSubmit, invitations, submitted } = await anonymousSurvey("northern_ireland", 3);
    const [crashed = "", answered = "", idle = ""] = tokens;
    await answerAndSubmit(answered);
    await expect(answerAndSubmit(crashed, db.withPlugin(crashBeforeMarking))).rejects.toThrow(
      "process killed",
    );
    expect(await submitted()).toBe(2);
    const responsesBefore = await db.selectFrom("survey_responses").selectAll().orderBy("id").execute();

    expect(await finishAnonymousCompletions(db)).toBe(1);
    expect((await invitations()).filter((row) => row.responded)).toHaveLength(2);
    expect((await invitations()).filter((row) => row.completing)).toHaveLength(0);
    // Only invitations were touched: the responses are exactly as they were.
    expect(await db.selectFrom("survey_responses").selectAll().orderBy("id").execute()).toEqual(
      responsesBefore,
    );
    expect(await finishAnonymousCompletions(db)).toBe(0);
    expect(idle).not.toBe("");
  });

  test("waits when the count cannot say which flagged invitation answered", async () => {
    const { tokens, answerAndSubmit, invitations } = await anonymousSurvey("scotland", 2);
    const [crashed = "", stillAnswering = ""] = tokens;
    await expect(answerAndSubmit(crashed, db.withPlugin(crashBeforeMarking))).rejects.toThrow(
      "process killed",
    );
    // A second person's attempt is under way: flagged, not yet submitted.
    const access = await accessByToken(db, stillAnswering);
    await db
      .updateTable("survey_invitations")
      .set({ completing: true })
      .where("id", "=", access.invitationId)
      .execute();

    expect(await finishAnonymousCompletions(db)).toBe(0);
    expect((await invitations()).filter((row) => row.responded)).toHaveLength(0);
    // The second person's answer goes through; now the count is decisive again.
    await answerAndSubmit(stillAnswering);
    expect(await finishAnonymousCompletions(db)).toBe(1);
    expect((await invitations()).every((row) => row.responded && !row.completing)).toBe(true);
  });
});
