import { sql } from "kysely";
import { inTransaction, type Db } from "~/utils/db.server.ts";

/** Set while an anonymous answer is being finished; only a flag, never a time (see responded). */
export async function flagCompleting(db: Db, invitationId: number, completing: boolean): Promise<void> {
  await db
    .updateTable("survey_invitations")
    .set({ completing })
    .where("id", "=", invitationId)
    .where("responded", "=", false)
    .execute();
}

/**
 * The background loop's repair of anonymous answers a crash left half finished (submitted, the
 * invitation not yet marked). Nothing links an anonymous response to its invitation, so this works
 * by counting, per survey, in one snapshot: every submitted response has a responded invitation,
 * except those whose last step has not run. When the submitted responses without one number exactly
 * the invitations flagged as completing, those invitations are the ones: they are marked. Any other
 * count (an attempt still running, or one that failed and left its flag) waits for the next round
 * or the person's retry, which mends it at once.
 */
export async function finishAnonymousCompletions(db: Db): Promise<number> {
  const surveys = await db
    .selectFrom("survey_invitations")
    .select("survey_id")
    .distinct()
    .where("completing", "=", true)
    .where("responded", "=", false)
    .execute();
  let finished = 0;
  for (const { survey_id: surveyId } of surveys) {
    finished += await inTransaction(db, async (trx) => {
      const counts = await sql<{ submitted: number; responded: number; completing: number }>`
        select
          (select count(*)::int from survey_responses
            where survey_id = ${surveyId} and status = 'submitted' and anonymous) as submitted,
          (select count(*)::int from survey_invitations where survey_id = ${surveyId} and responded) as responded,
          (select count(*)::int from survey_invitations
            where survey_id = ${surveyId} and completing and not responded) as completing`.execute(trx);
      const row = counts.rows[0];
      if (!row || row.completing === 0 || row.submitted - row.responded !== row.completing) return 0;
      const marked = await trx
        .updateTable("survey_invitations")
        .set({ responded: true, completing: false })
        .where("survey_id", "=", surveyId)
        .where("completing", "=", true)
        .where("responded", "=", false)
        .returning("id")
        .execute();
      return marked.length;
    });
  }
  return finished;
}
