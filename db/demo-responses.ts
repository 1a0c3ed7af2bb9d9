import { storedEmailText } from "../app/models/email/mailbox.server.ts";
import { accessByToken } from "../app/models/surveys/links.server.ts";
import { saveSection, submitResponse } from "../app/models/surveys/answering.server.ts";
import { answeringContent } from "../app/models/surveys/surveys.server.ts";
import { nationSchema, type Nation } from "../app/schemas/directory.ts";
import { OTHER_CHOICE_KEY, type Consent } from "../app/schemas/surveys.ts";
import type { Db } from "../app/utils/db.server.ts";
import {
  consentFieldName,
  fieldName,
  otherFieldName,
  titleFieldName,
  type AnswerableQuestion,
  type AnswerValues,
} from "../app/utils/survey-answers.ts";
import { parseAnswers } from "../app/utils/survey-answer-checks.ts";
import { DEMO_ORGANISATION_NAME, mulberry32, pickWeighted, shuffle, type Rng } from "./demo-network.ts";

/**
 * Answers to the demo survey, given the way members give them: each answering organisation's
 * contact follows the link from their invitation email, fills in each page (checked by the
 * answering pages' own parser), saves it and submits. So the responses, pages, answers, breakdown
 * attributes, "responded" invitations and receipt emails are exactly what real answering writes.
 */

export const DEMO_RESPONSES_SEED = 20260316;

/**
 * Share of each nation's invited organisations that answer. Northern Ireland is kept below the
 * survey's disclosure threshold on purpose, so the by-nation breakdown shows a suppressed cell.
 */
const answeringShare: Record<Nation, number> = {
  england: 0.7,
  scotland: 0.7,
  wales: 0.65,
  northern_ireland: 0,
};
export const DEMO_NORTHERN_IRELAND_RESPONSES = 2;

/** Days before today a response came in: a rush after the invitation, a tail, a bump after a newsletter. */
const daysAgoWeights: (readonly [number, number])[] = [
  [10, 14],
  [9, 11],
  [8, 7],
  [7, 5],
  [6, 3],
  [5, 3],
  [4, 7],
  [3, 5],
  [2, 3],
  [1, 2],
  [0, 1],
];

const sharedServiceWeights: Record<string, number> = {
  Payroll: 0.62,
  IT: 0.55,
  Finance: 0.45,
  HR: 0.4,
  Procurement: 0.3,
};

const otherServices = [
  "Legal services",
  "Estates and facilities management",
  "Fleet maintenance",
  "Staff training",
  "Clinical governance",
];

interface Story {
  title: string;
  text: string;
  consent: Consent;
}

const stories: Story[] = [
  {
    title: "We dropped a shared payroll bureau",
    text: "Three mutuals in our area priced a shared payroll and HR bureau. It saved about £90,000 a year on paper, but 20% VAT on the recharges took almost all of it, so we each kept our own teams.",
    consent: "anonymous",
  },
  {
    title: "One IT team for two leisure trusts",
    text: "We share an IT manager and service desk with a neighbouring trust. Every invoice between us carries VAT we cannot recover, which costs us around £38,000 a year: a lifeguard and a half.",
    consent: "attributed",
  },
  {
    title: "The cost sharing exemption did not fit",
    text: "Our adviser looked at the cost sharing group exemption, but part of our income is taxable, so it would not apply to us. The council we span out of shares the same service with no VAT at all.",
    consent: "anonymous",
  },
  {
    title: "Procurement consortium put on hold",
    text: "Five of us planned joint procurement of agency staff and supplies. The VAT on the consortium's fee made it dearer than going alone, so the plan is on hold.",
    consent: "none",
  },
  {
    title: "Finance shared with a housing association",
    text: "We buy finance support from a local housing association. VAT adds £24,000 a year, which we fund by leaving a support worker post vacant.",
    consent: "attributed",
  },
  {
    title: "A library service that could not merge back-office",
    text: "Our board approved merging back-office functions with a sister library mutual, then reversed it once the VAT advice came in. The savings went to HMRC instead of opening hours.",
    consent: "anonymous",
  },
  {
    title: "Youth services training hub",
    text: "We set up a shared training hub for youth workers across the county. Charging partners VAT means smaller organisations send fewer staff than they need to.",
    consent: "none",
  },
];

interface Invited {
  organisationId: number;
  organisationName: string;
  nation: Nation;
  staffCount: number;
  email: string;
}

/** Organisations that answer: each nation's share, Northern Ireland a fixed few, never the demo organisation. */
function chooseAnswering(rng: Rng, invited: Invited[]): Invited[] {
  const byNation = new Map<Nation, Invited[]>();
  for (const organisation of invited) {
    // The member@ demo account's organisation stays unanswered, so a demo can walk through answering.
    if (organisation.organisationName === DEMO_ORGANISATION_NAME) continue;
    byNation.set(organisation.nation, [...(byNation.get(organisation.nation) ?? []), organisation]);
  }
  const chosen: Invited[] = [];
  for (const [nation, organisations] of byNation) {
    const count =
      nation === "northern_ireland"
        ? DEMO_NORTHERN_IRELAND_RESPONSES
        : Math.round(organisations.length * answeringShare[nation]);
    chosen.push(...shuffle(rng, organisations).slice(0, count));
  }
  return chosen.sort((a, b) => a.organisationId - b.organisationId);
}

/** What the organisation's contact would type into each page's form. */
function formValues(
  rng: Rng,
  questions: readonly AnswerableQuestion[],
  organisation: Invited,
  story: Story | undefined,
  otherService: string | undefined,
): AnswerValues {
  const values: AnswerValues = {};
  // Asked on page 2, but it shapes the scale answer: those who gave up a shared service feel it more.
  const decidedAgainst = rng() < 0.45;
  for (const question of questions) {
    const name = fieldName(question.id);
    const config = question.config;
    if (config.kind === "multiple_choice" || config.kind === "single_choice") {
      const keys = config.settings.choices
        .filter((choice) => rng() < (sharedServiceWeights[choice.label] ?? 0.3))
        .map((choice) => choice.key);
      const first = config.settings.choices[0];
      if (!keys.length && first) keys.push(first.key);
      if (otherService && config.settings.allowOther) {
        keys.push(OTHER_CHOICE_KEY);
        values[otherFieldName(question.id)] = otherService;
      }
      values[name] = config.kind === "single_choice" ? (keys[0] ?? "") : keys;
    } else if (config.kind === "number") {
      // Skipped by some: the question is optional and the figure takes digging out.
      if (rng() < 0.15) continue;
      // Bigger organisations share more, but a big one's bill is not a hundred times a small one's.
      const staff = organisation.staffCount;
      const scale = staff < 50 ? 0.35 : staff < 250 ? 0.6 : staff < 1000 ? 0.85 : 1;
      const pounds = 3_000 + 90_000 * scale * (0.3 + 0.7 * rng());
      values[name] = String(Math.round(pounds / 500) * 500);
    } else if (config.kind === "scale") {
      const weights: [number, number][] = decidedAgainst
        ? [
            [3, 2],
            [4, 5],
            [5, 5],
          ]
        : [
            [1, 2],
            [2, 4],
            [3, 5],
            [4, 3],
            [5, 1],
          ];
      values[name] = String(pickWeighted(rng, weights));
    } else if (config.kind === "yes_no") {
      if (rng() < 0.05) continue;
      values[name] = decidedAgainst ? "yes" : "no";
    } else if (config.kind === "case_study" && story) {
      values[titleFieldName(question.id)] = story.title;
      values[name] = story.text;
      values[consentFieldName(question.id)] = story.consent;
    }
  }
  return values;
}

/** The personal link's token, read back from the invitation email the member received. */
async function invitationTokens(db: Db, emails: readonly string[]): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows = await db
    .selectFrom("email_outbox")
    .select(["to_address", "template", "props", "text"])
    .where("template", "in", ["survey-invitation", "survey-invitation-bilingual"])
    .where("to_address", "in", emails)
    .execute();
  const tokens = new Map<string, string>();
  for (const row of rows) {
    const token = /\/s\/([A-Za-z0-9_-]{43})\b/.exec(storedEmailText(row))?.[1];
    if (token) tokens.set(row.to_address, token);
  }
  return tokens;
}

/**
 * Submits answers from most of the invited organisations, dated over the last ten days. Run
 * inside the seed's transaction, after the survey has opened and its invitations are in the outbox.
 */
export async function seedDemoResponses(
  db: Db,
  surveyId: number,
  appUrl: string,
  now = new Date(),
): Promise<number> {
  const rng = mulberry32(DEMO_RESPONSES_SEED);
  // One contact per organisation answers for it: the first invited, as the organisation decides.
  const rows = await db
    .selectFrom("survey_invitations")
    .innerJoin("people", "people.id", "survey_invitations.person_id")
    .innerJoin("organisations", "organisations.id", "survey_invitations.organisation_id")
    .select([
      "organisations.id as organisation_id",
      "organisations.name as organisation_name",
      "organisations.nation",
      "organisations.staff_count",
      "people.email",
    ])
    .where("survey_invitations.survey_id", "=", surveyId)
    .orderBy("organisations.id")
    .orderBy("people.id")
    .execute();
  const invited = new Map<number, Invited>();
  for (const row of rows) {
    const nation = nationSchema.safeParse(row.nation);
    if (invited.has(row.organisation_id) || !nation.success) continue;
    invited.set(row.organisation_id, {
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      nation: nation.data,
      staffCount: row.staff_count,
      email: row.email,
    });
  }
  const answering = chooseAnswering(rng, [...invited.values()]);
  const tokens = await invitationTokens(
    db,
    answering.map((organisation) => organisation.email),
  );
  const storyTellers = new Map(
    shuffle(rng, [...answering.keys()])
      .slice(0, stories.length)
      .map((index, i) => [index, stories[i]]),
  );
  const otherWriters = new Map(
    shuffle(rng, [...answering.keys()])
      .slice(0, otherServices.length)
      .map((index, i) => [index, otherServices[i]]),
  );
  let submitted = 0;
  for (const [index, organisation] of answering.entries()) {
    const token = tokens.get(organisation.email);
    if (!token) throw new Error(`No invitation email for ${organisation.email}`);
    const access = await accessByToken(db, token, now);
    const sections = await answeringContent(db, access.survey);
    const questions = sections.flatMap((section) => section.questions);
    const values = formValues(rng, questions, organisation, storyTellers.get(index), otherWriters.get(index));
    for (const section of sections) {
      const parsed = parseAnswers(section.questions, values, access.survey.anonymity);
      if (!parsed.ok) throw new Error(`Demo answers refused: ${JSON.stringify(parsed.errors)}`);
      await saveSection(db, access, section, 0, parsed.answers);
    }
    const daysAgo = pickWeighted(rng, daysAgoWeights);
    // Office hours, roughly: never later than now.
    const at = new Date(now.getTime() - daysAgo * 86_400_000 - Math.floor(rng() * 6 * 3_600_000));
    await submitResponse(db, access, appUrl, token, at);
    submitted++;
  }
  return submitted;
}
