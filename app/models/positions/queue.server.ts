import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";

export interface QueuedPosition {
  slug: string;
  title: string;
  state: string;
  updatedAt: Date;
  /** Why it is in this person's queue. */
  reason: "review" | "draft";
}

/**
 * A member of staff's positions to act on, in one query: those waiting for their review, and their
 * own drafts (and ones sent back to them).
 */
export async function listQueuedPositions(db: Db, actor: Actor): Promise<QueuedPosition[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("positions")
    .select(["slug", "title", "state", "updated_at", "reviewer_id"])
    .where((eb) =>
      eb.or([
        eb.and([eb("state", "=", "in_review"), eb("reviewer_id", "=", actor.id)]),
        eb.and([eb("state", "=", "draft"), eb("owner_id", "=", actor.id)]),
      ]),
    )
    .orderBy("updated_at", "desc")
    .limit(50)
    .execute();
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    state: row.state,
    updatedAt: row.updated_at,
    reason: row.state === "in_review" ? "review" : "draft",
  }));
}
