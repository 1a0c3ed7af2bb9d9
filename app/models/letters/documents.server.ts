import { createHash } from "node:crypto";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { toCsv } from "~/utils/csv.ts";
import type { Db } from "~/utils/db.server.ts";
import { describeFigures, figuresFrom, type SignatoryFigures } from "~/utils/letter-figures.ts";
import { formatLongDate } from "~/utils/letter-format.ts";
import { renderLetterPdf } from "~/utils/letter-pdf.server.ts";
import { nationLabels, nationSchema } from "~/schemas/directory.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import type { Letter } from "./letters.server.ts";
import { listFinalSignatories, type FinalSignatory } from "./signatories.server.ts";

type DocumentKind = "pdf" | "csv";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function signatoriesCsv(signatories: FinalSignatory[]): string {
  const nationName = (nation: string | null) => {
    const parsed = nationSchema.safeParse(nation);
    return parsed.success ? nationLabels[parsed.data] : "";
  };
  return toCsv(
    ["Position", "Name", "Job title", "Organisation", "Nation", "Staff", "Signed at (UTC)"],
    signatories.map((s) => [
      s.position,
      s.name,
      s.jobTitle,
      s.organisation,
      nationName(s.nation),
      s.staffCount,
      s.signedAt.toISOString(),
    ]),
  );
}

/**
 * Made once, at close, inside the closing transaction: these bytes are the ones staff download
 * and deliver, and their hashes are the ones every delivery record repeats.
 */
export async function storeLetterDocuments(
  trx: Db,
  letter: Letter,
): Promise<{ figures: SignatoryFigures; pdfSha256: string; csvSha256: string }> {
  const signatories = await listFinalSignatories(trx, letter.id);
  const figures = figuresFrom(signatories);
  const closedAt = letter.closedAt ?? new Date();
  const pdf = await renderLetterPdf({
    title: letter.title,
    addressee: letter.addressee,
    bodyMarkdown: letter.bodyMarkdown,
    dateText: formatLongDate(closedAt),
    figuresText: describeFigures(figures),
    signatories: signatories.map((s) => ({
      name: s.name,
      jobTitle: s.jobTitle,
      organisation: s.organisation,
    })),
    createdAt: closedAt,
  });
  const csv = Buffer.from(signatoriesCsv(signatories), "utf8");
  const pdfSha256 = sha256(pdf);
  const csvSha256 = sha256(csv);
  await trx
    .insertInto("letter_documents")
    .values([
      { letter_id: letter.id, kind: "pdf", content: pdf, sha256: pdfSha256 },
      { letter_id: letter.id, kind: "csv", content: csv, sha256: csvSha256 },
    ])
    .execute();
  return { figures, pdfSha256, csvSha256 };
}

interface StoredDocument {
  kind: DocumentKind;
  sha256: string;
  bytes: number;
  createdAt: Date;
}

export async function listLetterDocuments(db: Db, actor: Actor, letterId: number): Promise<StoredDocument[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("letter_documents")
    .select((eb) => ["kind", "sha256", "created_at", eb.fn<number>("octet_length", ["content"]).as("bytes")])
    .where("letter_id", "=", letterId)
    .orderBy("kind", "desc")
    .execute();
  return rows.map((row) => ({
    kind: row.kind === "pdf" ? "pdf" : "csv",
    sha256: row.sha256,
    bytes: Number(row.bytes),
    createdAt: row.created_at,
  }));
}

/** The stored bytes exactly: a download is what was hashed at close, never a fresh rendering. */
export async function getLetterDocument(
  db: Db,
  actor: Actor,
  letterId: number,
  kind: DocumentKind,
): Promise<{ content: Buffer; sha256: string; filename: string; contentType: string }> {
  requireStaffActor(actor);
  const row = await db
    .selectFrom("letter_documents")
    .innerJoin("letters", "letters.id", "letter_documents.letter_id")
    .select(["letter_documents.content", "letter_documents.sha256", "letters.slug"])
    .where("letter_documents.letter_id", "=", letterId)
    .where("letter_documents.kind", "=", kind)
    .executeTakeFirst();
  if (!row) throw Refusal.notFound();
  const content = Buffer.from(row.content);
  if (sha256(content) !== row.sha256)
    throw new Error(`Stored ${kind} of letter ${letterId} does not match its hash`);
  return {
    content,
    sha256: row.sha256,
    filename: kind === "pdf" ? `${row.slug}.pdf` : `${row.slug}-signatories.csv`,
    contentType: kind === "pdf" ? "application/pdf" : "text/csv; charset=utf-8",
  };
}
