import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { letterStates, type LetterState } from "~/schemas/letters.ts";
import type { Db } from "~/utils/db.server.ts";
import { listLetters, type Letter } from "./letters.server.ts";

/** Every letter, or those in one state, the last changed first. */
export function listLettersForStaff(
  db: Db,
  actor: Actor,
  { page, pageSize, state }: { page: number; pageSize: number; state?: LetterState },
) {
  requireStaffActor(actor);
  return listLetters(db, { states: state ? [state] : letterStates, order: "last changed", page, pageSize });
}

interface StaffSignature {
  name: string;
  jobTitle: string | null;
  organisation: string;
  signedAt: Date;
  via: "link" | "session" | null;
}

/** The live signatures while open; the frozen list once closed. 50 a page. */
export async function listSignaturesForStaff(
  db: Db,
  actor: Actor,
  letter: Pick<Letter, "id" | "state">,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<{ signatures: StaffSignature[]; total: number; withdrawn: number }> {
  requireStaffActor(actor);
  const withdrawnCount = db
    .selectFrom("letter_signatures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("letter_id", "=", letter.id)
    .where("withdrawn_at", "is not", null)
    .executeTakeFirstOrThrow();
  if (letter.state === "closed" || letter.state === "delivered") {
    const [rows, total, withdrawn] = await Promise.all([
      db
        .selectFrom("letter_final_signatories")
        .innerJoin("letter_signatures", "letter_signatures.id", "letter_final_signatories.signature_id")
        .select([
          "letter_final_signatories.signer_name",
          "letter_final_signatories.signer_job_title",
          "letter_final_signatories.organisation_name",
          "letter_final_signatories.signed_at",
          "letter_signatures.via",
        ])
        .where("letter_final_signatories.letter_id", "=", letter.id)
        .orderBy("letter_final_signatories.position")
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      db
        .selectFrom("letter_final_signatories")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("letter_id", "=", letter.id)
        .executeTakeFirstOrThrow(),
      withdrawnCount,
    ]);
    return { signatures: rows.map(toStaffSignature), total: total.n, withdrawn: withdrawn.n };
  }
  const active = db
    .selectFrom("letter_signatures")
    .where("letter_id", "=", letter.id)
    .where("withdrawn_at", "is", null);
  const [rows, total, withdrawn] = await Promise.all([
    active
      .select(["signer_name", "signer_job_title", "organisation_name", "signed_at", "via"])
      .orderBy("signed_at")
      .orderBy("id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    active.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    withdrawnCount,
  ]);
  return { signatures: rows.map(toStaffSignature), total: total.n, withdrawn: withdrawn.n };
}

function toStaffSignature(row: {
  signer_name: string;
  signer_job_title: string | null;
  organisation_name: string;
  signed_at: Date;
  via: string;
}): StaffSignature {
  return {
    name: row.signer_name,
    jobTitle: row.signer_job_title,
    organisation: row.organisation_name,
    signedAt: row.signed_at,
    via: row.via === "link" || row.via === "session" ? row.via : null,
  };
}

/** How the invitations went: leaders asked, their organisations, and how many of those organisations signed. */
export async function invitationSummary(db: Db, actor: Actor, letterId: number) {
  requireStaffActor(actor);
  const row = await db
    .selectFrom("letter_invitations")
    .innerJoin("people", "people.id", "letter_invitations.person_id")
    .leftJoin("letter_signatures", (join) =>
      join
        .onRef("letter_signatures.organisation_id", "=", "people.organisation_id")
        .on("letter_signatures.letter_id", "=", letterId)
        .on("letter_signatures.withdrawn_at", "is", null),
    )
    // Two leaders of one organisation are two invitations but one organisation, and its one
    // signature would otherwise be counted once per leader.
    .select((eb) => [
      eb.fn.count<number>("letter_invitations.id").distinct().as("invited"),
      eb.fn.count<number>("people.organisation_id").distinct().as("organisations"),
      eb.fn.count<number>("letter_signatures.organisation_id").distinct().as("signed"),
    ])
    .where("letter_invitations.letter_id", "=", letterId)
    .executeTakeFirstOrThrow();
  return { invited: row.invited, organisations: row.organisations, signed: row.signed };
}

interface HistoryEntry {
  action: string;
  actor: string | null;
  at: Date;
}

const actionLabels: Record<string, string> = {
  "letter.created": "Draft created",
  "letter.updated": "Draft edited",
  "letter.opened": "Opened for signatures",
  "letter.invited": "More leaders invited",
  "letter.closed": "Closed",
  "letter.delivered": "Delivered",
  "letter.delivery_recorded": "Another delivery recorded",
  "letter.delivery_corrected": "Delivery record corrected",
  "letter.withdrawn": "Withdrawn",
};

/** The audit trail of the letter's own changes, oldest first. */
export async function letterHistory(db: Db, actor: Actor, letterId: number): Promise<HistoryEntry[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("people", "people.id", "audit_log.actor_id")
    .select(["audit_log.action", "audit_log.created_at", "people.name", "audit_log.after"])
    .where("audit_log.subject_type", "=", "letter")
    .where("audit_log.subject_id", "=", String(letterId))
    .orderBy("audit_log.id")
    .limit(200)
    .execute();
  return rows.map((row) => {
    const byClosingDate =
      row.action === "letter.closed" &&
      typeof row.after === "object" &&
      row.after !== null &&
      "by" in row.after
        ? row.after.by === "closing date"
        : false;
    return {
      action: actionLabels[row.action] ?? row.action,
      actor: row.name ?? (byClosingDate ? "Closing date reached" : null),
      at: row.created_at,
    };
  });
}
