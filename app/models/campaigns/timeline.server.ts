import { sql } from "kysely";
import {
  campaignTargetLabels,
  campaignTargetSchema,
  outcomeKindLabels,
  outcomeKinds,
} from "~/schemas/campaigns.ts";
import type { Db } from "~/utils/db.server.ts";

export interface TimelineEntry {
  at: Date;
  /** "Position published", "Outcome recorded: Meeting". */
  event: string;
  title: string;
  detail: string | null;
}

const events: Record<string, string> = {
  "campaign.created": "Campaign started",
  "campaign.won": "Campaign won",
  "campaign.closed": "Campaign closed",
  "campaign.reopened": "Campaign reopened",
  "campaign.outcome_recorded": "Outcome recorded",
  "campaign.published": "Campaign page published",
  "position.published": "Position published",
  "position.urgent_published": "Position published",
  "submission.submitted": "Consultation response submitted",
  "submission.outcome_recorded": "Response outcome recorded",
  "submission.outcome_added": "Response outcome recorded",
  "letter.opened": "Letter opened for signatures",
  "letter.delivered": "Letter delivered",
};

const TIMELINE_LIMIT = 100;

/**
 * The campaign's story from the audit log: its own milestones and outcomes, and the publication,
 * submission and delivery of what it holds. One branch per kind so each reads audit_log through
 * its (subject_type, subject_id) index.
 */
export async function listTimeline(db: Db, campaignId: number): Promise<TimelineEntry[]> {
  const { rows } = await sql<{ at: Date; action: string; title: string; after: unknown }>`
    select a.created_at as at, a.action, c.name as title, a.after
    from audit_log a join campaigns c on c.id = ${campaignId}
    where a.subject_type = 'campaign' and a.subject_id = ${String(campaignId)}
      and a.action in ('campaign.created', 'campaign.won', 'campaign.closed', 'campaign.reopened',
        'campaign.outcome_recorded', 'campaign.published')
    union all
    select a.created_at, a.action, p.title, null
    from campaign_links l
    join positions p on p.id = l.item_id
    join audit_log a on a.subject_type = 'position' and a.subject_id = l.item_id::text
    where l.campaign_id = ${campaignId} and l.kind = 'position'
      and a.action in ('position.published', 'position.urgent_published')
    union all
    select a.created_at, a.action, c.title, null
    from campaign_links l
    join submissions s on s.id = l.item_id
    join consultations c on c.id = s.consultation_id
    join audit_log a on a.subject_type = 'submission' and a.subject_id = l.item_id::text
    where l.campaign_id = ${campaignId} and l.kind = 'submission'
      and a.action in ('submission.submitted', 'submission.outcome_recorded', 'submission.outcome_added')
    union all
    select a.created_at, a.action, t.title, null
    from campaign_links l
    join letters t on t.id = l.item_id
    join audit_log a on a.subject_type = 'letter' and a.subject_id = l.item_id::text
    where l.campaign_id = ${campaignId} and l.kind = 'letter'
      and a.action in ('letter.opened', 'letter.delivered')
    order by 1 desc
    limit ${TIMELINE_LIMIT}`.execute(db);
  return rows.map((row) => ({
    at: row.at,
    event: eventOf(row.action, row.after),
    title: row.title,
    detail: detailOf(row.action, row.after),
  }));
}

const field = (value: unknown, key: string): string | null => {
  if (typeof value !== "object" || value === null || !(key in value)) return null;
  const found: unknown = Object.entries(value).find(([name]) => name === key)?.[1];
  return typeof found === "string" && found !== "" ? found : null;
};

function eventOf(action: string, after: unknown): string {
  const event = events[action] ?? action;
  if (action !== "campaign.outcome_recorded") return event;
  const kind = outcomeKinds.find((known) => known === field(after, "kind"));
  return kind ? `${event}: ${outcomeKindLabels[kind]}` : event;
}

function detailOf(action: string, after: unknown): string | null {
  if (action !== "campaign.outcome_recorded") return null;
  const government = campaignTargetSchema.safeParse(field(after, "government"));
  return (
    [government.success ? campaignTargetLabels[government.data] : null, field(after, "note")]
      .filter(Boolean)
      .join(": ") || null
  );
}
