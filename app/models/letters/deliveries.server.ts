import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { OutboxEmail } from "~/models/lifecycle.server.ts";
import { deliveryMethodSchema, type DeliveryInput, type DeliveryMethod } from "~/schemas/letters.ts";
import type { Db } from "~/utils/db.server.ts";
import { formatCalendarDateIn } from "~/utils/i18n.ts";
import { describeFigures, describeFiguresInWelsh, figuresFrom } from "~/utils/letter-figures.ts";
import { formatLongDate } from "~/utils/letter-format.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import type { Letter } from "./letters.server.ts";

const deliveryMethodPhrases = {
  email: "by email",
  post: "by post",
  hand: "by hand",
  online: "online",
} as const satisfies Record<DeliveryMethod, string>;

/**
 * A delivery record: always a new row, never edited (the database refuses), repeating the
 * hashes of the documents stored at close, so it says exactly which bytes went where.
 */
export async function insertDelivery(trx: Db, actor: Actor | null, letterId: number, input: DeliveryInput) {
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
    if (!corrected) throw Refusal.conflict("The record to correct is not one of this letter's deliveries.");
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
      recorded_by: actor?.id ?? null,
      corrects_id: input.correctsId,
    })
    .returning(["id", "pdf_sha256", "csv_sha256"])
    .executeTakeFirstOrThrow();
}

/** Every signatory still with us hears where the letter went, with the figures it was sent with. */
export async function deliveredEmails(
  trx: Db,
  letter: Letter,
  input: DeliveryInput,
  appUrl: string,
): Promise<OutboxEmail[]> {
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
    .where("letter_final_signatories.letter_id", "=", letter.id)
    .orderBy("letter_final_signatories.position")
    .execute();
  const counted = figuresFrom(signatories.map((s) => ({ nation: s.nation, staffCount: s.staff_count })));
  const figures = describeFigures(counted);
  const publicLink = new URL(`/letters/${letter.slug}`, appUrl).toString();
  const deliveredOn = formatLongDate(new Date(`${input.deliveredOn}T12:00:00Z`));
  return signatories
    .filter((signatory) => signatory.active)
    .map((signatory): OutboxEmail => {
      const props = {
        name: signatory.signer_name,
        organisation: signatory.organisation_name,
        title: letter.title,
        recipient: input.recipient,
        method: deliveryMethodPhrases[input.method],
        deliveredOn,
        figures,
        publicLink,
      };
      return letter.bilingual
        ? {
            to: signatory.email,
            template: "letter-delivered-bilingual",
            props: {
              ...props,
              titleCy: letter.titleCy ?? letter.title,
              deliveredOnCy: formatCalendarDateIn("cy", input.deliveredOn),
              figuresCy: describeFiguresInWelsh(counted),
            },
          }
        : { to: signatory.email, template: "letter-delivered", props };
    });
}

interface DeliveryRecord {
  id: number;
  recipient: string;
  method: DeliveryMethod;
  deliveredOn: string;
  reference: string | null;
  notes: string | null;
  pdfSha256: string;
  csvSha256: string;
  recordedBy: string | null;
  recordedAt: Date;
  correctsId: number | null;
}

export async function listDeliveries(db: Db, actor: Actor, letterId: number): Promise<DeliveryRecord[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("letter_deliveries")
    .leftJoin("people", "people.id", "letter_deliveries.recorded_by")
    .select([
      "letter_deliveries.id",
      "letter_deliveries.recipient",
      "letter_deliveries.method",
      "letter_deliveries.delivered_on",
      "letter_deliveries.reference",
      "letter_deliveries.notes",
      "letter_deliveries.pdf_sha256",
      "letter_deliveries.csv_sha256",
      "letter_deliveries.recorded_at",
      "letter_deliveries.corrects_id",
      "people.name as recorded_by",
    ])
    .where("letter_deliveries.letter_id", "=", letterId)
    .orderBy("letter_deliveries.recorded_at")
    .orderBy("letter_deliveries.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    recipient: row.recipient,
    method: deliveryMethodSchema.parse(row.method),
    deliveredOn: row.delivered_on,
    reference: row.reference,
    notes: row.notes,
    pdfSha256: row.pdf_sha256,
    csvSha256: row.csv_sha256,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    correctsId: row.corrects_id,
  }));
}
