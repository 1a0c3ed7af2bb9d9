import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { campaignStateLabels, type CampaignLinkKind } from "~/schemas/campaign-labels.ts";
import { campaignStateSchema } from "~/schemas/campaigns.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { loadCampaign } from "./campaigns.server.ts";
import { linkToCampaign } from "./links.server.ts";
import { forgetPublicCampaign } from "./public-cache.server.ts";

/** A campaign a new item can join: every one but the closed, active first. */
export interface CampaignChoice {
  id: number;
  slug: string;
  label: string;
}

const CHOOSE = "Choose a campaign from the list";

export async function listCampaignChoices(db: Db, actor: Actor): Promise<CampaignChoice[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("campaigns")
    .select(["id", "slug", "name", "state"])
    .where("state", "<>", "closed")
    .orderBy((eb) => eb.case().when("state", "=", "active").then(0).else(1).end())
    .orderBy("name")
    .limit(500)
    .execute();
  return rows.map((row) => {
    const state = campaignStateSchema.parse(row.state);
    return {
      id: row.id,
      slug: row.slug,
      label: state === "active" ? row.name : `${row.name} (${campaignStateLabels[state].toLowerCase()})`,
    };
  });
}

/** The campaign a form chose, checked it still takes items: a field error on `campaignId` if not. */
async function openCampaign(trx: Db, campaignId: number) {
  const campaign = await loadCampaign(trx, campaignId, { lock: true }).catch((error: unknown) => {
    if (error instanceof Refusal && error.kind === "not_found") return null;
    throw error;
  });
  if (!campaign || campaign.state === "closed") throw Refusal.invalid(CHOOSE, { campaignId: CHOOSE });
  return campaign;
}

/**
 * Creates an item and, when the form chose a campaign, links it in the same transaction, audited
 * as linking later is (`campaign.linked`). A campaign that is unknown or closed refuses the whole
 * create, so nothing half-made is left behind. Returns what `create` returned and the campaign's
 * slug, so the route can purge its public page.
 */
export async function createInCampaign<Item extends { id: number }>(
  db: Db,
  actor: Actor,
  campaignId: number | undefined,
  kind: CampaignLinkKind,
  create: (trx: Db) => Promise<Item>,
): Promise<{ item: Item; campaignSlug: string | null }> {
  requireStaffActor(actor);
  if (campaignId === undefined) return { item: await create(db), campaignSlug: null };
  const made = await inTransaction(db, async (trx) => {
    const campaign = await openCampaign(trx, campaignId);
    const item = await create(trx);
    await linkToCampaign(trx, actor, campaign.id, { kind, itemId: item.id });
    return { item, campaignSlug: campaign.slug };
  });
  forgetPublicCampaign(db, made.campaignSlug);
  return made;
}

/** "Later", from the item's own page: the same check as on creation, then the campaign page's link. */
export async function addItemToCampaign(
  db: Db,
  actor: Actor,
  campaignId: number,
  link: { kind: CampaignLinkKind; itemId: number },
): Promise<{ slug: string }> {
  requireStaffActor(actor);
  const slug = await inTransaction(db, async (trx) => {
    const campaign = await openCampaign(trx, campaignId);
    await linkToCampaign(trx, actor, campaign.id, link);
    return campaign.slug;
  });
  forgetPublicCampaign(db, slug);
  return { slug };
}

/** The campaigns an item belongs to, for its own page. */
export async function campaignsOfItem(
  db: Db,
  actor: Actor,
  kind: CampaignLinkKind,
  itemId: number,
): Promise<{ id: number; slug: string; name: string }[]> {
  requireStaffActor(actor);
  return db
    .selectFrom("campaign_links")
    .innerJoin("campaigns", "campaigns.id", "campaign_links.campaign_id")
    .select(["campaigns.id", "campaigns.slug", "campaigns.name"])
    .where("campaign_links.kind", "=", kind)
    .where("campaign_links.item_id", "=", itemId)
    .orderBy("campaigns.name")
    .execute();
}

/** An item that can be added to a campaign from its own page: its title and where its page is. */
export async function linkableItem(
  db: Db,
  actor: Actor,
  kind: Exclude<CampaignLinkKind, "consultation">,
  itemId: number,
): Promise<{ title: string; path: string }> {
  requireStaffActor(actor);
  const found = await (async () => {
    switch (kind) {
      case "position": {
        const row = await db
          .selectFrom("positions")
          .select(["title", "slug"])
          .where("id", "=", itemId)
          .executeTakeFirst();
        return row && { title: row.title, path: `/positions/${row.slug}` };
      }
      case "survey": {
        const row = await db
          .selectFrom("surveys")
          .select("title")
          .where("id", "=", itemId)
          .executeTakeFirst();
        return row && { title: row.title, path: `/surveys/${itemId}` };
      }
      case "evidence": {
        const row = await db
          .selectFrom("evidence_items")
          .select("label")
          .where("id", "=", itemId)
          .executeTakeFirst();
        return row && { title: row.label, path: `/evidence/${itemId}` };
      }
      case "submission": {
        const row = await db
          .selectFrom("submissions")
          .innerJoin("consultations", "consultations.id", "submissions.consultation_id")
          .select("consultations.title")
          .where("submissions.id", "=", itemId)
          .executeTakeFirst();
        return row && { title: `Response to ${row.title}`, path: `/submissions/${itemId}` };
      }
      case "letter": {
        const row = await db
          .selectFrom("letters")
          .select("title")
          .where("id", "=", itemId)
          .executeTakeFirst();
        return row && { title: row.title, path: `/manage/letters/${itemId}` };
      }
    }
  })();
  if (!found) throw Refusal.notFound();
  return found;
}
