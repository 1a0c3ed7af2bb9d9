import { createOrganisation, type Organisation } from "~/models/directory/organisations.server.ts";
import { createPerson, type Person } from "~/models/accounts/people.server.ts";
import { addQuestion, addSection } from "~/models/surveys/builder.server.ts";
import { openSurvey } from "~/models/surveys/lifecycle.server.ts";
import { createSurvey, loadSurveyContent, type Survey } from "~/models/surveys/surveys.server.ts";
import type { Nation, ServiceArea } from "~/schemas/directory.ts";
import {
  questionFormSchema,
  surveySettingsSchema,
  type SurveySettingsInput,
} from "~/schemas/survey-builder.ts";
import { type QuestionSettings } from "~/schemas/surveys.ts";
import type { AnswerableQuestion } from "~/utils/survey-answers.ts";
import type { Db } from "~/utils/db.server.ts";
import { uniqueEmail } from "../context.ts";
import { withText } from "../outbox-text.ts";

export const APP_URL = "http://localhost:3000";

/** A question as the answering pages see it, for tests of parsing and fields without a database. */
export const answerableQuestion = (id: number, config: QuestionSettings): AnswerableQuestion => ({
  id,
  prompt: `Question ${id}`,
  helpText: "",
  required: false,
  config,
});

let counter = 0;
const unique = (label: string) => `${label} ${process.pid}-${++counter}`;

export async function createStaff(db: Db): Promise<Person> {
  return createPerson(db, null, { email: uniqueEmail("staff"), name: "Priya Shah", role: "staff" });
}

const places = {
  england: { postcode: "SW1A 2AA", localAuthority: "Westminster", localAuthorityCode: "E09000033" },
  scotland: { postcode: "EH1 1YZ", localAuthority: "City of Edinburgh", localAuthorityCode: "S12000036" },
  wales: { postcode: "CF10 4UW", localAuthority: "Cardiff", localAuthorityCode: "W06000015" },
  northern_ireland: { postcode: "BT1 5GS", localAuthority: "Belfast", localAuthorityCode: "N09000003" },
} as const;

/** An active member organisation with `contacts` member contacts. */
export async function createMemberOrg(
  db: Db,
  options: { nation?: Nation; serviceArea?: ServiceArea; staffCount?: number; contacts?: number } = {},
): Promise<{ organisation: Organisation; people: Person[] }> {
  const nation = options.nation ?? "england";
  const place = places[nation];
  const organisation = await createOrganisation(db, null, {
    name: unique("Survey Mutual CIC"),
    legalForm: "community_interest_company",
    serviceArea: options.serviceArea ?? "health",
    nation,
    postcode: place.postcode,
    localAuthority: place.localAuthority,
    localAuthorityCode: place.localAuthorityCode,
    constituency: null,
    staffCount: options.staffCount ?? 120,
    publicIncomeGbp: 1000,
    membershipStatus: "active",
    joinedOn: null,
  });
  const people: Person[] = [];
  for (let i = 0; i < (options.contacts ?? 1); i++) {
    people.push(
      await createPerson(db, null, {
        email: uniqueEmail("contact"),
        name: `Contact ${i + 1} of ${organisation.name}`,
        jobTitle: "Policy Lead",
        role: "member",
        organisationId: organisation.id,
      }),
    );
  }
  return { organisation, people };
}

export function settings(overrides: Record<string, unknown> = {}): SurveySettingsInput {
  return surveySettingsSchema.parse(rawSettings(overrides));
}

/** The settings form as typed. */
export function rawSettings(overrides: Record<string, unknown> = {}) {
  return {
    title: unique("Costs of shared services"),
    introduction: "Tell us how VAT affects you.",
    mode: "person",
    anonymity: "named",
    nations: [],
    serviceAreas: [],
    sizeBands: [],
    closesOn: "2099-12-31",
    disclosureThreshold: "5",
    ...overrides,
  };
}

/**
 * A draft with two sections: (1) a required single choice with "other" and an optional number;
 * (2) a required yes/no and an optional case study.
 */
export async function createSurveyWithQuestions(
  db: Db,
  staff: Person,
  overrides: Record<string, unknown> = {},
): Promise<Survey> {
  const survey = await createSurvey(db, staff, settings(overrides));
  const [first] = await loadSurveyContent(db, survey.id);
  if (!first) throw new Error("no first section");
  const second = await addSection(db, staff, survey.id, { title: "Your experience", introduction: "" });
  const question = (fields: Record<string, string>) => questionFormSchema.parse(fields);
  await addQuestion(
    db,
    staff,
    survey.id,
    question({
      sectionId: String(first.id),
      kind: "single_choice",
      prompt: "Which service do you mainly deliver?",
      required: "yes",
      choices: "Health\nSocial care\nLeisure",
      allowOther: "yes",
    }),
  );
  await addQuestion(
    db,
    staff,
    survey.id,
    question({
      sectionId: String(first.id),
      kind: "number",
      prompt: "How much VAT did you pay?",
      numberMin: "0",
      unit: "£",
    }),
  );
  await addQuestion(
    db,
    staff,
    survey.id,
    question({
      sectionId: String(second),
      kind: "yes_no",
      prompt: "Has VAT stopped a shared service?",
      required: "yes",
    }),
  );
  await addQuestion(
    db,
    staff,
    survey.id,
    question({ sectionId: String(second), kind: "case_study", prompt: "Tell us about it" }),
  );
  return survey;
}

/** Opens the survey and returns the emailed token of each invited address. */
export async function openAndCollectTokens(db: Db, staff: Person, surveyId: number) {
  const before = await db
    .selectFrom("email_outbox")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  const opened = await openSurvey(db, staff, surveyId, APP_URL);
  const emails = withText(
    await db
      .selectFrom("email_outbox")
      .select(["to_address", "template", "props", "text"])
      .where("id", ">", Number(before?.id ?? 0))
      .where("template", "in", ["survey-invitation", "survey-invitation-bilingual"])
      .execute(),
  );
  return { ...opened, tokens: new Map(emails.map((email) => [email.to_address, tokenIn(email.text)])) };
}

export function tokenIn(text: string): string {
  const match = /\/s\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match?.[1]) throw new Error(`No survey link in:\n${text}`);
  return match[1];
}
