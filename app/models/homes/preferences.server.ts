import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";

export async function getWeeklyDigest(db: Db, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom("people")
    .select("weekly_digest")
    .where("id", "=", personId)
    .executeTakeFirst();
  return row?.weekly_digest ?? false;
}

/**
 * Turns this person's weekly digest on or off: from /account (signed in), or from a digest's
 * unsubscribe link (the token stands for the person). False when there is no such person.
 */
export async function setWeeklyDigest(
  db: Db,
  personId: number,
  { on, via }: { on: boolean; via: "account" | "unsubscribe_link" },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("people")
      .set({ weekly_digest: on })
      .where("id", "=", personId)
      .where("erased_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!row) return false;
    await writeAudit(trx, {
      actorId: via === "account" ? personId : null,
      action: on ? "person.digest_on" : "person.digest_off",
      subjectType: "person",
      subjectId: personId,
      after: { weeklyDigest: on, via },
    });
    return true;
  });
}
