import { sql } from "kysely";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { jsonb } from "~/utils/jsonb.server.ts";
import { londonToday } from "~/utils/london-time.ts";
import type { Campaign } from "./campaigns.server.ts";

export interface RadarMatch {
  id: number;
  title: string;
  body: string;
  closesOn: string;
  keywords: string[];
}

/**
 * New consultations on the radar (untriaged, still open) whose matched topic keywords fall in the
 * campaign's topics: the radar's own relevance, read through the campaign's topics.
 */
export async function listRadarMatches(db: Db, campaign: Campaign, limit = 20): Promise<RadarMatch[]> {
  if (!campaign.topics.length) return [];
  const rows = await db
    .selectFrom("consultations")
    .select(["id", "title", "body", "closes_on", "matched_keywords"])
    .where("triage_state", "=", "untriaged")
    .where("relevant", "=", true)
    .where("closes_on", ">=", londonToday())
    .where(
      sql<boolean>`exists (select 1 from jsonb_array_elements(consultations.matched_keywords) m
        where m->>'topic' in (select jsonb_array_elements_text(${jsonb(campaign.topics)})))`,
    )
    .orderBy("closes_on")
    .limit(limit)
    .execute();
  const topics = new Set<string>(campaign.topics);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    body: row.body,
    closesOn: row.closes_on,
    keywords: matchesOf(row.matched_keywords)
      .filter((match) => topics.has(match.topic))
      .map((match) => match.keyword),
  }));
}

function matchesOf(value: unknown): { topic: string; keyword: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    typeof item === "object" &&
    item !== null &&
    "topic" in item &&
    "keyword" in item &&
    typeof item.topic === "string" &&
    typeof item.keyword === "string"
      ? [{ topic: item.topic, keyword: item.keyword }]
      : [],
  );
}

/**
 * Active campaigns a consultation's topic keywords match, by consultation id, for the radar's flags
 * and its "adopt into" buttons. Campaigns are few, so they are read once and matched here.
 */
export async function campaignFlags(
  db: Db,
  actor: Actor,
  consultations: readonly { id: number; matchedKeywords: readonly { topic: string }[] }[],
): Promise<Record<number, { id: number; slug: string; name: string }[]>> {
  requireStaffActor(actor);
  const flags: Record<number, { id: number; slug: string; name: string }[]> = {};
  if (!consultations.length) return flags;
  const active = await db
    .selectFrom("campaigns")
    .select(["id", "slug", "name", "topics"])
    .where("state", "=", "active")
    .orderBy("name")
    .execute();
  for (const consultation of consultations) {
    const topics = new Set(consultation.matchedKeywords.map((match) => match.topic));
    const matching = active.filter(
      (campaign) =>
        Array.isArray(campaign.topics) && campaign.topics.some((topic) => topics.has(String(topic))),
    );
    if (matching.length) flags[consultation.id] = matching.map(({ id, slug, name }) => ({ id, slug, name }));
  }
  return flags;
}
