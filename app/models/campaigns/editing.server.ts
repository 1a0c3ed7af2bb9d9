import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { campaignStateLabels } from "~/schemas/campaign-labels.ts";
import type { CampaignEditInput } from "~/schemas/campaigns.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { jsonb } from "~/utils/jsonb.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { loadCampaign, requireCampaignOwner, type Campaign } from "./campaigns.server.ts";
import { campaignMoveTo, moveCampaign } from "./lifecycle.server.ts";
import { forgetPublicCampaign } from "./public-cache.server.ts";

/** What the edit form's hidden `stamp` carries: when the campaign last changed, as the page saw it. */
export const campaignStamp = (campaign: Campaign) => String(campaign.updatedAt.getTime());

const fieldsOf = (campaign: Pick<Campaign, "name" | "ask" | "targets" | "topics" | "ownerId">) => ({
  name: campaign.name,
  ask: campaign.ask,
  targets: [...new Set(campaign.targets)],
  topics: [...new Set(campaign.topics)],
  ownerId: campaign.ownerId,
});

const editedFields = ["name", "ask", "targets", "topics", "ownerId"] as const;

/**
 * Saves the edit form. A save on top of a change made since the form was opened is refused (409),
 * never applied; a changed field is audited as `campaign.updated` with both sides; a new state goes
 * through the lifecycle table's move (audited as that move), so the edit form cannot make a move
 * the page's buttons could not. The slug stays, so links to the campaign keep working.
 */
export async function editCampaign(
  db: Db,
  actor: Actor,
  id: number,
  input: CampaignEditInput,
): Promise<Campaign> {
  requireStaffActor(actor);
  const after = await inTransaction(db, async (trx) => {
    const before = await loadCampaign(trx, id, { lock: true });
    if (before.updatedAt.getTime() !== input.stamp)
      throw Refusal.conflict(
        "Someone else changed this campaign while you were editing it. Nothing was saved: " +
          "open the campaign to see their changes, then make yours again.",
      );
    const move = input.state === before.state ? null : campaignMoveTo(before, input.state);
    if (input.state !== before.state && move === null) {
      const message = `A ${campaignStateLabels[before.state].toLowerCase()} campaign cannot become ${campaignStateLabels[input.state].toLowerCase()}`;
      throw Refusal.invalid(message, { state: message });
    }
    await requireCampaignOwner(trx, input.ownerId);
    const was = fieldsOf(before);
    const now = fieldsOf(input);
    const changed = editedFields.filter((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]));
    if (changed.length) {
      await trx
        .updateTable("campaigns")
        .set({
          name: now.name,
          ask: now.ask,
          targets: jsonb(now.targets),
          topics: jsonb(now.topics),
          owner_id: now.ownerId,
          updated_at: new Date(),
        })
        .where("id", "=", id)
        .execute();
      await writeAudit(trx, {
        actorId: actor.id,
        action: "campaign.updated",
        subjectType: "campaign",
        subjectId: id,
        before: Object.fromEntries(changed.map((key) => [key, was[key]])),
        after: Object.fromEntries(changed.map((key) => [key, now[key]])),
      });
    }
    if (move) await moveCampaign(trx, actor, id, move);
    return loadCampaign(trx, id, { lock: false });
  });
  forgetPublicCampaign(db, after.slug);
  return after;
}
