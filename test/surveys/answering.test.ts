import { messagesFor } from "~/utils/i18n.ts";
import { describe, expect, test } from "vitest";
import { accessByToken } from "~/models/surveys/links.server.ts";
import { listMemberPastSurveys, listMemberSurveys } from "~/models/surveys/members.server.ts";
import { loadResponse, savedPage, saveSection, submitResponse } from "~/models/surveys/answering.server.ts";
import { closeSurvey } from "~/models/surveys/lifecycle.server.ts";
import { loadSurveyContent, type SurveySection } from "~/models/surveys/surveys.server.ts";
import { hashToken } from "~/utils/crypto.server.ts";
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

function questionsOf(sections: SurveySection[]) {
  const [first, second] = sections;
  const [choice, number] = first?.questions ?? [];
  const [yesNo, story] = second?.questions ?? [];
  if (!first || !second || !choice || !number || !yesNo || !story) throw new Error("survey content");
  return { first, second, choice, number, yesNo, story };
}

async function openFor(
  serviceArea: "leisure" | "housing" | "other" | "social_care" | "childrens_services",
  overrides = {},
  contacts = 1,
) {
  const org = await createMemberOrg(db, { serviceArea, contacts });
  const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: [serviceArea], ...overrides });
  const { tokens } = await openAndCollectTokens(db, staff, survey.id);
  const content = questionsOf(await loadSurveyContent(db, survey.id));
  const tokenOf = (index: number) => tokens.get(org.people[index]?.email ?? "") ?? "";
  return { org, survey, tokens, content, tokenOf };
}

describe("answering", () => {
  test("saves a page, resumes later from the same link, and submits once with a receipt", async () => {
    const { survey, content, tokenOf, org } = await openFor("leisure");
    const token = tokenOf(0);
    const access = await accessByToken(db, token);
    const v1 = await saveSection(db, access, content.first, 0, [
      { ...emptyAnswer(content.choice.id), choices: ["other"], otherText: "Libraries" },
      { ...emptyAnswer(content.number.id), number: "1250.50" },
    ]);
    expect(v1).toBe(1);

    // The next day, on another device: only the link is needed.
    const again = await accessByToken(db, token);
    const response = await loadResponse(db, again);
    expect(response?.sectionVersions.get(content.first.id)).toBe(1);
    expect(response?.answers.find((a) => a.questionId === content.number.id)?.number).toBe("1250.50");

    await expect(submitResponse(db, again, APP_URL, token)).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: { [`question-${content.yesNo.id}`]: expect.stringMatching(/in section 2/) },
    });
    await saveSection(db, again, content.second, 0, [{ ...emptyAnswer(content.yesNo.id), yes: true }]);
    const [first, second] = await Promise.all([
      submitResponse(db, again, APP_URL, token),
      submitResponse(db, again, APP_URL, token),
    ]);
    expect([first.alreadySubmitted, second.alreadySubmitted].sort()).toEqual([false, true]);
    const receipts = await db
      .selectFrom("email_outbox")
      .select("subject")
      .where("to_address", "=", org.people[0]?.email ?? "")
      .where("template", "=", "survey-receipt")
      .execute();
    expect(receipts).toHaveLength(1);
    const stored = await db
      .selectFrom("survey_responses")
      .select(["status", "organisation_id", "person_id", "nation", "service_area", "size_band"])
      .where("survey_id", "=", survey.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      status: "submitted",
      organisation_id: org.organisation.id,
      person_id: org.people[0]?.id,
      nation: "england",
      service_area: "leisure",
      size_band: "50_to_249",
    });
    await expect(saveSection(db, again, content.second, 1, [])).rejects.toThrow(/already been submitted/);
    const invitation = await db
      .selectFrom("survey_invitations")
      .select("responded")
      .where("token_hash", "=", hashToken(token))
      .executeTakeFirstOrThrow();
    expect(invitation.responded).toBe(true);
  });

  test("two colleagues share one organisation response; a stale page save is refused with their answers", async () => {
    const { content, tokenOf, survey } = await openFor("housing", { mode: "organisation" }, 2);
    const anna = await accessByToken(db, tokenOf(0));
    const ben = await accessByToken(db, tokenOf(1));
    expect(anna.respondentKey).toBe(ben.respondentKey);
    await saveSection(db, anna, content.first, 0, [
      { ...emptyAnswer(content.choice.id), choices: ["health"] },
    ]);
    // Ben opened the page before Anna saved (he saw version 0).
    const stale = await saveSection(db, ben, content.first, 0, [
      { ...emptyAnswer(content.choice.id), choices: ["leisure"] },
    ]).then(
      () => null,
      (error: unknown) => error,
    );
    expect(stale).toMatchObject({ kind: "conflict", message: messagesFor("en").refusals.stalePage });
    const theirs = await savedPage(db, ben, content.first);
    expect(theirs?.answers[0]?.choices).toEqual(["health"]);
    expect(theirs?.savedBy).toBe(anna.personName);
    expect(theirs?.version).toBe(1);
    // Ben chooses to keep his: he saves again from the version he has now seen.
    expect(
      await saveSection(db, ben, content.first, theirs?.version ?? 0, [
        { ...emptyAnswer(content.choice.id), choices: ["leisure"] },
      ]),
    ).toBe(2);
    // Other pages do not clash.
    await saveSection(db, anna, content.second, 0, [{ ...emptyAnswer(content.yesNo.id), yes: false }]);
    await submitResponse(db, ben, APP_URL, tokenOf(1));
    const responses = await db
      .selectFrom("survey_responses")
      .select(["person_id", "organisation_id", "submitted_by"])
      .where("survey_id", "=", survey.id)
      .execute();
    expect(responses).toHaveLength(1);
    expect(responses[0]?.submitted_by).toBe(ben.personId);
    const invitations = await db
      .selectFrom("survey_invitations")
      .select("responded")
      .where("survey_id", "=", survey.id)
      .execute();
    expect(invitations.every((row) => row.responded)).toBe(true);
  });

  test("two colleagues saving the same page at the same moment: exactly one save wins", async () => {
    const { content, tokenOf } = await openFor("housing", { mode: "organisation" }, 2);
    const anna = await accessByToken(db, tokenOf(0));
    const ben = await accessByToken(db, tokenOf(1));
    await saveSection(db, anna, content.second, 0, [{ ...emptyAnswer(content.yesNo.id), yes: true }]);
    const outcomes = await Promise.allSettled([
      saveSection(db, anna, content.first, 0, [{ ...emptyAnswer(content.choice.id), choices: ["health"] }]),
      saveSection(db, ben, content.first, 0, [{ ...emptyAnswer(content.choice.id), choices: ["leisure"] }]),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected");
    expect(refused?.status === "rejected" ? refused.reason : null).toMatchObject({
      message: messagesFor("en").refusals.stalePage,
    });
  });

  test("a closed survey saves nothing; unknown, malformed and closed links are 404", async () => {
    const { content, tokenOf, survey } = await openFor("other");
    const access = await accessByToken(db, tokenOf(0));
    await closeSurvey(db, staff, survey.id);
    await expect(saveSection(db, { ...access, open: false }, content.first, 0, [])).rejects.toMatchObject({
      kind: "conflict",
    });
    for (const token of [tokenOf(0), "x".repeat(43), "short", "../../etc"]) {
      await expect(accessByToken(db, token)).rejects.toMatchObject({ status: 404 });
    }
  });

  test("once closed, a survey leaves the member's open list and is offered as a summary", async () => {
    const { survey, org } = await openFor("housing", {}, 2);
    const [member] = org.people;
    if (!member) throw new Error("member");
    const outsider = (await createMemberOrg(db, { serviceArea: "leisure" })).people[0];
    if (!outsider) throw new Error("outsider");
    expect((await listMemberSurveys(db, member)).map((item) => item.id)).toContain(survey.id);
    expect(await listMemberPastSurveys(db, member)).toEqual([]);
    await closeSurvey(db, staff, survey.id);
    expect((await listMemberSurveys(db, member)).map((item) => item.id)).not.toContain(survey.id);
    const closed = await db
      .selectFrom("surveys")
      .select("closed_at")
      .where("id", "=", survey.id)
      .executeTakeFirstOrThrow();
    expect(closed.closed_at).not.toBeNull();
    // The day staff closed it, not the day it was planned to close (2099 in these factories).
    expect(await listMemberPastSurveys(db, member)).toEqual([
      { id: survey.id, title: survey.title, closedAt: closed.closed_at },
    ]);
    expect((await listMemberPastSurveys(db, outsider)).map((item) => item.id)).not.toContain(survey.id);
  });

  test("past the closing time the link opens but saving is refused", async () => {
    const { content, tokenOf, survey } = await openFor("childrens_services");
    const later = new Date((survey.closesAt ?? new Date()).getTime() + 1000);
    const access = await accessByToken(db, tokenOf(0), later);
    expect(access.open).toBe(false);
    await expect(saveSection(db, access, content.first, 0, [])).rejects.toThrow(/closed/);
  });
});

describe("anonymous surveys", () => {
  test("nothing stored with the answers links back to the person or organisation", async () => {
    // Six organisations in the audience, so nation and size band (shared by all) are kept, and the
    // service area of the one in a different area is withheld.
    for (let i = 0; i < 5; i++) await createMemberOrg(db, { serviceArea: "social_care", nation: "scotland" });
    const odd = await createMemberOrg(db, { serviceArea: "culture", nation: "scotland" });
    const survey = await createSurveyWithQuestions(db, staff, {
      anonymity: "anonymous",
      nations: ["scotland"],
      serviceAreas: ["social_care", "culture"],
    });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const token = tokens.get(odd.people[0]?.email ?? "") ?? "";
    const access = await accessByToken(db, token);
    const content = questionsOf(await loadSurveyContent(db, survey.id));
    await saveSection(db, access, content.first, 0, [
      { ...emptyAnswer(content.choice.id), choices: ["health"] },
    ]);
    await saveSection(db, access, content.second, 0, [
      { ...emptyAnswer(content.yesNo.id), yes: true },
      {
        ...emptyAnswer(content.story.id),
        title: "Our story",
        text: "It cost us a post.",
        consent: "anonymous",
      },
    ]);
    const before = await db
      .selectFrom("email_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await submitResponse(db, access, APP_URL, token);

    const response = await db
      .selectFrom("survey_responses")
      .select([
        "id",
        "respondent_key",
        "organisation_id",
        "person_id",
        "anonymous",
        "nation",
        "service_area",
        "size_band",
        "submitted_on",
        "submitted_at",
        "submitted_by",
      ])
      .where("survey_id", "=", survey.id)
      .executeTakeFirstOrThrow();
    expect(response).toMatchObject({
      anonymous: true,
      organisation_id: null,
      person_id: null,
      submitted_at: null,
      submitted_by: null,
      nation: "scotland",
      service_area: null,
      size_band: "50_to_249",
    });
    const ids = [
      String(odd.organisation.id),
      String(odd.people[0]?.id),
      odd.people[0]?.email ?? "",
      odd.organisation.name,
    ];
    const invitation = await db
      .selectFrom("survey_invitations")
      .select(["id", "token_hash", "reminder_token_hash", "responded"])
      .where("person_id", "=", odd.people[0]?.id ?? 0)
      .where("survey_id", "=", survey.id)
      .executeTakeFirstOrThrow();
    expect(invitation.responded).toBe(true);
    // The response key is not the invitation's hash, nor anything computable from the invitation row.
    expect(response.respondent_key).not.toContain(invitation.token_hash ?? "-");
    // Only a hash: no id or address is spelled out in it (a bare digit search would match hex by chance).
    expect(response.respondent_key).toMatch(/^anonymous:[0-9a-f]{64}$/);
    const answerRows = await db
      .selectFrom("survey_answers")
      .select([
        "response_id",
        "question_id",
        "choices",
        "other_text",
        "number",
        "yes",
        "title",
        "text",
        "consent",
      ])
      .where("response_id", "=", response.id)
      .execute();
    const sectionRows = await db
      .selectFrom("survey_response_sections")
      .select(["response_id", "section_id", "version", "saved_by_name"])
      .where("response_id", "=", response.id)
      .execute();
    expect(sectionRows.every((row) => row.saved_by_name === null)).toBe(true);
    const everything = JSON.stringify({ response: { ...response, id: null }, answerRows, sectionRows });
    for (const id of ids) expect(everything).not.toContain(`"${id}"`);
    expect(everything).not.toContain(odd.people[0]?.name ?? "-");
    // No receipt (its time beside an address would date the response) and no audit rows.
    const after = await db
      .selectFrom("email_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // Closing replaces the token-derived key: not even the link finds the response afterwards.
    await closeSurvey(db, staff, survey.id);
    const closed = await db
      .selectFrom("survey_responses")
      .select("respondent_key")
      .where("id", "=", response.id)
      .executeTakeFirstOrThrow();
    expect(closed.respondent_key).toBe(`closed:${response.id}`);
  });

  test("one response per person: a second link of the same person cannot submit again", async () => {
    await createMemberOrg(db, { serviceArea: "social_care", nation: "northern_ireland" });
    const survey = await createSurveyWithQuestions(db, staff, {
      anonymity: "anonymous",
      nations: ["northern_ireland"],
    });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const token = [...tokens.values()][0] ?? "";
    const access = await accessByToken(db, token);
    const content = questionsOf(await loadSurveyContent(db, survey.id));
    const answerAll = async (a: typeof access) => {
      await saveSection(db, a, content.first, 0, [
        { ...emptyAnswer(content.choice.id), choices: ["health"] },
      ]);
      await saveSection(db, a, content.second, 0, [{ ...emptyAnswer(content.yesNo.id), yes: true }]);
    };
    await answerAll(access);
    await submitResponse(db, access, APP_URL, token);
    // A reminder link opens a fresh anonymous response, which cannot be submitted.
    const reminder = "r".repeat(43);
    await db
      .updateTable("survey_invitations")
      .set({ reminder_token_hash: hashToken(reminder) })
      .where("survey_id", "=", survey.id)
      .execute();
    const second = await accessByToken(db, reminder);
    await answerAll(second);
    await expect(submitResponse(db, second, APP_URL, reminder)).rejects.toThrow(/already answered/);
  });
});
