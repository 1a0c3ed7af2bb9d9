import { sql } from "kysely";
import type { Db } from "~/utils/db.server.ts";
import type { Actor } from "./people.server.ts";

/** A new visit begins when the home has not been opened for this long. */
const VISIT_GAP_MINUTES = 30;

/**
 * Records that this person opened their home, and returns when their previous visit began (null on
 * the first). Within one visit the answer stays the same, so a reload keeps showing what is new.
 */
export async function recordHomeVisit(db: Db, actor: Actor, now = new Date()): Promise<Date | null> {
  const row = await db
    .updateTable("people")
    .set({
      home_previous_visit_at: sql<Date | null>`case
        when home_visit_at is null or home_visit_at < ${now}::timestamptz - make_interval(mins => ${VISIT_GAP_MINUTES})
        then home_visit_at else home_previous_visit_at end`,
      home_visit_at: now,
    })
    .where("id", "=", actor.id)
    .returning("home_previous_visit_at")
    .executeTakeFirst();
  return row?.home_previous_visit_at ?? null;
}
