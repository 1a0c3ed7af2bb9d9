import type { LettersUpdate } from "../../../db/schema.ts";
import { isStaff, requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { recordEvidenceUseNotices } from "~/models/evidence/notices.server.ts";
import { defineLifecycle, type MoveContext, type Step } from "~/models/lifecycle.server.ts";
import {
  deliveryMethodLabels,
  letterStateLabels,
  type DeliveryInput,
  type LetterDraftInput,
  type LetterState,
} from "~/schemas/letters.ts";
import { eachInItsOwnTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { deliveredEmails, insertDelivery } from "./deliveries.server.ts";
import { storeLetterDocuments } from "./documents.server.ts";
import { endPersonalLinks, sendInvitations, type LetterAudience } from "./invitations.server.ts";
import { draftColumns, loadLetter, uniqueSlug, type Letter } from "./letters.server.ts";
import { forgetPublicLetter } from "./public.server.ts";
import { freezeSignatories } from "./signatories.server.ts";

/** What each move is given besides the letter: the form that asked for it. */
type LetterMoveInputs = {
  edit: LetterDraftInput & { version: number; slug: string };
  open: LetterAudience;
  invite: LetterAudience;
  close: null;
  deliver: DeliveryInput;
  recordDelivery: DeliveryInput;
  correctDelivery: DeliveryInput;
  withdraw: { reason: string };
};
export type LetterMove = keyof LetterMoveInputs;

const audienceNote = ({ audience, nations }: LetterAudience) => ({ audience, nations });

/** Opening and inviting more send the same invitations; the audit row says how many. */
async function invite(step: Step<Letter, LetterAudience> & { after: Letter }) {
  const invited = await sendInvitations(step.trx, step.after, step.input, {
    invitedBy: step.actor?.id ?? null,
    sentAt: step.now,
    appUrl: step.context.appUrl,
  });
  return { invited };
}

/** How staff already say a letter's state in a refusal: "This letter is closed, so ...". */
const statePhrases: Record<LetterState, string> = {
  draft: "still a draft",
  open: "open for signatures",
  closed: "closed",
  delivered: "delivered",
  withdrawn: "withdrawn",
};

const furtherDeliveryTooEarly = () =>
  "Further deliveries can be recorded once the letter has been delivered.";

const staffOnly = (actor: Actor | null) =>
  actor !== null && isStaff(actor) ? true : "Only policy staff can change an open letter.";

/**
 * An open letter's lifecycle: draft → open → closed → delivered, and withdrawn from any state
 * before delivery. A move from a state to itself is work that state allows (editing a draft,
 * inviting more leaders while open, recording further deliveries): it takes the same lock and
 * leaves the same audit trail. The table's order is the order of the page's buttons.
 */
const letterLifecycle = defineLifecycle<Letter, LettersUpdate>({
  subject: "letter",
  stateLabels: letterStateLabels,
  load: (trx, id, { lock }) => loadLetter(trx, id, { lock }),
  write: async (trx, id, { state, updatedAt, set }) => {
    await trx
      .updateTable("letters")
      .set({ ...set, state, updated_at: updatedAt })
      .where("id", "=", id)
      .execute();
  },
  afterCommit: (db, letter) => forgetPublicLetter(db, letter.slug),
}).withMoves<LetterMoveInputs>({
  open: {
    from: ["draft"],
    to: "open",
    label: "Open for signatures",
    verb: "open",
    refusals: (state) => `This letter is ${statePhrases[state]}, so it cannot be opened for signatures.`,
    may: staffOnly,
    check: async ({ before, now }) => {
      if (before.closesAt && before.closesAt <= now) {
        throw Refusal.conflict("The closing date has passed: edit the draft to change it before opening.");
      }
    },
    set: ({ now }) => ({ opened_at: now }),
    audit: "opened",
    note: ({ input }) => audienceNote(input),
    effects: invite,
  },
  // Drafts only: an opened letter has signatures made against its words.
  edit: {
    from: ["draft"],
    to: "draft",
    label: "Edit the draft",
    verb: "edit",
    refusals: () => "Only a draft can be edited: this letter has been opened for signatures.",
    may: staffOnly,
    check: async ({ before, input }) => {
      if (before.version !== input.version) {
        throw Refusal.conflict(
          "Someone else saved this letter while you were editing it. Your changes were not saved: " +
            "reload the page to see their version, then make your changes again.",
        );
      }
    },
    set: ({ before, input }) => ({ ...draftColumns(input), slug: input.slug, version: before.version + 1 }),
    audit: "updated",
    note: ({ before, after }) => ({ from: draftOf(before), to: draftOf(after) }),
  },
  invite: {
    from: ["open"],
    to: "open",
    label: "Invite more leaders",
    verb: "invite leaders to",
    refusals: () => "Leaders can be invited only while the letter is open.",
    may: staffOnly,
    audit: "invited",
    note: ({ input }) => audienceNote(input),
    // Those already invited are skipped, not sent a second link.
    effects: invite,
  },
  // Freezes the signatory list as it stands: the rows copied here are what the public page, the
  // PDF and the CSV show from now on. The scheduler (no actor) closes a letter at its closing date.
  close: {
    from: ["open"],
    to: "closed",
    label: "Close for signatures",
    verb: "close",
    refusals: (state) => `This letter is ${statePhrases[state]}, so it cannot be closed.`,
    may: (actor) => (actor === null ? true : staffOnly(actor)),
    set: ({ now }) => ({ closed_at: now }),
    audit: "closed",
    note: ({ actor }) => ({ by: actor ? "staff" : "closing date" }),
    effects: async ({ trx, after }) => {
      await freezeSignatories(trx, after.id);
      await endPersonalLinks(trx, after.id);
      const documents = await storeLetterDocuments(trx, after);
      return {
        signatories: documents.figures.organisations,
        pdfSha256: documents.pdfSha256,
        csvSha256: documents.csvSha256,
      };
    },
  },
  // Records the delivery of the frozen documents and tells every signatory where their letter went.
  deliver: {
    from: ["closed"],
    to: "delivered",
    label: "Record delivery",
    verb: "deliver",
    refusals: (state) => `This letter is ${statePhrases[state]}, so it cannot be recorded as delivered.`,
    may: staffOnly,
    check: async ({ input }) => {
      if (input.correctsId !== null) throw Refusal.conflict("A first delivery has nothing to correct.");
    },
    set: ({ now }) => ({ delivered_at: now }),
    audit: "delivered",
    effects: async ({ trx, actor, after, input }) => {
      const record = await insertDelivery(trx, actor, after.id, input);
      return {
        deliveryId: record.id,
        recipient: input.recipient,
        method: deliveryMethodLabels[input.method],
        pdfSha256: record.pdf_sha256,
        csvSha256: record.csv_sha256,
        evidenceNotices: await recordEvidenceUseNotices(trx, { kind: "letter", documentId: after.id }),
      };
    },
    emails: ({ trx, after, input, context }) => deliveredEmails(trx, after, input, context.appUrl),
  },
  // Another delivery (a second recipient) or a correction of an earlier record: always a new row.
  recordDelivery: {
    from: ["delivered"],
    to: "delivered",
    label: "Record another delivery or a correction",
    verb: "record another delivery of",
    refusals: furtherDeliveryTooEarly,
    may: staffOnly,
    audit: "delivery_recorded",
    effects: ({ trx, actor, after, input }) => furtherDelivery(trx, actor, after, input),
  },
  correctDelivery: {
    from: ["delivered"],
    to: "delivered",
    label: "Correct a delivery record",
    verb: "correct a delivery record of",
    refusals: furtherDeliveryTooEarly,
    may: staffOnly,
    audit: "delivery_corrected",
    effects: ({ trx, actor, after, input }) => furtherDelivery(trx, actor, after, input),
  },
  withdraw: {
    from: ["draft", "open", "closed"],
    to: "withdrawn",
    label: "Withdraw the letter",
    verb: "withdraw",
    refusals: (state) => `This letter is ${statePhrases[state]}, so it cannot be withdrawn.`,
    may: staffOnly,
    set: ({ now, input }) => ({ withdrawn_at: now, withdrawn_reason: input.reason }),
    audit: "withdrawn",
    note: ({ input }) => ({ reason: input.reason }),
    effects: async ({ trx, after }) => endPersonalLinks(trx, after.id),
  },
});

/** What an edit's audit row keeps of each side. */
const draftOf = (letter: Letter) => ({
  version: letter.version,
  slug: letter.slug,
  title: letter.title,
  addressee: letter.addressee,
  bodyMarkdown: letter.bodyMarkdown,
  closesOn: letter.closesOn,
  signatureGoal: letter.signatureGoal,
});

async function furtherDelivery(trx: Db, actor: Actor | null, letter: Letter, input: DeliveryInput) {
  const record = await insertDelivery(trx, actor, letter.id, input);
  return {
    deliveryId: record.id,
    correctsId: input.correctsId,
    recipient: input.recipient,
    method: input.method,
  };
}

/** For the moves that write no email, so need no address for links. */
const sendsNoEmail: MoveContext = { appUrl: "" };

/** The buttons a page offers this person for this letter, in the table's order. */
export function letterMovesFor(actor: Actor, letter: Letter): { name: LetterMove; label: string }[] {
  return letterLifecycle
    .available(actor, letter)
    .map((name) => ({ name, label: letterLifecycle.moves[name].label }));
}

/** Whether a page for one of these moves should show its form to this person now. */
export function mayMoveLetter(actor: Actor, letter: Letter, ...moves: LetterMove[]): boolean {
  return moves.some((move) => letterLifecycle.refusalFor(move, actor, letter) === null);
}

/** `version` is the one the editor started from: if someone saved since, nothing is overwritten. */
export async function updateLetterDraft(
  db: Db,
  actor: Actor,
  id: number,
  input: LetterDraftInput & { version: number },
): Promise<Letter> {
  requireStaffActor(actor);
  const slug = await uniqueSlug(db, input.title, id);
  return letterLifecycle.move(db, actor, "edit", id, { ...input, slug }, sendsNoEmail);
}

export async function openLetter(
  db: Db,
  actor: Actor,
  id: number,
  audience: LetterAudience,
  appUrl: string,
): Promise<{ letter: Letter; invited: number }> {
  requireStaffActor(actor);
  const { after, effects } = await letterLifecycle.run(db, actor, "open", id, audience, { appUrl });
  return { letter: after, invited: Number(effects.invited) };
}

export async function inviteMoreLeaders(
  db: Db,
  actor: Actor,
  id: number,
  audience: LetterAudience,
  appUrl: string,
): Promise<number> {
  requireStaffActor(actor);
  const { effects } = await letterLifecycle.run(db, actor, "invite", id, audience, { appUrl });
  return Number(effects.invited);
}

/** `actor` null is the scheduler closing a letter whose closing date has passed. */
export async function closeLetter(db: Db, actor: Actor | null, id: number): Promise<Letter> {
  if (actor) requireStaffActor(actor);
  return letterLifecycle.move(db, actor, "close", id, null, sendsNoEmail);
}

/** Open letters whose closing date has passed, one transaction each; safe in several processes. */
export function closeLettersPastTheirDate(db: Db, now = new Date()): Promise<number> {
  return eachInItsOwnTransaction(db, async (trx) => {
    const due = await trx
      .selectFrom("letters")
      .select("id")
      .where("state", "=", "open")
      .where("closes_at", "<=", now)
      .orderBy("closes_at")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!due) return false;
    await closeLetter(trx, null, due.id);
    return true;
  });
}

export async function deliverLetter(
  db: Db,
  actor: Actor,
  id: number,
  input: DeliveryInput,
  appUrl: string,
): Promise<Letter> {
  requireStaffActor(actor);
  return letterLifecycle.move(db, actor, "deliver", id, input, { appUrl });
}

export async function recordAnotherDelivery(
  db: Db,
  actor: Actor,
  id: number,
  input: DeliveryInput,
): Promise<Letter> {
  requireStaffActor(actor);
  return letterLifecycle.move(
    db,
    actor,
    input.correctsId === null ? "recordDelivery" : "correctDelivery",
    id,
    input,
    sendsNoEmail,
  );
}

export async function withdrawLetter(db: Db, actor: Actor, id: number, reason: string): Promise<Letter> {
  requireStaffActor(actor);
  return letterLifecycle.move(db, actor, "withdraw", id, { reason }, sendsNoEmail);
}
