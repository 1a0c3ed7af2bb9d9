import { findPersonByEmail } from "../app/models/accounts/people.server.ts";
import { createCampaign } from "../app/models/campaigns/campaigns.server.ts";
import { linkToCampaign } from "../app/models/campaigns/links.server.ts";
import { recordOutcome } from "../app/models/campaigns/outcomes.server.ts";
import { setCampaignPublic } from "../app/models/campaigns/publishing.server.ts";
import type { CampaignLinkKind } from "../app/schemas/campaigns.ts";
import type { Db } from "../app/utils/db.server.ts";
import { londonDay } from "../app/utils/london-time.ts";
import { demoAccounts } from "./demo-network.ts";
import { DEMO_DRAFT_POSITION, DEMO_PUBLISHED_POSITION } from "./demo-positions.ts";
import { DEMO_OPEN_LETTER, DEMO_READY_CONSULTATION } from "./demo-homes.ts";

export const DEMO_CAMPAIGNS = {
  vat: "VAT on shared services",
  pensions: "Pensions for transferring staff",
  commissioning: "Fair commissioning",
} as const;

const day = (offset: number) => londonDay(new Date(Date.now() + offset * 86_400_000));

/**
 * The network's three long-running asks, made by the demo policy officer through the pages' own
 * functions (so the links, the outcome and the publication are audited like any other): VAT holds
 * the demo survey, its evidence, the published position and the open letter, with one outcome and
 * a public page; pensions holds the draft position; commissioning the adopted consultation and its
 * response. Everything is found by title, so the result is the same on every first start.
 */
export async function seedDemoCampaigns(db: Db, surveyId: number): Promise<void> {
  const policy = await findPersonByEmail(db, demoAccounts.policy);
  if (!policy) throw new Error(`The demo account ${demoAccounts.policy} is missing`);
  const link = (campaignId: number, kind: CampaignLinkKind, itemId: number) =>
    linkToCampaign(db, policy, campaignId, { kind, itemId });
  const positionId = async (title: string) =>
    (await db.selectFrom("positions").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;

  const vat = await createCampaign(db, policy, {
    name: DEMO_CAMPAIGNS.vat,
    ask: "Zero-rate VAT on back-office services that public service mutuals share with one another.",
    ownerId: policy.id,
    targets: ["uk_government", "scottish_government"],
    topics: ["vat"],
  });
  await link(vat.id, "survey", surveyId);
  await link(vat.id, "position", await positionId(DEMO_PUBLISHED_POSITION));
  const evidence = await db.selectFrom("evidence_items").select("id").orderBy("id").execute();
  for (const item of evidence) await link(vat.id, "evidence", item.id);
  const letter = await db
    .selectFrom("letters")
    .select("id")
    .where("title", "=", DEMO_OPEN_LETTER)
    .executeTakeFirstOrThrow();
  await link(vat.id, "letter", letter.id);
  await recordOutcome(db, policy, vat.id, {
    kind: "meeting",
    outcomeOn: day(-14),
    government: "uk_government",
    sourceUrl: undefined,
    note: "HM Treasury officials met the network to hear members' evidence on shared services.",
  });
  await setCampaignPublic(db, policy, vat.id, true);

  const pensions = await createCampaign(db, policy, {
    name: DEMO_CAMPAIGNS.pensions,
    ask: "Staff who transfer into a mutual keep access to the LGPS and NHS Pension Scheme on the same terms.",
    ownerId: policy.id,
    targets: ["uk_government", "councils"],
    topics: ["pensions", "workforce"],
  });
  await link(pensions.id, "position", await positionId(DEMO_DRAFT_POSITION));

  const commissioning = await createCampaign(db, policy, {
    name: DEMO_CAMPAIGNS.commissioning,
    ask: "Commissioners weigh social value and continuity of service, not only price, when contracts are renewed.",
    ownerId: policy.id,
    targets: ["uk_government", "welsh_government", "councils"],
    topics: ["commissioning", "procurement"],
  });
  const consultation = await db
    .selectFrom("consultations")
    .select("id")
    .where("title", "=", DEMO_READY_CONSULTATION)
    .where("triage_state", "=", "adopted")
    .executeTakeFirst();
  if (consultation) {
    await link(commissioning.id, "consultation", consultation.id);
    const submissions = await db
      .selectFrom("submissions")
      .select("id")
      .where("consultation_id", "=", consultation.id)
      .orderBy("id")
      .execute();
    for (const submission of submissions) await link(commissioning.id, "submission", submission.id);
  }
}
