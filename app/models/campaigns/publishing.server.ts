import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { loadCampaign } from "./campaigns.server.ts";
import { forgetPublicCampaign } from "./public-cache.server.ts";

/** Turns the public page on or off, audited; asking for what is already so changes nothing. */
export async function setCampaignPublic(
  db: Db,
  actor: Actor,
  campaignId: number,
  isPublic: boolean,
): Promise<void> {
  requireStaffActor(actor);
  const campaign = await inTransaction(db, async (trx) => {
    const campaign = await loadCampaign(trx, campaignId, { lock: true });
    if (campaign.isPublic === isPublic) return campaign;
    await trx
      .updateTable("campaigns")
      .set({ is_public: isPublic, updated_at: new Date() })
      .where("id", "=", campaignId)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: isPublic ? "campaign.published" : "campaign.unpublished",
      subjectType: "campaign",
      subjectId: campaignId,
      before: { isPublic: campaign.isPublic },
      after: { isPublic },
    });
    return campaign;
  });
  forgetPublicCampaign(db, campaign.slug);
}
