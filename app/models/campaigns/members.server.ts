import { sql } from "kysely";
import type { Actor } from "~/models/accounts/people.server.ts";
import { campaignStateSchema, type CampaignState } from "~/schemas/campaigns.ts";
import type { Db } from "~/utils/db.server.ts";
import type { CampaignOutcome } from "~/schemas/campaigns.ts";
import { listOutcomes } from "./outcomes.server.ts";

export interface ContributedCampaign {
  id: number;
  name: string;
  ask: string;
  state: CampaignState;
  /** The public page, when staff have turned it on. */
  publicPath: string | null;
  outcomes: CampaignOutcome[];
}

/**
 * Campaigns a member's organisation has contributed to: it signed one of the campaign's letters
 * (a standing signature) or submitted a named or confidential response to one of its surveys.
 * Anonymous responses keep no organisation, so they cannot place an organisation in a campaign.
 */
export async function listContributedCampaigns(
  db: Db,
  actor: Actor,
  limit = 20,
): Promise<ContributedCampaign[]> {
  if (actor.role !== "member" || actor.organisationId === null) return [];
  const organisationId = actor.organisationId;
  const { rows } = await sql<{
    id: number;
    name: string;
    ask: string;
    state: string;
    slug: string;
    is_public: boolean;
  }>`
    select c.id, c.name, c.ask, c.state, c.slug, c.is_public from campaigns c
    where exists (
      select 1 from campaign_links l
      join letter_signatures sig on sig.letter_id = l.item_id
      where l.campaign_id = c.id and l.kind = 'letter'
        and sig.organisation_id = ${organisationId} and sig.withdrawn_at is null
    ) or exists (
      select 1 from campaign_links l
      join survey_responses r on r.survey_id = l.item_id
      where l.campaign_id = c.id and l.kind = 'survey'
        and r.organisation_id = ${organisationId} and r.status = 'submitted' and not r.anonymous
    )
    order by c.state = 'active' desc, c.name
    limit ${limit}`.execute(db);
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      name: row.name,
      ask: row.ask,
      state: campaignStateSchema.parse(row.state),
      publicPath: row.is_public ? `/campaign/${row.slug}` : null,
      outcomes: await listOutcomes(db, row.id),
    })),
  );
}
