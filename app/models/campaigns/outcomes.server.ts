import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import {
  campaignTargetLabels,
  campaignTargetSchema,
  outcomeKindLabels,
  outcomeKinds,
  type CampaignOutcome,
  type OutcomeInput,
  type OutcomeKind,
} from "~/schemas/campaigns.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { loadCampaign } from "./campaigns.server.ts";
import { forgetPublicCampaign } from "./public-cache.server.ts";

const kindOf = (kind: string): OutcomeKind => outcomeKinds.find((known) => known === kind) ?? "meeting";
const governmentLabel = (government: string) => {
  const parsed = campaignTargetSchema.safeParse(government);
  return parsed.success ? campaignTargetLabels[parsed.data] : government;
};

/** Progress against the ask, newest first: public, so staff and the public page read the same rows. */
export async function listOutcomes(db: Db, campaignId: number): Promise<CampaignOutcome[]> {
  const rows = await db
    .selectFrom("campaign_outcomes")
    .select(["id", "kind", "outcome_on", "government", "source_url", "note"])
    .where("campaign_id", "=", campaignId)
    .orderBy("outcome_on", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: kindOf(row.kind),
    kindLabel: outcomeKindLabels[kindOf(row.kind)],
    outcomeOn: row.outcome_on,
    government: governmentLabel(row.government),
    sourceUrl: row.source_url,
    statement: row.note,
  }));
}

/** Records progress (a commitment, a change, a meeting, a rejection), audited for the timeline. */
export async function recordOutcome(
  db: Db,
  actor: Actor,
  campaignId: number,
  input: OutcomeInput,
): Promise<void> {
  requireStaffActor(actor);
  const campaign = await inTransaction(db, async (trx) => {
    const campaign = await loadCampaign(trx, campaignId, { lock: true });
    const row = await trx
      .insertInto("campaign_outcomes")
      .values({
        campaign_id: campaignId,
        kind: input.kind,
        outcome_on: input.outcomeOn,
        government: input.government,
        source_url: input.sourceUrl ?? null,
        note: input.note,
        recorded_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "campaign.outcome_recorded",
      subjectType: "campaign",
      subjectId: campaignId,
      after: {
        outcomeId: row.id,
        kind: input.kind,
        outcomeOn: input.outcomeOn,
        government: input.government,
        sourceUrl: input.sourceUrl ?? null,
        note: input.note,
      },
    });
    return campaign;
  });
  forgetPublicCampaign(db, campaign.slug);
}
