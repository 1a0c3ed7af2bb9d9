import type { ConsultationsUpdate } from "../../../db/schema.ts";
import { isStaff, requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { defineLifecycle, type Step } from "~/models/lifecycle.server.ts";
import {
  triageStateLabels,
  triageStateSchema,
  type TriageForm,
  type TriageState,
} from "~/schemas/consultations.ts";
import type { Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import type { Consultation } from "./consultations.server.ts";

/** What triage reads of a consultation: its state is the triage_state column. */
interface TriageSubject {
  id: number;
  state: TriageState;
}

type TriageColumns = Pick<
  ConsultationsUpdate,
  "adopted_by" | "adopted_at" | "dismissed_by" | "dismissed_at" | "dismissed_reason"
>;

const staffOnly = (actor: Actor | null) =>
  actor !== null && isStaff(actor) ? true : "Only policy staff triage consultations.";

const reasonOf = (input: { reason: string }) => input.reason.trim() || null;

/**
 * Triage on the radar: untriaged → adopted (a submission will answer it), untriaged → dismissed
 * (with an optional reason), dismissed → untriaged (undo). A move's name is the intent of the
 * form that asks for it.
 */
const triage = defineLifecycle<TriageSubject, TriageColumns>({
  subject: "consultation",
  stateLabels: triageStateLabels,
  async load(trx, id, { lock }) {
    const query = trx.selectFrom("consultations").select(["id", "triage_state"]).where("id", "=", id);
    const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
    if (!row) throw Refusal.notFound();
    return { id: row.id, state: triageStateSchema.parse(row.triage_state) };
  },
  async write(trx, id, { state, updatedAt, set }) {
    await trx
      .updateTable("consultations")
      .set({ ...set, triage_state: state, updated_at: updatedAt })
      .where("id", "=", id)
      .execute();
  },
  auditState: (subject) => ({ triage_state: subject.state }),
}).withMoves({
  adopt: {
    from: ["untriaged"],
    to: "adopted",
    label: "Adopt: we will respond",
    verb: "adopt",
    refusals: { dismissed: "This consultation was dismissed. Undo the dismissal before adopting it." },
    alreadyDone: true,
    may: staffOnly,
    set: ({ actor, now }) => ({ adopted_by: actor?.id ?? null, adopted_at: now }),
    audit: "adopt",
  },
  dismiss: {
    from: ["untriaged"],
    to: "dismissed",
    label: "Dismiss",
    verb: "dismiss",
    refusals: {
      adopted: "This consultation is adopted: a submission is answering it, so it cannot be dismissed.",
    },
    alreadyDone: true,
    may: staffOnly,
    set: ({ actor, now, input }: Step<TriageSubject, { reason: string }>) => ({
      dismissed_by: actor?.id ?? null,
      dismissed_at: now,
      dismissed_reason: reasonOf(input),
    }),
    audit: "dismiss",
    note: ({ input }) => ({ reason: reasonOf(input) }),
  },
  "undo-dismiss": {
    from: ["dismissed"],
    to: "untriaged",
    label: "Undo dismissal",
    verb: "undo the dismissal of",
    refusals: { adopted: "This consultation is adopted, not dismissed." },
    alreadyDone: true,
    may: staffOnly,
    set: () => ({ dismissed_by: null, dismissed_at: null, dismissed_reason: null }),
    audit: "undo_dismiss",
  },
});

/** Triage sends no email, so no link needs the app's address. */
const noLinks = { appUrl: "" };

/**
 * Asking for the state a consultation is already in does nothing (`alreadyDone`), so a
 * double-submitted form, or a submission adopting what a colleague has just adopted, has one
 * effect; any other step the table does not allow is a 409.
 */
export async function triageConsultation(db: Db, actor: Actor, id: number, form: TriageForm): Promise<void> {
  requireStaffActor(actor);
  await triage.move(db, actor, form.intent, id, form, noLinks);
}

/** Adopts a consultation: staff will answer it with a submission (/submissions/new?consultation=id). */
export const adoptConsultation = (db: Db, actor: Actor, id: number) =>
  triageConsultation(db, actor, id, { intent: "adopt" });

export const dismissConsultation = (db: Db, actor: Actor, id: number, reason: string) =>
  triageConsultation(db, actor, id, { intent: "dismiss", reason });

export const undoDismissal = (db: Db, actor: Actor, id: number) =>
  triageConsultation(db, actor, id, { intent: "undo-dismiss" });

/** The triage buttons to offer this person on this consultation, from the table. */
export const triageMovesFor = (actor: Actor, consultation: Pick<Consultation, "id" | "triageState">) =>
  triage.available(actor, { id: consultation.id, state: consultation.triageState });
