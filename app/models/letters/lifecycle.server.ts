import { sql } from "kysely";
import type { Actor } from "~/models/accounts/people.server.ts";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { deliveryMethodLabels, type DeliveryInput, type DeliveryMethod } from "~/schemas/letters.ts";
import type { Nation } from "~/schemas/directory.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { hashToken, randomToken } from "~/utils/crypto.server.ts";
import { eachInItsOwnTransaction, inTransaction, type Db } from "~/utils/db.server.ts";
import { describeFigures, figuresFrom } from "~/utils/letter-figures.ts";
import { formatLongDate } from "~/utils/letter-format.ts";
import { storeLetterDocuments } from "./documents.server.ts";
import { forgetPublicLetter } from "./public.server.ts";
import {
  assertTransition,
  letterColumns,
  LetterConflictError,
  lockLetter,
  requireStaffActor,
  toLetter,
  type Letter,
} from "./letters.server.ts";

export interface EligibleLeader {
  personId: number;
  name: string;
  jobTitle: string | null;
  organisation: string;
  nation: Nation | null;
  invited: boolean;
}

/**
 * Who may sign for an organisation: an active leader of a member in good standing. Prospective,
 * lapsed, former and archived organisations are not members, so their leaders cannot sign.
 */
export function eligibleLeaders(db: Db) {
  return db
    .selectFrom("people")
    .innerJoin("organisations", "organisations.id", "people.organisation_id")
    .where("people.active", "=", true)
    .where("people.role", "=", "member")
    .where("people.is_leader", "=", true)
    .where("organisations.membership_status", "=", "active")
    .where("organisations.archived_at", "is", null);
}

export async function listEligibleLeaders(db: Db, actor: Actor, letterId: number): Promise<EligibleLeader[]> {
  requireStaffActor(actor);
  const rows = await eligibleLeaders(db)
    .leftJoin("letter_invitations", (join) =>
      join
        .onRef("letter_invitations.person_id", "=", "people.id")
        .on("letter_invitations.letter_id", "=", letterId),
    )
    .select([
      "people.id",
      "people.name",
      "people.job_title",
      "organisations.name as organisation",
      "organisations.nation",
      "letter_invitations.id as invitation_id",
    ])
    .orderBy("organisations.name")
    .orderBy("people.name")
    .execute();
  return rows.map((row) => ({
    personId: row.id,
    name: row.name,
    jobTitle: row.job_title,
    organisation: row.organisation,
    nation: nationOrNull(row.nation),
    invited: row.invitation_id !== null,
  }));
}

function nationOrNull(value: string | null): Nation | null {
  return value === "england" || value === "scotland" || value === "wales" || value === "northern_ireland"
    ? value
    : null;
}

export interface Audience {
  audience: "all" | "nations" | "chosen";
  nations: Nation[];
  personIds: number[];
}

/** Eligible leaders in the audience who have no invitation to this letter yet. */
async function audiencePeople(trx: Db, letterId: number, audience: Audience) {
  let query = eligibleLeaders(trx)
    .select(["people.id", "people.name", "people.email", "organisations.name as organisation"])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("letter_invitations")
            .select("letter_invitations.id")
            .whereRef("letter_invitations.person_id", "=", "people.id")
            .where("letter_invitations.letter_id", "=", letterId),
        ),
      ),
    );
  if (audience.audience === "nations") {
    if (!audience.nations.length) return [];
    query = query.where("organisations.nation", "in", audience.nations);
  }
  if (audience.audience === "chosen") {
    if (!audience.personIds.length) return [];
    query = query.where("people.id", "in", audience.personIds);
  }
  return query.orderBy("people.id").execute();
}

/** Personal links: one random token per leader per letter, only its hash kept, dead once the letter closes. */
async function invite(
  trx: Db,
  actor: Actor,
  letter: Letter,
  audience: Audience,
  appUrl: string,
): Promise<number> {
  const people = await audiencePeople(trx, letter.id, audience);
  const closesOn = letter.closesAt ? formatLongDate(new Date(letter.closesAt.getTime() - 1)) : null;
  for (const person of people) {
    const token = randomToken();
    await trx
      .insertInto("letter_invitations")
      .values({
        letter_id: letter.id,
        person_id: person.id,
        token_hash: hashToken(token),
        invited_by: actor.id,
      })
      .execute();
    const link = new URL(`/letters/${letter.slug}/sign`, appUrl);
    link.searchParams.set("token", token);
    await enqueueEmail(trx, {
      to: person.email,
      template: "letter-invitation",
      props: {
        name: person.name,
        organisation: person.organisation,
        title: letter.title,
        addressee: letter.addressee,
        link: link.toString(),
        closesOn,
      },
    });
  }
  return people.length;
}

export async function openLetter(
  db: Db,
  actor: Actor,
  id: number,
  audience: Audience,
  appUrl: string,
): Promise<{ letter: Letter; invited: number }> {
  requireStaffActor(actor);
  const result = await inTransaction(db, async (trx) => {
    const before = await lockLetter(trx, id);
    assertTransition(before, "open");
    if (before.closesAt && before.closesAt <= new Date()) {
      throw new LetterConflictError(
        "The closing date has passed: edit the draft to change it before opening.",
      );
    }
    const now = new Date();
    const row = await trx
      .updateTable("letters")
      .set({ state: "open", opened_at: now, updated_at: now })
      .where("id", "=", id)
      .returning(letterColumns)
      .executeTakeFirstOrThrow();
    const letter = toLetter(row);
    const invited = await invite(trx, actor, letter, audience, appUrl);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "letter.opened",
      subjectType: "letter",
      subjectId: id,
      before: { state: before.state },
      after: { state: letter.state, audience: audience.audience, nations: audience.nations, invited },
    });
    return { letter, invited };
  });
  forgetPublicLetter(db, result.letter.slug);
  return result;
}

/** More leaders while the letter is open; those already invited are skipped, not sent a second link. */
export async function inviteMoreLeaders(
  db: Db,
  actor: Actor,
  id: number,
  audience: Audience,
  appUrl: string,
): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const letter = await lockLetter(trx, id);
    if (letter.state !== "open")
      throw new LetterConflictError("Leaders can be invited only while the letter is open.");
    const invited = await invite(trx, actor, letter, audience, appUrl);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "letter.invited",
      subjectType: "letter",
      subjectId: id,
      after: { audience: audience.audience, nations: audience.nations, invited },
    });
    return invited;
  });
}

/**
 * Freezes the signatory list as it stands: the rows copied here are what the public page, the PDF
 * and the CSV show from now on. Personal links stop working. `actor` null is the scheduler closing
 * a letter whose closing date has passed.
 */
export async function closeLetter(db: Db, actor: Actor | null, id: number): Promise<Letter> {
  if (actor) requireStaffActor(actor);
  const letter = await inTransaction(db, async (trx) => {
    const before = await lockLetter(trx, id);
    assertTransition(before, "close");
    const now = new Date();
    const row = await trx
      .updateTable("letters")
      .set({ state: "closed", closed_at: now, updated_at: now })
      .where("id", "=", id)
      .returning(letterColumns)
      .executeTakeFirstOrThrow();
    const closed = toLetter(row);
    await sql`
      insert into letter_final_signatories
        (letter_id, position, signature_id, person_id, signer_name, signer_job_title, organisation_name,
         nation, staff_count, signed_at)
      select s.letter_id, row_number() over (order by s.signed_at, s.id), s.id, s.person_id, s.signer_name,
             s.signer_job_title, s.organisation_name, o.nation, o.staff_count, s.signed_at
      from letter_signatures s
      join organisations o on o.id = s.organisation_id
      where s.letter_id = ${id} and s.withdrawn_at is null`.execute(trx);
    await trx
      .updateTable("letter_invitations")
      .set({ token_hash: null })
      .where("letter_id", "=", id)
      .execute();
    const documents = await storeLetterDocuments(trx, closed);
    await writeAudit(trx, {
      actorId: actor?.id ?? null,
      action: "letter.closed",
      subjectType: "letter",
      subjectId: id,
      before: { state: before.state },
      after: {
        state: closed.state,
        by: actor ? "staff" : "closing date",
        signatories: documents.figures.organisations,
        pdfSha256: documents.pdfSha256,
        csvSha256: documents.csvSha256,
      },
    });
    return closed;
  });
  forgetPublicLetter(db, letter.slug);
  return letter;
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

export const deliveryMethodPhrases = {
  email: "by email",
  post: "by post",
  hand: "by hand",
  online: "online",
} as const satisfies Record<DeliveryMethod, string>;

async function insertDelivery(trx: Db, actor: Actor, letterId: number, input: DeliveryInput) {
  const documents = await trx
    .selectFrom("letter_documents")
    .select(["kind", "sha256"])
    .where("letter_id", "=", letterId)
    .execute();
  const pdf = documents.find((doc) => doc.kind === "pdf");
  const csv = documents.find((doc) => doc.kind === "csv");
  if (!pdf || !csv) throw new Error(`Letter ${letterId} is closed but has no documents`);
  if (input.correctsId !== null) {
    const corrected = await trx
      .selectFrom("letter_deliveries")
      .select("id")
      .where("id", "=", input.correctsId)
      .where("letter_id", "=", letterId)
      .executeTakeFirst();
    if (!corrected)
      throw new LetterConflictError("The record to correct is not one of this letter's deliveries.");
  }
  return trx
    .insertInto("letter_deliveries")
    .values({
      letter_id: letterId,
      recipient: input.recipient,
      method: input.method,
      delivered_on: input.deliveredOn,
      reference: input.reference,
      notes: input.notes,
      pdf_sha256: pdf.sha256,
      csv_sha256: csv.sha256,
      recorded_by: actor.id,
      corrects_id: input.correctsId,
    })
    .returning(["id", "pdf_sha256", "csv_sha256"])
    .executeTakeFirstOrThrow();
}

/** Records the delivery of the frozen documents and tells every signatory where their letter went. */
export async function deliverLetter(
  db: Db,
  actor: Actor,
  id: number,
  input: DeliveryInput,
  appUrl: string,
): Promise<Letter> {
  requireStaffActor(actor);
  if (input.correctsId !== null) throw new LetterConflictError("A first delivery has nothing to correct.");
  const letter = await inTransaction(db, async (trx) => {
    const before = await lockLetter(trx, id);
    assertTransition(before, "deliver");
    const now = new Date();
    const row = await trx
      .updateTable("letters")
      .set({ state: "delivered", delivered_at: now, updated_at: now })
      .where("id", "=", id)
      .returning(letterColumns)
      .executeTakeFirstOrThrow();
    const delivered = toLetter(row);
    const record = await insertDelivery(trx, actor, id, input);
    const signatories = await trx
      .selectFrom("letter_final_signatories")
      .innerJoin("people", "people.id", "letter_final_signatories.person_id")
      .select([
        "people.email",
        "people.active",
        "letter_final_signatories.signer_name",
        "letter_final_signatories.organisation_name",
        "letter_final_signatories.nation",
        "letter_final_signatories.staff_count",
      ])
      .where("letter_final_signatories.letter_id", "=", id)
      .orderBy("letter_final_signatories.position")
      .execute();
    const figures = describeFigures(
      figuresFrom(signatories.map((s) => ({ nation: s.nation, staffCount: s.staff_count }))),
    );
    const publicLink = new URL(`/letters/${delivered.slug}`, appUrl).toString();
    for (const signatory of signatories) {
      if (!signatory.active) continue;
      await enqueueEmail(trx, {
        to: signatory.email,
        template: "letter-delivered",
        props: {
          name: signatory.signer_name,
          organisation: signatory.organisation_name,
          title: delivered.title,
          recipient: input.recipient,
          method: deliveryMethodPhrases[input.method],
          deliveredOn: formatLongDate(new Date(`${input.deliveredOn}T12:00:00Z`)),
          figures,
          publicLink,
        },
      });
    }
    await writeAudit(trx, {
      actorId: actor.id,
      action: "letter.delivered",
      subjectType: "letter",
      subjectId: id,
      before: { state: before.state },
      after: {
        state: delivered.state,
        deliveryId: record.id,
        recipient: input.recipient,
        method: deliveryMethodLabels[input.method],
        pdfSha256: record.pdf_sha256,
        csvSha256: record.csv_sha256,
      },
    });
    return delivered;
  });
  forgetPublicLetter(db, letter.slug);
  return letter;
}

/** Another delivery (a second recipient) or a correction of an earlier record: always a new row. */
export async function recordAnotherDelivery(
  db: Db,
  actor: Actor,
  id: number,
  input: DeliveryInput,
): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const letter = await lockLetter(trx, id);
    if (letter.state !== "delivered") {
      throw new LetterConflictError("Further deliveries can be recorded once the letter has been delivered.");
    }
    const record = await insertDelivery(trx, actor, id, input);
    await writeAudit(trx, {
      actorId: actor.id,
      action: input.correctsId ? "letter.delivery_corrected" : "letter.delivery_recorded",
      subjectType: "letter",
      subjectId: id,
      after: {
        deliveryId: record.id,
        correctsId: input.correctsId,
        recipient: input.recipient,
        method: input.method,
      },
    });
    return record.id;
  });
}

export async function withdrawLetter(db: Db, actor: Actor, id: number, reason: string): Promise<Letter> {
  requireStaffActor(actor);
  const letter = await inTransaction(db, async (trx) => {
    const before = await lockLetter(trx, id);
    assertTransition(before, "withdraw");
    const now = new Date();
    const row = await trx
      .updateTable("letters")
      .set({ state: "withdrawn", withdrawn_at: now, withdrawn_reason: reason, updated_at: now })
      .where("id", "=", id)
      .returning(letterColumns)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("letter_invitations")
      .set({ token_hash: null })
      .where("letter_id", "=", id)
      .execute();
    const withdrawn = toLetter(row);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "letter.withdrawn",
      subjectType: "letter",
      subjectId: id,
      before: { state: before.state },
      after: { state: withdrawn.state, reason },
    });
    return withdrawn;
  });
  forgetPublicLetter(db, letter.slug);
  return letter;
}
