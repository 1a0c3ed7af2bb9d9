import { sql } from "kysely";
import type { Actor } from "~/models/accounts/people.server.ts";
import { evidenceValues } from "~/models/evidence/evidence.server.ts";
import type { CampaignLinkKind } from "~/schemas/campaigns.ts";
import type { Db } from "~/utils/db.server.ts";
import { londonDay } from "~/utils/london-time.ts";
import { getCampaign, type Campaign } from "./campaigns.server.ts";
import type { CampaignOutcome } from "~/schemas/campaigns.ts";
import { listOutcomes } from "./outcomes.server.ts";
import { listRadarMatches, type RadarMatch } from "./matches.server.ts";
import { listBackers, type Backers } from "./backers.server.ts";
import { listTimeline, type TimelineEntry } from "./timeline.server.ts";

export interface CampaignPage {
  campaign: Campaign;
  positions: {
    id: number;
    slug: string;
    title: string;
    state: string;
    isPublic: boolean;
    publishedAt: Date | null;
  }[];
  surveys: { id: number; title: string; state: string; mode: string; invited: number; responded: number }[];
  evidence: {
    id: number;
    label: string;
    kind: string;
    text: string;
    value: string | null;
    n: number | null;
    problem: string | null;
  }[];
  consultations: { id: number; title: string; body: string; closesOn: string }[];
  submissions: {
    id: number;
    title: string;
    government: string;
    state: string;
    internalDeadline: string;
    outcome: string | null;
  }[];
  letters: {
    id: number;
    slug: string;
    title: string;
    addressee: string;
    state: string;
    signatures: number;
  }[];
  backers: Backers;
  outcomes: CampaignOutcome[];
  timeline: TimelineEntry[];
  radar: RadarMatch[];
  today: string;
}

/** The linked ids of one kind, as a subquery: every section reads its own rows in one query. */
export const linkedIds = (db: Db, campaignId: number, kind: CampaignLinkKind) =>
  db
    .selectFrom("campaign_links")
    .select("item_id")
    .where("campaign_id", "=", campaignId)
    .where("kind", "=", kind);

/**
 * Everything the staff page shows of one campaign. Each section is one query over its linked ids
 * (the link table's primary key leads with the campaign), so the page costs the same dozen queries
 * however many items it holds; evidence figures are computed live under disclosure control by the
 * evidence room, as every other page reads them.
 */
export async function loadCampaignPage(db: Db, actor: Actor, slug: string): Promise<CampaignPage> {
  const campaign = await getCampaign(db, actor, slug);
  const id = campaign.id;
  const now = new Date();
  const [positions, surveys, evidenceRows, consultations, submissions, letters] = await Promise.all([
    db
      .selectFrom("positions")
      .select(["id", "slug", "title", "state", "is_public", "published_at"])
      .where("id", "in", linkedIds(db, id, "position"))
      .orderBy("title")
      .execute(),
    db
      .selectFrom("surveys as s")
      .leftJoin("survey_invitations as i", "i.survey_id", "s.id")
      .select((eb) => [
        "s.id",
        "s.title",
        "s.state",
        "s.mode",
        eb.fn.count<number>("i.id").as("people"),
        eb.fn.count<number>("i.id").filterWhere("i.responded", "=", true).as("people_responded"),
        eb.fn.count<number>("i.organisation_id").distinct().as("organisations"),
        eb.fn
          .count<number>("i.organisation_id")
          .distinct()
          .filterWhere("i.responded", "=", true)
          .as("organisations_responded"),
      ])
      .where("s.id", "in", linkedIds(db, id, "survey"))
      .groupBy(["s.id", "s.title", "s.state", "s.mode"])
      .orderBy("s.title")
      .execute(),
    db
      .selectFrom("evidence_items")
      .select(["id", "label", "kind"])
      .where("id", "in", linkedIds(db, id, "evidence"))
      .orderBy("label")
      .execute(),
    db
      .selectFrom("consultations")
      .select(["id", "title", "body", "closes_on"])
      .where("id", "in", linkedIds(db, id, "consultation"))
      .orderBy("closes_on")
      .execute(),
    db
      .selectFrom("submissions as s")
      .innerJoin("consultations as c", "c.id", "s.consultation_id")
      .select([
        "s.id",
        "c.title",
        "s.government",
        "s.state",
        "s.internal_deadline",
        sql<
          string | null
        >`(select nullif(concat_ws(' ', o.note, o.response_url), '') from submission_outcomes o
          where o.submission_id = s.id order by o.recorded_at desc, o.id desc limit 1)`.as("outcome"),
      ])
      .where("s.id", "in", linkedIds(db, id, "submission"))
      .orderBy("s.internal_deadline")
      .execute(),
    db
      .selectFrom("letters as l")
      .select((eb) => [
        "l.id",
        "l.slug",
        "l.title",
        "l.addressee",
        "l.state",
        eb
          .selectFrom("letter_signatures as sig")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("sig.letter_id", "=", "l.id")
          .where("sig.withdrawn_at", "is", null)
          .as("signatures"),
      ])
      .where("l.id", "in", linkedIds(db, id, "letter"))
      .orderBy("l.created_at", "desc")
      .execute(),
  ]);
  const values = await evidenceValues(
    db,
    evidenceRows.map((row) => row.id),
    { asOf: now },
  );
  const [backers, outcomes, timeline, radar] = await Promise.all([
    listBackers(db, id),
    listOutcomes(db, id),
    listTimeline(db, id),
    campaign.state === "active" ? listRadarMatches(db, campaign) : Promise.resolve([]),
  ]);
  return {
    campaign,
    positions: positions.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      state: row.state,
      isPublic: row.is_public,
      publishedAt: row.published_at,
    })),
    surveys: surveys.map((row) => {
      const byOrganisation = row.mode === "organisation";
      return {
        id: row.id,
        title: row.title,
        state: row.state,
        mode: row.mode,
        invited: Number(byOrganisation ? row.organisations : row.people),
        responded: Number(byOrganisation ? row.organisations_responded : row.people_responded),
      };
    }),
    evidence: evidenceRows.map((row) => {
      const value = values.get(row.id);
      return {
        id: row.id,
        label: row.label,
        kind: row.kind,
        text: value?.text ?? row.label,
        value: value?.value ?? null,
        n: value?.n ?? null,
        problem: value?.problem ?? null,
      };
    }),
    consultations: consultations.map((row) => ({
      id: row.id,
      title: row.title,
      body: row.body,
      closesOn: row.closes_on,
    })),
    submissions: submissions.map((row) => ({
      id: row.id,
      title: row.title,
      government: row.government,
      state: row.state,
      internalDeadline: row.internal_deadline,
      outcome: row.outcome,
    })),
    letters: letters.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      addressee: row.addressee,
      state: row.state,
      signatures: Number(row.signatures ?? 0),
    })),
    backers,
    outcomes,
    timeline,
    radar,
    today: londonDay(now),
  };
}
