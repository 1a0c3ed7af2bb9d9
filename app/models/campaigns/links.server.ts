import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { adoptConsultation } from "~/models/consultations/triage.server.ts";
import { campaignLinkKindLabels, type CampaignLinkKind } from "~/schemas/campaigns.ts";
import { governmentLabels, governmentSchema } from "~/schemas/governments.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { loadCampaign } from "./campaigns.server.ts";
import { forgetPublicCampaign } from "./public-cache.server.ts";

export interface LinkCandidate {
  id: number;
  label: string;
}

const CANDIDATE_LIMIT = 300;

/**
 * What could be linked to a campaign, per kind, newest first, less what it already holds: a
 * consultation only once adopted (the radar's adopt-into-campaign does both), never a withdrawn
 * letter or evidence item.
 */
export async function listLinkCandidates(
  db: Db,
  actor: Actor,
  campaignId: number,
  kind: CampaignLinkKind,
): Promise<LinkCandidate[]> {
  requireStaffActor(actor);
  const linked = db
    .selectFrom("campaign_links")
    .select("item_id")
    .where("campaign_id", "=", campaignId)
    .where("kind", "=", kind);
  switch (kind) {
    case "position":
      return db
        .selectFrom("positions")
        .select(["id", "title as label"])
        .where("state", "<>", "retired")
        .where("id", "not in", linked)
        .orderBy("updated_at", "desc")
        .limit(CANDIDATE_LIMIT)
        .execute();
    case "survey":
      return db
        .selectFrom("surveys")
        .select(["id", "title as label"])
        .where("archived_at", "is", null)
        .where("id", "not in", linked)
        .orderBy("created_at", "desc")
        .limit(CANDIDATE_LIMIT)
        .execute();
    case "evidence":
      return db
        .selectFrom("evidence_items")
        .select(["id", "label"])
        .where("status", "=", "active")
        .where("id", "not in", linked)
        .orderBy("created_at", "desc")
        .limit(CANDIDATE_LIMIT)
        .execute();
    case "consultation":
      return db
        .selectFrom("consultations")
        .select(["id", "title as label"])
        .where("triage_state", "=", "adopted")
        .where("id", "not in", linked)
        .orderBy("closes_on", "desc")
        .limit(CANDIDATE_LIMIT)
        .execute();
    case "submission": {
      const rows = await db
        .selectFrom("submissions")
        .innerJoin("consultations", "consultations.id", "submissions.consultation_id")
        .select(["submissions.id", "consultations.title", "submissions.government"])
        .where("submissions.state", "<>", "withdrawn")
        .where("submissions.id", "not in", linked)
        .orderBy("submissions.created_at", "desc")
        .limit(CANDIDATE_LIMIT)
        .execute();
      return rows.map((row) => {
        const government = governmentSchema.safeParse(row.government);
        return {
          id: row.id,
          label: government.success ? `${row.title} (${governmentLabels[government.data]})` : row.title,
        };
      });
    }
    case "letter":
      return db
        .selectFrom("letters")
        .select(["id", "title as label"])
        .where("state", "<>", "withdrawn")
        .where("id", "not in", linked)
        .orderBy("created_at", "desc")
        .limit(CANDIDATE_LIMIT)
        .execute();
  }
}

/** The item's title for the audit row, or null when there is no such item to link. */
async function itemTitle(db: Db, kind: CampaignLinkKind, id: number): Promise<string | null> {
  switch (kind) {
    case "position":
      return (
        (await db.selectFrom("positions").select("title").where("id", "=", id).executeTakeFirst())?.title ??
        null
      );
    case "survey":
      return (
        (await db.selectFrom("surveys").select("title").where("id", "=", id).executeTakeFirst())?.title ??
        null
      );
    case "evidence":
      return (
        (await db.selectFrom("evidence_items").select("label").where("id", "=", id).executeTakeFirst())
          ?.label ?? null
      );
    case "consultation": {
      const row = await db
        .selectFrom("consultations")
        .select(["title", "triage_state"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (row && row.triage_state !== "adopted")
        throw Refusal.conflict("Only an adopted consultation can join a campaign: adopt it first.");
      return row?.title ?? null;
    }
    case "submission":
      return (
        (
          await db
            .selectFrom("submissions")
            .innerJoin("consultations", "consultations.id", "submissions.consultation_id")
            .select("consultations.title")
            .where("submissions.id", "=", id)
            .executeTakeFirst()
        )?.title ?? null
      );
    case "letter":
      return (
        (await db.selectFrom("letters").select("title").where("id", "=", id).executeTakeFirst())?.title ??
        null
      );
  }
}

/** Links an item to a campaign, audited; linking it again changes nothing (a double submit). */
export async function linkToCampaign(
  db: Db,
  actor: Actor,
  campaignId: number,
  link: { kind: CampaignLinkKind; itemId: number },
): Promise<void> {
  requireStaffActor(actor);
  const campaign = await inTransaction(db, async (trx) => {
    const campaign = await loadCampaign(trx, campaignId, { lock: true });
    const title = await itemTitle(trx, link.kind, link.itemId);
    if (title === null)
      throw Refusal.invalid(`Choose a ${campaignLinkKindLabels[link.kind].toLowerCase()} from the list`, {
        itemId: "Choose an item from the list",
      });
    const inserted = await trx
      .insertInto("campaign_links")
      .values({ campaign_id: campaignId, kind: link.kind, item_id: link.itemId, linked_by: actor.id })
      .onConflict((oc) => oc.doNothing())
      .returning("item_id")
      .executeTakeFirst();
    if (inserted)
      await writeAudit(trx, {
        actorId: actor.id,
        action: "campaign.linked",
        subjectType: "campaign",
        subjectId: campaignId,
        after: { kind: link.kind, itemId: link.itemId, title },
      });
    return campaign;
  });
  forgetPublicCampaign(db, campaign.slug);
}

export async function unlinkFromCampaign(
  db: Db,
  actor: Actor,
  campaignId: number,
  link: { kind: CampaignLinkKind; itemId: number },
): Promise<void> {
  requireStaffActor(actor);
  const campaign = await inTransaction(db, async (trx) => {
    const campaign = await loadCampaign(trx, campaignId, { lock: true });
    const removed = await trx
      .deleteFrom("campaign_links")
      .where("campaign_id", "=", campaignId)
      .where("kind", "=", link.kind)
      .where("item_id", "=", link.itemId)
      .returning("item_id")
      .executeTakeFirst();
    if (removed)
      await writeAudit(trx, {
        actorId: actor.id,
        action: "campaign.unlinked",
        subjectType: "campaign",
        subjectId: campaignId,
        before: { kind: link.kind, itemId: link.itemId },
      });
    return campaign;
  });
  forgetPublicCampaign(db, campaign.slug);
}

/** Adopts a consultation from the radar and links it to the campaign, in one transaction. */
export async function adoptIntoCampaign(
  db: Db,
  actor: Actor,
  campaignId: number,
  consultationId: number,
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    await adoptConsultation(trx, actor, consultationId);
    await linkToCampaign(trx, actor, campaignId, { kind: "consultation", itemId: consultationId });
  });
}

/** The title of an item the campaign holds, for "Unlink X?"; null when the campaign does not hold it. */
export async function linkedItemTitle(
  db: Db,
  actor: Actor,
  campaignId: number,
  link: { kind: CampaignLinkKind; itemId: number },
): Promise<string | null> {
  requireStaffActor(actor);
  const held = await db
    .selectFrom("campaign_links")
    .select("item_id")
    .where("campaign_id", "=", campaignId)
    .where("kind", "=", link.kind)
    .where("item_id", "=", link.itemId)
    .executeTakeFirst();
  if (!held) return null;
  // A consultation un-adopted since it was linked still has a title to show.
  return (await itemTitle(db, link.kind, link.itemId).catch(() => null)) ?? "this item";
}
