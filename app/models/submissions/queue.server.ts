import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { londonToday } from "~/utils/london-time.ts";

export interface QueuedSubmission {
  id: number;
  title: string;
  state: string;
  internalDeadline: string;
  leadName: string;
  reviewMine: boolean;
  draftMine: boolean;
  /** The internal deadline falls within the next fortnight (or has passed) and it is not sent yet. */
  dueSoon: boolean;
}

const DUE_WITHIN_DAYS = 14;

/**
 * Submissions for a member of staff's home, in one query: waiting for their review, their own
 * drafts, and every unsent one whose internal deadline falls in the next 14 days, soonest first.
 */
export async function listQueuedSubmissions(
  db: Db,
  actor: Actor,
  today = londonToday(),
): Promise<QueuedSubmission[]> {
  requireStaffActor(actor);
  const horizon = new Date(`${today}T12:00:00Z`);
  horizon.setUTCDate(horizon.getUTCDate() + DUE_WITHIN_DAYS);
  const until = horizon.toISOString().slice(0, 10);
  const rows = await db
    .selectFrom("submissions as s")
    .innerJoin("consultations as c", "c.id", "s.consultation_id")
    .innerJoin("people as lead", "lead.id", "s.lead_id")
    .select([
      "s.id",
      "c.title",
      "s.state",
      "s.internal_deadline",
      "s.reviewer_id",
      "s.lead_id",
      "lead.name as lead_name",
    ])
    .where("s.state", "in", ["drafting", "in_review", "approved"])
    .where((eb) =>
      eb.or([
        eb.and([eb("s.state", "=", "in_review"), eb("s.reviewer_id", "=", actor.id)]),
        eb.and([eb("s.state", "=", "drafting"), eb("s.lead_id", "=", actor.id)]),
        eb("s.internal_deadline", "<=", until),
      ]),
    )
    .orderBy("s.internal_deadline")
    .orderBy("s.id")
    .limit(100)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    state: row.state,
    internalDeadline: row.internal_deadline,
    leadName: row.lead_name,
    reviewMine: row.state === "in_review" && row.reviewer_id === actor.id,
    draftMine: row.state === "drafting" && row.lead_id === actor.id,
    dueSoon: row.internal_deadline <= until,
  }));
}
