import { describe, expect, test } from "vitest";
import { reactivateContact } from "~/models/directory/people.server.ts";
import { createPerson, deactivatePerson } from "~/models/accounts/people.server.ts";
import { presentResults } from "~/models/surveys/results-view.server.ts";
import { getSurveyAggregates } from "~/models/surveys/results.server.ts";
import { accessByToken } from "~/models/surveys/links.server.ts";
import { saveSection, submitResponse } from "~/models/surveys/answering.server.ts";
import {
  countUninvited,
  invitationFigures,
  inviteRemainingAudience,
  sendPendingInvitations,
  sendStalledInvitations,
} from "~/models/surveys/invitations.server.ts";
import { remindNonResponders } from "~/models/surveys/reminders.server.ts";
import { closeSurvey, surveyLifecycle } from "~/models/surveys/lifecycle.server.ts";
import { listSurveys, loadSurveyContent, type Survey } from "~/models/surveys/surveys.server.ts";
import { emptyAnswer } from "~/utils/survey-answers.ts";
import { responseFiguresText } from "~/utils/survey-figures.ts";
import { uniqueEmail } from "../context.ts";
import { openTestDb } from "../db.ts";
import {
  APP_URL,
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
  tokenIn,
} from "./factories.ts";
import { withText } from "../outbox-text.ts";

const { db } = await openTestDb();
const staff = await createStaff(db);

/** Answers the two required questions and submits, as the holder of `token`. */
async function answer(survey: Survey, token: string) {
  const [first, second] = await loadSurveyContent(db, survey.id);
  const choice = first?.questions[0];
  const yesNo = second?.questions[0];
  if (!first || !second || !choice || !yesNo) throw new Error("survey content");
  let access = await accessByToken(db, token);
  await saveSection(db, access, first, 0, [{ ...emptyAnswer(choice.id), choices: ["health"] }]);
  access = await accessByToken(db, token);
  await saveSection(db, access, second, 0, [{ ...emptyAnswer(yesNo.id), yes: true }]);
  await submitResponse(db, access, APP_URL, token);
}

async function listed(surveyId: number) {
  const { items } = await listSurveys(db, staff, { page: 1, pageSize: 100 });
  const item = items.find((candidate) => candidate.id === surveyId);
  if (!item) throw new Error("survey not listed");
  return item.figures;
}

/** Invitation emails for this survey since `afterId`, by address. */
async function invitationEmails(survey: Survey, afterId = 0) {
  return withText(
    await db
      .selectFrom("email_outbox")
      .select(["id", "to_address", "template", "props", "text"])
      .where("template", "in", ["survey-invitation", "survey-invitation-bilingual"])
      .where("subject", "like", `%${survey.title}%`)
      .where("id", ">", afterId)
      .orderBy("id")
      .execute(),
  );
}

const lastEmailId = async () =>
  Number(
    (
      await db
        .selectFrom("email_outbox")
        .select((eb) => eb.fn.max("id").as("id"))
        .executeTakeFirst()
    )?.id ?? 0,
  );

const invitationsOf = (survey: Survey) =>
  db
    .selectFrom("survey_invitations")
    .select(["person_id", "responded"])
    .where("survey_id", "=", survey.id)
    .execute();

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

    const figures = await invitationFigures(db, staff, survey);
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

    const figures = await invitationFigures(db, staff, survey);
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

describe("opening sends invitations in small transactions, and finishes them after a crash", () => {
  const pendingMark = (id: number) =>
    db
      .selectFrom("surveys")
      .select(["inviting_from", "inviting_since"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  test("a process that stopped right after opening leaves a mark; the loop invites everyone once", async () => {
    await createMemberOrg(db, { serviceArea: "other", contacts: 3 });
    await createMemberOrg(db, { serviceArea: "other", contacts: 2 });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["other"] });
    // The opening commits, then the process dies before any batch.
    await surveyLifecycle.move(db, staff, "open", survey.id, null, { appUrl: APP_URL });
    expect(await pendingMark(survey.id)).toMatchObject({ inviting_from: APP_URL });
    expect(await invitationEmails(survey)).toHaveLength(0);

    // A live run (its mark is fresh) is left to its own process.
    expect(await sendStalledInvitations(db)).toBe(0);
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await sendStalledInvitations(db, { now: later })).toBe(5);
    expect(await pendingMark(survey.id)).toEqual({ inviting_from: null, inviting_since: null });
    const emails = await invitationEmails(survey);
    expect(new Set(emails.map((email) => email.to_address)).size).toBe(5);
    for (const email of emails)
      expect((await accessByToken(db, tokenIn(email.text))).survey.id).toBe(survey.id);
    expect(await sendStalledInvitations(db, { now: later })).toBe(0);
    expect(await invitationsOf(survey)).toHaveLength(5);
  });

  test("batches of two invite each person once, each with their own email", async () => {
    await createMemberOrg(db, { serviceArea: "other", nation: "wales", contacts: 5 });
    const survey = await createSurveyWithQuestions(db, staff, {
      nations: ["wales"],
      serviceAreas: ["other"],
    });
    await surveyLifecycle.move(db, staff, "open", survey.id, null, { appUrl: APP_URL });
    expect(await sendPendingInvitations(db, survey.id, { batchSize: 2 })).toBe(5);
    expect(await invitationEmails(survey)).toHaveLength(5);
    expect(await sendPendingInvitations(db, survey.id, { batchSize: 2 })).toBe(0);
    expect(await pendingMark(survey.id)).toEqual({ inviting_from: null, inviting_since: null });
  });
});

describe("inviting people who joined the audience after opening", () => {
  test("a new contact, a new organisation and a reactivated person get one invitation and one email each, once", async () => {
    const org = await createMemberOrg(db, { serviceArea: "youth", contacts: 2 });
    const away = org.people[1];
    if (!away) throw new Error("two contacts");
    await deactivatePerson(db, staff, away.id);
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["youth"] });
    const opened = await openAndCollectTokens(db, staff, survey.id);
    expect(opened.invited).toBe(1);
    expect(await countUninvited(db, staff, survey)).toBe(0);

    const newcomer = await createPerson(db, null, {
      email: uniqueEmail("newcomer"),
      name: "Nia Newcomer",
      role: "member",
      organisationId: org.organisation.id,
    });
    const joined = await createMemberOrg(db, { serviceArea: "youth" });
    await reactivateContact(db, staff, away.id);
    // Not in the audience: staff, and another service area.
    await createMemberOrg(db, { serviceArea: "leisure" });
    expect(await countUninvited(db, staff, survey)).toBe(3);

    const before = await lastEmailId();
    expect(await inviteRemainingAudience(db, staff, survey.id, APP_URL)).toBe(3);
    const emails = await invitationEmails(survey, before);
    expect(emails.map((email) => email.to_address).sort()).toEqual(
      [newcomer.email, joined.people[0]?.email, away.email].sort(),
    );
    // Each new link works, as the ones sent at opening do.
    for (const email of emails) {
      const access = await accessByToken(db, tokenIn(email.text));
      expect(access.survey.id).toBe(survey.id);
    }
    expect(await countUninvited(db, staff, survey)).toBe(0);
    expect(await invitationsOf(survey)).toHaveLength(4);

    // Again: nobody new, nothing sent, nobody re-invited.
    const again = await lastEmailId();
    expect(await inviteRemainingAudience(db, staff, survey.id, APP_URL)).toBe(0);
    expect(await invitationEmails(survey, again)).toHaveLength(0);
    expect(await invitationsOf(survey)).toHaveLength(4);

    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_id", "after"])
      .where("action", "=", "survey.invited_more")
      .where("subject_id", "=", String(survey.id))
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { actor_id: staff.id, after: { invited: 3 } },
      { actor_id: staff.id, after: { invited: 0 } },
    ]);
  });

  test("two concurrent clicks invite each new person once", async () => {
    const org = await createMemberOrg(db, { serviceArea: "culture" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["culture"] });
    await openAndCollectTokens(db, staff, survey.id);
    for (const name of ["Ola", "Pat", "Rui"]) {
      await createPerson(db, null, {
        email: uniqueEmail(name.toLowerCase()),
        name,
        role: "member",
        organisationId: org.organisation.id,
      });
    }
    const before = await lastEmailId();
    const results = await Promise.all([
      inviteRemainingAudience(db, staff, survey.id, APP_URL),
      inviteRemainingAudience(db, staff, survey.id, APP_URL),
    ]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(3);
    expect(results.sort()).toEqual([0, 3]);
    const emails = await invitationEmails(survey, before);
    expect(emails).toHaveLength(3);
    expect(new Set(emails.map((email) => email.to_address)).size).toBe(3);
    expect(await invitationsOf(survey)).toHaveLength(4);
  });

  test("a colleague joining after their organisation answered shares that answer: not a non-responder", async () => {
    const org = await createMemberOrg(db, { serviceArea: "housing", contacts: 2 });
    const other = await createMemberOrg(db, { serviceArea: "housing" });
    const survey = await createSurveyWithQuestions(db, staff, {
      serviceAreas: ["housing"],
      mode: "organisation",
    });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    await answer(survey, tokens.get(org.people[0]?.email ?? "") ?? "");
    const colleague = await createPerson(db, null, {
      email: uniqueEmail("colleague"),
      name: "Cai Colleague",
      role: "member",
      organisationId: org.organisation.id,
    });
    expect(await inviteRemainingAudience(db, staff, survey.id, APP_URL)).toBe(1);
    const invitation = (await invitationsOf(survey)).find((row) => row.person_id === colleague.id);
    expect(invitation?.responded).toBe(true);
    expect(await invitationFigures(db, staff, survey)).toMatchObject({ invited: 2, responded: 1 });
    // Only the organisation that has not answered is reminded.
    const before = await lastEmailId();
    expect(await remindNonResponders(db, staff, survey.id, APP_URL)).toBe(1);
    const reminded = await db
      .selectFrom("email_outbox")
      .select("to_address")
      .where("id", ">", before)
      .execute();
    expect(reminded.map((row) => row.to_address)).toEqual([other.people[0]?.email]);
  });

  test("anonymous surveys invite late joiners the same way and log only a count", async () => {
    const org = await createMemberOrg(db, { serviceArea: "childrens_services" });
    const survey = await createSurveyWithQuestions(db, staff, {
      serviceAreas: ["childrens_services"],
      anonymity: "anonymous",
    });
    await openAndCollectTokens(db, staff, survey.id);
    await createPerson(db, null, {
      email: uniqueEmail("late"),
      name: "Lee Late",
      role: "member",
      organisationId: org.organisation.id,
    });
    const before = await lastEmailId();
    expect(await inviteRemainingAudience(db, staff, survey.id, APP_URL)).toBe(1);
    const [email] = await invitationEmails(survey, before);
    // The late link answers anonymously, as everyone else's does.
    const access = await accessByToken(db, tokenIn(email?.text ?? ""));
    expect(access.respondentKey).toMatch(/^anonymous:/);
    const audit = await db
      .selectFrom("audit_log")
      .select("after")
      .where("action", "=", "survey.invited_more")
      .where("subject_id", "=", String(survey.id))
      .executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ invited: 1 });
  });

  test("refused once the survey is closed or past its closing date, and for members", async () => {
    const org = await createMemberOrg(db, { serviceArea: "education" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["education"] });
    await openAndCollectTokens(db, staff, survey.id);
    await createPerson(db, null, {
      email: uniqueEmail("late"),
      name: "Lou Late",
      role: "member",
      organisationId: org.organisation.id,
    });
    const member = org.people[0];
    if (!member) throw new Error("member");
    await expect(inviteRemainingAudience(db, member, survey.id, APP_URL)).rejects.toMatchObject({
      status: 404,
    });
    const afterClosing = new Date(Date.UTC(2100, 0, 2));
    await expect(inviteRemainingAudience(db, staff, survey.id, APP_URL, afterClosing)).rejects.toThrow(
      "The closing date has passed, so no more invitations can be sent.",
    );
    await closeSurvey(db, staff, survey.id);
    const before = await lastEmailId();
    await expect(inviteRemainingAudience(db, staff, survey.id, APP_URL)).rejects.toThrow(
      "Invitations can be sent only while the survey is open.",
    );
    expect(await invitationEmails(survey, before)).toHaveLength(0);
    expect(await invitationsOf(survey)).toHaveLength(1);
  });
});
