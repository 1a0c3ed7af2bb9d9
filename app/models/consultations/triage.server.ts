import { sql } from "kysely";
import type { Actor } from "~/models/accounts/people.server.ts";
import { triageStateSchema, type TriageState } from "~/schemas/consultations.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { ConsultationConflictError, notFound, requireStaffActor } from "./consultations.server.ts";

/**
 * Triage lifecycle: untriaged → adopted (a submission will answer it), untriaged → dismissed
 * (with an optional reason), dismissed → untriaged (undo). One function per transition, each the
 * only writer of its change, each audited. Asking for the state it is already in does nothing,
 * so a double-submitted form has one effect; any other illegal step is a 409.
 */
async function lockTriage(trx: Db, id: number): Promise<TriageState> {
  const row = await trx
    .selectFrom("consultations")
    .select(["triage_state"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return triageStateSchema.parse(row.triage_state);
}

const refusals: Record<string, string> = {
  "dismissed:adopt": "This consultation was dismissed. Undo the dismissal before adopting it.",
  "adopted:dismiss": "This consultation is adopted: a submission is answering it, so it cannot be dismissed.",
  "adopted:undo-dismiss": "This consultation is adopted, not dismissed.",
};

function refuse(state: TriageState, transition: string): never {
  throw new ConsultationConflictError(
    refusals[`${state}:${transition}`] ?? `A consultation that is ${state} cannot be changed that way.`,
  );
}

/** Adopts a consultation: staff will answer it with a submission (/submissions/new?consultation=id). */
export async function adoptConsultation(db: Db, actor: Actor, id: number): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    const state = await lockTriage(trx, id);
    if (state === "adopted") return;
    if (state !== "untriaged") refuse(state, "adopt");
    await trx
      .updateTable("consultations")
      .set({ triage_state: "adopted", adopted_by: actor.id, adopted_at: sql`now()`, updated_at: sql`now()` })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "consultation.adopt",
      subjectType: "consultation",
      subjectId: id,
      before: { triage_state: state },
      after: { triage_state: "adopted" },
    });
  });
}

export async function dismissConsultation(db: Db, actor: Actor, id: number, reason: string): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    const state = await lockTriage(trx, id);
    if (state === "dismissed") return;
    if (state !== "untriaged") refuse(state, "dismiss");
    await trx
      .updateTable("consultations")
      .set({
        triage_state: "dismissed",
        dismissed_by: actor.id,
        dismissed_at: sql`now()`,
        dismissed_reason: reason.trim() || null,
        updated_at: sql`now()`,
      })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "consultation.dismiss",
      subjectType: "consultation",
      subjectId: id,
      before: { triage_state: state },
      after: { triage_state: "dismissed", reason: reason.trim() || null },
    });
  });
}

export async function undoDismissal(db: Db, actor: Actor, id: number): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    const state = await lockTriage(trx, id);
    if (state === "untriaged") return;
    if (state !== "dismissed") refuse(state, "undo-dismiss");
    await trx
      .updateTable("consultations")
      .set({
        triage_state: "untriaged",
        dismissed_by: null,
        dismissed_at: null,
        dismissed_reason: null,
        updated_at: sql`now()`,
      })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "consultation.undo_dismiss",
      subjectType: "consultation",
      subjectId: id,
      before: { triage_state: state },
      after: { triage_state: "untriaged" },
    });
  });
}
