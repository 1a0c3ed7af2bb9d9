import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { PositionReviewOutcome } from "~/schemas/positions.ts";
import type { Db } from "~/utils/db.server.ts";
import type { Position } from "./positions.server.ts";

/** The review history of a position: who asked whom, and what each decided on which version. */

export async function recordReview(
  trx: Db,
  position: Pick<Position, "id" | "currentVersionId">,
  entry: {
    outcome: PositionReviewOutcome;
    actorId: number | null;
    reviewerId: number | null;
    comment: string;
  },
) {
  await trx
    .insertInto("position_reviews")
    .values({
      position_id: position.id,
      version_id: position.currentVersionId,
      outcome: entry.outcome,
      actor_id: entry.actorId,
      reviewer_id: entry.reviewerId,
      comment: entry.comment,
    })
    .execute();
}

export interface ReviewEntry {
  id: number;
  outcome: string;
  comment: string;
  actorName: string | null;
  reviewerName: string | null;
  versionNumber: number;
  createdAt: Date;
}

export async function listReviews(db: Db, actor: Actor, position: Position): Promise<ReviewEntry[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("position_reviews")
    .innerJoin("position_versions", "position_versions.id", "position_reviews.version_id")
    .leftJoin("people as actor", "actor.id", "position_reviews.actor_id")
    .leftJoin("people as reviewer", "reviewer.id", "position_reviews.reviewer_id")
    .select([
      "position_reviews.id",
      "position_reviews.outcome",
      "position_reviews.comment",
      "position_reviews.created_at",
      "position_versions.number",
      "actor.name as actor_name",
      "reviewer.name as reviewer_name",
    ])
    .where("position_reviews.position_id", "=", position.id)
    .orderBy("position_reviews.created_at", "desc")
    .orderBy("position_reviews.id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    outcome: row.outcome,
    comment: row.comment,
    actorName: row.actor_name,
    reviewerName: row.reviewer_name,
    versionNumber: row.number,
    createdAt: row.created_at,
  }));
}
