import { createEvidence } from "../app/models/evidence/evidence.server.ts";
import { findPersonByEmail, type Person } from "../app/models/accounts/people.server.ts";
import { approvePosition, publishPosition, requestReview } from "../app/models/positions/lifecycle.server.ts";
import { createPosition } from "../app/models/positions/positions.server.ts";
import { saveVersion } from "../app/models/positions/versions.server.ts";
import { createSurveyFigure, createSurveyQuote } from "../app/models/evidence/survey-evidence.server.ts";
import { listTextAnswers } from "../app/models/surveys/text-answers.server.ts";
import { loadSurveyContent } from "../app/models/surveys/surveys.server.ts";
import { newEvidenceSchema } from "../app/schemas/evidence.ts";
import type { Db } from "../app/utils/db.server.ts";
import { demoAccounts } from "./demo-network.ts";

/**
 * The evidence library and positions a first start shows, made by the demo staff through the same
 * functions as the pages (so versions, reviews, frozen citations and audit rows are all real):
 * a figure and a quote saved from the demo survey's results, a published source, one published
 * position citing all three, and one draft still being written.
 */

export const DEMO_PUBLISHED_POSITION = "Zero-rate VAT on shared services between public service mutuals";
export const DEMO_DRAFT_POSITION = "Pension access for staff who transfer to a mutual";

async function staff(db: Db, email: string): Promise<Person> {
  const person = await findPersonByEmail(db, email);
  if (!person) throw new Error(`The demo staff account ${email} is missing`);
  return person;
}

function vatPositionBody(ids: { figure: number; quote: number; source: number }): string {
  return `## Our position

HM Treasury should zero-rate VAT on back-office services that public service mutuals share with one another, so that sharing costs a mutual no more than it costs the councils and NHS bodies they came from.

## Why it matters

When two councils share payroll or IT, the VAT on the recharge is recovered. When two mutuals delivering the same public services do the same, 20% is added to every invoice and cannot be recovered. Savings from sharing go to HMRC instead of front-line services.

Members tell us this changes real decisions: many have decided against sharing a service because of VAT[@ev:${ids.figure}], and some have given up savings or posts to pay it[@ev:${ids.quote}].

The cost sharing exemption does not solve this for most members: it covers only services supplied through a separate cost sharing group whose members make mainly exempt or non-business supplies, so it does not reach one mutual recharging another[@ev:${ids.source}].

::: scotland
We ask the Scottish Government to press HM Treasury for this change, as it affects the community health and social care mutuals it commissions.
:::

## What we ask

1. Zero-rate supplies of shared back-office services (payroll, IT, finance, HR, procurement) between public service mutuals.
2. Until then, extend the cost sharing exemption to groups of public service mutuals whatever their mix of supplies.
`;
}

const pensionDraft = `## Our position

Staff who move from a council or the NHS into a public service mutual should keep access to the Local Government Pension Scheme or the NHS Pension Scheme, on the same terms as before.

## Why it matters

Admission agreements are negotiated one by one, and the bonds and guarantees they ask for fall hardest on small mutuals.
`;

const pensionRevision = `${pensionDraft}
## What we ask

1. A standard admission agreement for public service mutuals, with no bond where the commissioning body guarantees the contract.
2. A right for new starters to join the same scheme as transferred colleagues.
`;

/** Seeds the demo's evidence and positions from the demo survey's submitted responses. */
export async function seedDemoPositions(
  db: Db,
  surveyId: number,
  appUrl: string,
): Promise<{ positions: number[]; evidence: number[] }> {
  const policy = await staff(db, demoAccounts.policy);
  const admin = await staff(db, demoAccounts.admin);
  const questions = (await loadSurveyContent(db, surveyId)).flatMap((section) => section.questions);
  const decided = questions.find((question) => question.config.kind === "yes_no");
  const caseStudy = questions.find((question) => question.config.kind === "case_study");
  if (!decided || !caseStudy) throw new Error("The demo survey lacks its yes/no or case study question");

  const figure = await createSurveyFigure(db, policy, {
    surveyId,
    questionId: decided.id,
    measure: "percent",
    choiceKey: "yes",
    filter: null,
    label: "Members that decided against sharing a service because of VAT",
  });
  const { items } = await listTextAnswers(db, policy, surveyId, caseStudy.id, { page: 1, filter: null });
  const story = items.find((item) => item.consent === "anonymous" || item.consent === "attributed");
  if (!story) throw new Error("No demo case study was given with consent to publish");
  const quote = await createSurveyQuote(db, policy, {
    surveyId,
    questionId: caseStudy.id,
    responseId: story.responseId,
    label: `Case study: ${story.title ?? "VAT on shared services"}`,
  });
  const source = await createEvidence(
    db,
    policy,
    newEvidenceSchema.parse({
      kind: "source",
      label: "HMRC guidance on the VAT cost sharing exemption",
      title: "VAT cost sharing exemption",
      publisher: "HM Revenue & Customs",
      url: "https://www.gov.uk/guidance/vat-cost-sharing-exemption",
    }),
  );

  const vat = await createPosition(db, policy, {
    title: DEMO_PUBLISHED_POSITION,
    summary:
      "Mutuals should pay no VAT on the back-office services they share, as the public bodies they came from do not.",
    topics: ["vat"],
    ownerId: policy.id,
    isPublic: true,
    body: vatPositionBody({ figure, quote, source: source.id }),
    note: "",
  });
  const context = { appUrl };
  await requestReview(
    db,
    policy,
    {
      positionId: vat.id,
      reviewerId: admin.id,
      message: "Ready for sign-off: figures from this year's survey.",
    },
    context,
  );
  await approvePosition(db, admin, { positionId: vat.id, comment: "Agreed by the board." }, context);
  await publishPosition(db, policy, { positionId: vat.id });

  const pensions = await createPosition(db, policy, {
    title: DEMO_DRAFT_POSITION,
    summary: "Transferred staff should keep their public sector pension on the same terms.",
    topics: ["pensions", "workforce"],
    ownerId: policy.id,
    isPublic: false,
    body: pensionDraft,
    note: "",
  });
  const saved = await saveVersion(db, admin, {
    positionId: pensions.id,
    baseVersionId: pensions.currentVersionId,
    title: pensions.title,
    summary: pensions.summary,
    topics: pensions.topics,
    isPublic: pensions.isPublic,
    body: pensionRevision,
    note: "Added what we ask",
  });
  if (!saved.ok) throw new Error("The demo draft position's second version was refused");
  return { positions: [vat.id, pensions.id], evidence: [figure, quote, source.id] };
}
