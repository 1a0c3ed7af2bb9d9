import { describe, expect, test } from "vitest";
import {
  addSection,
  fixQuestionWording,
  moveQuestion,
  moveSection,
  updateQuestion,
} from "~/models/surveys/builder.server.ts";
import { copySurveyAsNewVersion } from "~/models/surveys/copy.server.ts";
import { accessByToken } from "~/models/surveys/links.server.ts";
import { saveSection } from "~/models/surveys/answering.server.ts";
import { remindNonResponders } from "~/models/surveys/reminders.server.ts";
import {
  archiveSurvey,
  closeSurvey,
  closeSurveysPastTheirDate,
  openSurvey,
  sendAutomaticReminders,
} from "~/models/surveys/lifecycle.server.ts";
import {
  createSurvey,
  getSurvey,
  loadSurveyContent,
  updateSurveySettings,
} from "~/models/surveys/surveys.server.ts";
import { questionFormSchema, surveySettingsSchema } from "~/schemas/survey-builder.ts";
import { openTestDb } from "../db.ts";
import {
  APP_URL,
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
  rawSettings,
  settings,
} from "./factories.ts";

const { db } = await openTestDb();
const staff = await createStaff(db);

describe("builder validation", () => {
  test("the disclosure threshold defaults to 5 and is never below 3", () => {
    expect(settings({ disclosureThreshold: "" }).disclosureThreshold).toBe(5);
    const low = surveySettingsSchema.safeParse({ ...rawSettings(), disclosureThreshold: "2" });
    expect(low.success).toBe(false);
    expect(low.error?.issues[0]?.message).toMatch(/at least 3/);
  });

  test("anonymous surveys are per person only", () => {
    const result = surveySettingsSchema.safeParse({
      ...rawSettings(),
      mode: "organisation",
      anonymity: "anonymous",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["mode"]);
  });

  test("choice questions need two choices; scales need a sensible range; keys are stable slugs", () => {
    expect(
      questionFormSchema.safeParse({ sectionId: "1", kind: "single_choice", prompt: "Q", choices: "One" })
        .success,
    ).toBe(false);
    expect(
      questionFormSchema.safeParse({
        sectionId: "1",
        kind: "scale",
        prompt: "Q",
        scaleMin: "5",
        scaleMax: "1",
      }).success,
    ).toBe(false);
    const parsed = questionFormSchema.parse({
      sectionId: "1",
      kind: "multiple_choice",
      prompt: "Q",
      choices: "Other\nSocial care\nSocial Care!",
    });
    expect(parsed.settings).toEqual({
      choices: [
        { key: "other-2", label: "Other" },
        { key: "social-care", label: "Social care" },
        { key: "social-care-2", label: "Social Care!" },
      ],
      allowOther: false,
    });
  });

  test("a stale settings save is refused", async () => {
    const survey = await createSurvey(db, staff, settings());
    await updateSurveySettings(db, staff, survey.id, survey.version, settings({ title: "First" }));
    await expect(
      updateSurveySettings(db, staff, survey.id, survey.version, settings()),
    ).rejects.toMatchObject({
      kind: "conflict",
      message: expect.stringMatching(/Someone else saved this survey/),
    });
  });

  test("sections and questions move up and down", async () => {
    const survey = await createSurveyWithQuestions(db, staff);
    const [first, second] = await loadSurveyContent(db, survey.id);
    if (!first || !second) throw new Error("two sections expected");
    await moveSection(db, staff, survey.id, second.id, "up");
    const [top] = await loadSurveyContent(db, survey.id);
    expect(top?.id).toBe(second.id);
    const [q1, q2] = first.questions;
    if (!q1 || !q2) throw new Error("two questions expected");
    await moveQuestion(db, staff, survey.id, q2.id, "up");
    const after = (await loadSurveyContent(db, survey.id)).find((section) => section.id === first.id);
    expect(after?.questions.map((q) => q.id)).toEqual([q2.id, q1.id]);
  });

  test("members and another survey's ids get 404", async () => {
    const { people } = await createMemberOrg(db);
    const member = people[0];
    if (!member) throw new Error("member");
    const status = await getSurvey(db, member, 1).then(
      () => 200,
      (error: unknown) => (error instanceof Response ? error.status : 500),
    );
    expect(status).toBe(404);
    const a = await createSurveyWithQuestions(db, staff);
    const b = await createSurveyWithQuestions(db, staff);
    const [bSection] = await loadSurveyContent(db, b.id);
    const bQuestion = bSection?.questions[0];
    if (!bQuestion) throw new Error("question");
    const moved = await moveQuestion(db, staff, a.id, bQuestion.id, "down").then(
      () => 200,
      (error: unknown) => (error instanceof Response ? error.status : 500),
    );
    expect(moved).toBe(404);
  });
});

describe("lifecycle and invitations", () => {
  test("draft → open → closed → archived, each audited; illegal moves are conflicts", async () => {
    const { people } = await createMemberOrg(db, { serviceArea: "libraries", nation: "wales", contacts: 2 });
    await createMemberOrg(db, { serviceArea: "libraries", nation: "scotland" });
    const survey = await createSurveyWithQuestions(db, staff, {
      serviceAreas: ["libraries"],
      nations: ["wales"],
    });
    await expect(archiveSurvey(db, staff, survey.id)).rejects.toThrow(/still a draft/);
    const { invited, tokens } = await openAndCollectTokens(db, staff, survey.id);
    expect(invited).toBe(2);
    expect([...tokens.keys()].sort()).toEqual(people.map((p) => p.email).sort());
    const stored = await db
      .selectFrom("survey_invitations")
      .select("token_hash")
      .where("survey_id", "=", survey.id)
      .execute();
    for (const token of tokens.values()) {
      expect(token.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
      expect(stored.map((row) => row.token_hash)).not.toContain(token);
    }
    await expect(openSurvey(db, staff, survey.id, APP_URL)).rejects.toThrow(/cannot be opened/);
    await closeSurvey(db, staff, survey.id);
    await archiveSurvey(db, staff, survey.id);
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_type", "=", "survey")
      .where("subject_id", "=", String(survey.id))
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(["survey.opened", "survey.closed", "survey.archived"]),
    );
    const token = [...tokens.values()][0] ?? "";
    await expect(accessByToken(db, token)).rejects.toBeInstanceOf(Response);
  });

  test("a survey cannot open without a question or with a past closing date", async () => {
    const empty = await createSurvey(db, staff, settings());
    await expect(openSurvey(db, staff, empty.id, APP_URL)).rejects.toThrow(/at least one question/);
    const past = await createSurveyWithQuestions(db, staff, { closesOn: "2020-01-01" });
    await expect(openSurvey(db, staff, past.id, APP_URL)).rejects.toThrow(/closing date has passed/);
  });

  test("a survey with an empty section cannot open, and the refusal names the section", async () => {
    const survey = await createSurveyWithQuestions(db, staff);
    await addSection(db, staff, survey.id, { title: "Left for later", introduction: "" });
    await expect(openSurvey(db, staff, survey.id, APP_URL)).rejects.toThrow(
      "Section 3, “Left for later”, has no questions: add one or delete the section before opening the survey.",
    );
    expect((await getSurvey(db, staff, survey.id)).state).toBe("draft");
  });

  test("the size band audience picks organisations by staff count", async () => {
    const small = await createMemberOrg(db, { serviceArea: "culture", staffCount: 20 });
    await createMemberOrg(db, { serviceArea: "culture", staffCount: 400 });
    const survey = await createSurveyWithQuestions(db, staff, {
      serviceAreas: ["culture"],
      sizeBands: ["under_50"],
    });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    expect([...tokens.keys()]).toEqual(small.people.map((p) => p.email));
  });

  test("questions are fixed once answers exist: 409, wording fixes logged, copy as a new version", async () => {
    await createMemberOrg(db, { serviceArea: "youth" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["youth"] });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const access = await accessByToken(db, [...tokens.values()][0] ?? "");
    const [first] = await loadSurveyContent(db, survey.id);
    const question = first?.questions[0];
    if (!first || !question) throw new Error("content");
    await saveSection(db, access, first, 0, [
      {
        questionId: question.id,
        choices: ["health"],
        otherText: null,
        number: null,
        yes: null,
        title: null,
        text: null,
        consent: null,
        fileId: null,
        fileName: null,
      },
    ]);
    const change = questionFormSchema.parse({
      sectionId: String(first.id),
      kind: "short_text",
      prompt: "Changed",
    });
    await expect(updateQuestion(db, staff, survey.id, question.id, change)).rejects.toThrow(/cannot change/);
    await fixQuestionWording(db, staff, survey.id, question.id, {
      prompt: "Which service do you mainly provide?",
      helpText: "",
    });
    const logged = await db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("action", "=", "survey.question_wording_fixed")
      .where("subject_id", "=", String(survey.id))
      .executeTakeFirstOrThrow();
    expect(logged.before).toMatchObject({ prompt: "Which service do you mainly deliver?" });
    const copy = await copySurveyAsNewVersion(db, staff, survey.id);
    expect(copy.state).toBe("draft");
    expect(copy.previousVersionId).toBe(survey.id);
    const copied = await loadSurveyContent(db, copy.id);
    expect(copied.flatMap((s) => s.questions.map((q) => q.prompt))).toEqual(
      (await loadSurveyContent(db, survey.id)).flatMap((s) => s.questions.map((q) => q.prompt)),
    );
  });
});

describe("reminders", () => {
  test("staff reminders reach each non-responder once; the automatic one goes once, N days before closing", async () => {
    await createMemberOrg(db, { serviceArea: "education", contacts: 3 });
    const survey = await createSurveyWithQuestions(db, staff, {
      serviceAreas: ["education"],
      reminderDaysBefore: "3",
    });
    await openAndCollectTokens(db, staff, survey.id);
    expect(await remindNonResponders(db, staff, survey.id, APP_URL)).toBe(3);
    expect(await remindNonResponders(db, staff, survey.id, APP_URL)).toBe(0);

    const closesAt = (await getSurvey(db, staff, survey.id)).closesAt ?? new Date();
    const early = new Date(closesAt.getTime() - 5 * 86_400_000);
    expect(await sendAutomaticReminders(db, APP_URL, early)).toBe(0);
    const due = new Date(closesAt.getTime() - 2 * 86_400_000);
    const [first, second] = await Promise.all([
      sendAutomaticReminders(db, APP_URL, due),
      sendAutomaticReminders(db, APP_URL, due),
    ]);
    expect(first + second).toBe(3);
    expect(await sendAutomaticReminders(db, APP_URL, due)).toBe(0);
    const reminders = await db
      .selectFrom("survey_reminders")
      .innerJoin("survey_invitations", "survey_invitations.id", "survey_reminders.invitation_id")
      .select(["survey_reminders.kind"])
      .where("survey_invitations.survey_id", "=", survey.id)
      .execute();
    expect(reminders).toHaveLength(6);

    expect(await closeSurveysPastTheirDate(db, new Date(closesAt.getTime() + 1000))).toBeGreaterThanOrEqual(
      1,
    );
    expect((await getSurvey(db, staff, survey.id)).state).toBe("closed");
  });
});
