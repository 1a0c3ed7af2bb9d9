import { sql } from "kysely";
import { adoptConsultation } from "~/models/consultations/triage.server.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { isActiveStaff } from "~/models/positions/positions.server.ts";
import type { Government } from "~/schemas/governments.ts";
import { MAX_QUESTIONS } from "~/schemas/submissions.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { londonToday } from "~/utils/london-time.ts";
import type { SplitQuestion } from "~/utils/question-split.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { tooManyQuestions } from "./answers.server.ts";
import { auditSubmission, isRowId } from "./submissions.server.ts";

/** Starting a submission: which consultation it answers, for which government, with which questions. */

interface ConsultationForSubmission {
  id: number;
  title: string;
  body: string;
  url: string;
  level: string;
  nation: string | null;
  closesOn: string;
  triageState: string;
}

/** The consultation a new submission answers (the radar owns the table; this only reads it). */
export async function getConsultationForSubmission(
  db: Db,
  actor: Actor,
  id: number,
): Promise<ConsultationForSubmission> {
  requireStaffActor(actor);
  if (!isRowId(id)) throw Refusal.notFound();
  const row = await db
    .selectFrom("consultations")
    .select(["id", "title", "body", "url", "level", "nation", "closes_on", "triage_state"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    url: row.url,
    level: row.level,
    nation: row.nation,
    closesOn: row.closes_on,
    triageState: row.triage_state,
  };
}

/** Consultations still open, soonest closing first, for starting a submission without the radar. */
export async function listOpenConsultations(
  db: Db,
  actor: Actor,
): Promise<{ id: number; title: string; closesOn: string }[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("consultations")
    .select(["id", "title", "closes_on"])
    .where("closes_on", ">=", londonToday())
    .orderBy("closes_on")
    .orderBy("id")
    .limit(300)
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, closesOn: row.closes_on }));
}

/** The live submission already answering this consultation for this government, if any. */
async function findLiveSubmission(db: Db, consultationId: number, government: Government) {
  const row = await db
    .selectFrom("submissions")
    .select("id")
    .where("consultation_id", "=", consultationId)
    .where("government", "=", government)
    .where("state", "<>", "withdrawn")
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface NewSubmission {
  consultationId: number;
  government: Government;
  leadId: number;
  internalDeadline: string;
  preamble: string;
  questions: SplitQuestion[];
}

/**
 * Starts a submission with its questions. A second one for the same consultation and government
 * (a double-submitted form) finds the first instead: `created` says which happened.
 */
export async function createSubmission(
  db: Db,
  actor: Actor,
  input: NewSubmission,
): Promise<{ id: number; created: boolean }> {
  requireStaffActor(actor);
  // Keyed as the new submission form's fields, so the messages sit against the boxes they concern.
  if (!input.questions.length)
    throw Refusal.invalid("Add at least one question.", { questions: "Add at least one question." });
  if (input.questions.length > MAX_QUESTIONS) throw tooManyQuestions("questions");
  return inTransaction(db, async (trx) => {
    const consultation = await getConsultationForSubmission(trx, actor, input.consultationId);
    if (!(await isActiveStaff(trx, input.leadId))) {
      const message = "The lead must be an active member of staff.";
      throw Refusal.invalid(message, { leadId: message });
    }
    const inserted = await trx
      .insertInto("submissions")
      .values({
        consultation_id: input.consultationId,
        government: input.government,
        lead_id: input.leadId,
        internal_deadline: input.internalDeadline,
        preamble: input.preamble,
        created_by: actor.id,
      })
      // The arbiter predicate must be a literal: PostgreSQL matches it against the partial unique
      // index when it plans, and a prepared statement's parameter is unknown then.
      .onConflict((oc) =>
        oc
          .columns(["consultation_id", "government"])
          .where(sql.ref("state"), "<>", sql.lit("withdrawn"))
          .doNothing(),
      )
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      const existing = await findLiveSubmission(trx, input.consultationId, input.government);
      if (existing === null) throw Refusal.conflict("Please try again.");
      return { id: existing, created: false };
    }
    await trx
      .insertInto("submission_questions")
      .values(
        input.questions.map((question, index) => ({
          submission_id: inserted.id,
          position: index + 1,
          number: question.number,
          question: question.text,
          updated_by: actor.id,
        })),
      )
      .execute();
    // Answering a consultation nobody has triaged yet adopts it, so the radar's deadline view lists it.
    if (consultation.triageState === "untriaged") await adoptConsultation(trx, actor, consultation.id);
    await auditSubmission(trx, actor, inserted.id, "created", {
      after: { ...input, questions: input.questions.length },
    });
    return { id: inserted.id, created: true };
  });
}
