import { createHash } from "node:crypto";
import { sql } from "kysely";
import { campaignStateSchema, campaignTargetSchema } from "~/schemas/campaigns.ts";
import { governmentLabels, governmentSchema } from "~/schemas/governments.ts";
import type { Db } from "~/utils/db.server.ts";
import { listOutcomes } from "./outcomes.server.ts";
import { cachedPublicCampaign, type PublicCampaign } from "./public-cache.server.ts";

export type { PublicCampaign };

/**
 * The public page reads only what is public already: positions published with a public page,
 * responses published on /c/, letters delivered and the outcomes. No draft, and no survey figure,
 * so nothing below a disclosure threshold can reach it. Each process keeps what it read for a few
 * seconds (public-cache.server.ts) and forgets it at once when it changes the campaign itself.
 */
export const getPublicCampaign = (db: Db, slug: string, now = Date.now()): Promise<PublicCampaign | null> =>
  cachedPublicCampaign(db, slug, now, () => loadPublicCampaign(db, slug));

async function loadPublicCampaign(db: Db, slug: string): Promise<PublicCampaign | null> {
  const campaign = await db
    .selectFrom("campaigns")
    .select(["id", "slug", "name", "ask", "state", "targets", "updated_at"])
    .where("slug", "=", slug)
    .where("is_public", "=", true)
    .executeTakeFirst();
  if (!campaign) return null;
  const id = campaign.id;
  const [positions, responses, letters, outcomes] = await Promise.all([
    db
      .selectFrom("positions as p")
      .innerJoin("campaign_links as l", (join) =>
        join.onRef("l.item_id", "=", "p.id").on("l.kind", "=", "position").on("l.campaign_id", "=", id),
      )
      .select(["p.slug", "p.title", "p.summary", "p.published_at"])
      .where("p.state", "=", "published")
      .where("p.is_public", "=", true)
      .orderBy("p.published_at", "desc")
      .execute(),
    db
      .selectFrom("submissions as s")
      .innerJoin("campaign_links as l", (join) =>
        join.onRef("l.item_id", "=", "s.id").on("l.kind", "=", "submission").on("l.campaign_id", "=", id),
      )
      .innerJoin("consultations as c", "c.id", "s.consultation_id")
      .select([
        "s.slug",
        "c.title",
        "s.government",
        sql<Date | null>`(select min(r.sent_at) from submission_records r where r.submission_id = s.id)`.as(
          "sent_at",
        ),
      ])
      .where("s.state", "in", ["submitted", "outcome_recorded"])
      .where("s.slug", "is not", null)
      .orderBy("s.published_at", "desc")
      .execute(),
    db
      .selectFrom("letters as t")
      .innerJoin("campaign_links as l", (join) =>
        join.onRef("l.item_id", "=", "t.id").on("l.kind", "=", "letter").on("l.campaign_id", "=", id),
      )
      .select((eb) => [
        "t.slug",
        "t.title",
        "t.addressee",
        "t.delivered_at",
        eb
          .selectFrom("letter_final_signatories as f")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("f.letter_id", "=", "t.id")
          .as("organisations"),
      ])
      .where("t.state", "=", "delivered")
      .orderBy("t.delivered_at", "desc")
      .execute(),
    listOutcomes(db, id),
  ]);
  const page: Omit<PublicCampaign, "version"> = {
    slug: campaign.slug,
    name: campaign.name,
    ask: campaign.ask,
    state: campaignStateSchema.parse(campaign.state),
    targets: Array.isArray(campaign.targets)
      ? campaign.targets.flatMap((target: unknown) => campaignTargetSchema.safeParse(target).data ?? [])
      : [],
    positions: positions.map((row) => ({
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      publishedAt: row.published_at,
    })),
    responses: responses.map((row) => {
      const government = governmentSchema.safeParse(row.government);
      return {
        slug: row.slug ?? "",
        title: row.title,
        government: government.success ? governmentLabels[government.data] : row.government,
        sentAt: row.sent_at,
      };
    }),
    letters: letters.map((row) => ({
      slug: row.slug,
      title: row.title,
      addressee: row.addressee,
      deliveredAt: row.delivered_at,
      organisations: Number(row.organisations ?? 0),
    })),
    outcomes,
  };
  const version = createHash("sha256").update(JSON.stringify(page)).digest("base64url").slice(0, 16);
  return { ...page, version };
}
