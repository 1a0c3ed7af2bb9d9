import { createHash } from "node:crypto";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { getNetworkFigures } from "~/models/directory/network.server.ts";
import { evidenceValues, withdrawalNotes, type EvidenceValue } from "~/models/evidence/evidence.server.ts";
import type { Government } from "~/schemas/governments.ts";
import { frozenSubmissionStates, type SubmissionFileKind } from "~/schemas/submissions.ts";
import type { Db } from "~/utils/db.server.ts";
import { describeNetwork, formatDate } from "~/utils/format.ts";
import { londonDay, londonToday } from "~/utils/london-time.ts";
import { parseMarkdown, renderMarkdown } from "~/utils/markdown.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import {
  ORGANISATION_NAME,
  questionHeading,
  type SubmissionCitation,
  type SubmissionDocument,
} from "~/utils/submission-document.server.ts";
import { submissionDocx } from "~/utils/submission-docx.server.ts";
import { answerPlainText, submissionMarkdown } from "~/utils/submission-text.server.ts";
import { listQuestions, type SubmissionQuestion } from "./answers.server.ts";
import {
  loadSubmission,
  selectSubmissions,
  toSubmission,
  type FrozenDocument,
  type FrozenNetwork,
  type Submission,
} from "./submissions.server.ts";

/**
 * A submission as a document, and the document as files (DOCX, Markdown, a paste pack). A draft
 * reads live figures and today's date; from approval on, the figures, citations and date frozen
 * at approval, so it renders the same bytes whatever changes later.
 */

export const citingSubject = (submissionId: number) => ({ type: "submission", id: submissionId });

/** The about-us paragraph, from the network figures (live for a draft, frozen once approved). */
function aboutUs(figures: FrozenNetwork): string {
  return (
    `The ${ORGANISATION_NAME} is the trade body for public service mutuals: employee-owned organisations ` +
    `that left the public sector and deliver public services. Our members are ${describeNetwork(figures)} ` +
    `(directory figures at ${formatDate(figures.asOf)}).`
  );
}

export async function liveNetwork(db: Db): Promise<FrozenNetwork> {
  const figures = await getNetworkFigures(db, { asOf: londonToday() });
  return {
    asOf: figures.asOf,
    members: figures.members,
    staff: figures.staff,
    publicIncomeGbp: figures.publicIncomeGbp,
  };
}

export const isSubmissionFrozen = (submission: Pick<Submission, "state" | "frozenNetwork">) =>
  submission.frozenNetwork !== null &&
  (frozenSubmissionStates.includes(submission.state) || submission.state === "withdrawn");

const toCitation = (value: EvidenceValue): SubmissionCitation => ({
  id: value.evidenceId,
  problem: value.problem,
  text: value.text,
  url: value.url,
  n: value.n,
  on: value.on,
  laterNote: value.laterNote,
});

/** Evidence ids cited anywhere in the government's variant of the answers, in order. */
export function citedEvidenceIds(
  questions: readonly Pick<SubmissionQuestion, "answer">[],
  government: Government,
) {
  const ids = new Set<number>();
  for (const question of questions)
    for (const id of parseMarkdown(question.answer, { government }).citedIds) ids.add(id);
  return [...ids];
}

export async function submissionDocument(
  db: Db,
  submission: Submission,
  questions?: SubmissionQuestion[],
): Promise<SubmissionDocument> {
  const frozen = isSubmissionFrozen(submission);
  if (frozen && submission.frozenDocument) {
    // As approved, whatever has changed since; a withdrawal since is said beside its footnote.
    const approved = submission.frozenDocument;
    const notes = await withdrawalNotes(
      db,
      approved.citations.map((citation) => citation.id),
    );
    return {
      ...approved,
      citations: new Map(
        approved.citations.map((citation) => [
          citation.id,
          { ...citation, laterNote: notes.get(citation.id) ?? null },
        ]),
      ),
    };
  }
  const list = questions ?? (await listQuestions(db, submission.id));
  const ids = citedEvidenceIds(list, submission.government);
  const values = await evidenceValues(
    db,
    ids,
    frozen ? { frozen: citingSubject(submission.id) } : { asOf: new Date() },
  );
  const network = frozen && submission.frozenNetwork ? submission.frozenNetwork : await liveNetwork(db);
  return {
    consultationTitle: submission.consultationTitle,
    government: submission.government,
    organisationName: ORGANISATION_NAME,
    date: frozen && submission.approvedAt ? londonDay(submission.approvedAt) : londonToday(),
    aboutUs: aboutUs(network),
    questions: list.map((question) => ({
      number: question.number,
      text: question.question,
      answer: question.answer,
    })),
    citations: new Map([...values].map(([id, value]) => [id, toCitation(value)])),
  };
}

/**
 * Keeps the document as it stands at approval (called in the approving transaction, after the
 * citations are frozen): later edits of the consultation, the questions or the evidence change
 * nothing any export of it says.
 */
export async function snapshotSubmissionDocument(db: Db, submission: Submission): Promise<void> {
  const doc = await submissionDocument(db, { ...submission, frozenDocument: null });
  const snapshot: FrozenDocument = {
    consultationTitle: doc.consultationTitle,
    government: doc.government,
    organisationName: doc.organisationName,
    date: doc.date,
    aboutUs: doc.aboutUs,
    questions: doc.questions,
    citations: [...doc.citations.values()].map((citation) => ({
      id: citation.id,
      problem: citation.problem,
      text: citation.text,
      url: citation.url,
      n: citation.n,
      on: citation.on,
    })),
  };
  await db
    .updateTable("submissions")
    .set({ frozen_document: JSON.stringify(snapshot) })
    .where("id", "=", submission.id)
    .execute();
}

/** Problems that block review and approval: citations of missing, withdrawn or unconsented evidence. */
export async function citationProblems(db: Db, submission: Submission): Promise<string[]> {
  const questions = await listQuestions(db, submission.id);
  const doc = await submissionDocument(db, submission, questions);
  return questions.flatMap((question, index) =>
    renderMarkdown(question.answer, doc.citations, { government: submission.government, mode: "editor" })
      .problems.filter((problem) => problem.kind !== "unknown_block" && problem.kind !== "unclosed_block")
      .map((problem) => `Question ${question.number ?? index + 1}: ${problem.message}`),
  );
}

/** A published submission, for its public page: anyone may read it, as frozen at approval. */
export async function getPublishedSubmission(
  db: Db,
  slug: string,
): Promise<{ submission: Submission; document: SubmissionDocument }> {
  if (slug.length > 200) throw Refusal.notFound();
  const row = await selectSubmissions(db)
    .where("submissions.slug", "=", slug)
    .where("submissions.published_at", "is not", null)
    .where("submissions.state", "in", frozenSubmissionStates)
    .executeTakeFirst();
  if (!row) throw Refusal.notFound();
  const submission = toSubmission(row);
  return { submission, document: await submissionDocument(db, submission) };
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

interface ExportFile {
  kind: SubmissionFileKind;
  filename: string;
  contentType: string;
  content: Buffer;
}

const fileBase = (submission: Pick<Submission, "id" | "consultationTitle">) =>
  `submission-${submission.id}-${
    submission.consultationTitle
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 50) || "response"
  }`;

/** Every answer as plain text, one after another, as pasted into an online form. */
function pastePackText(doc: SubmissionDocument): string {
  const parts = doc.questions.map((question, index) => {
    const answer = answerPlainText(question.answer, doc) || "(no answer)";
    return `${questionHeading(question, index)}\n${question.text}\n\nAnswer:\n${answer}`;
  });
  return `${parts.join("\n\n----------\n\n")}\n`;
}

const contentTypes: Record<SubmissionFileKind, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  markdown: "text/markdown; charset=utf-8",
  paste_pack: "text/plain; charset=utf-8",
};

export async function exportFile(
  submission: Submission,
  doc: SubmissionDocument,
  kind: SubmissionFileKind,
): Promise<ExportFile> {
  const base = fileBase(submission);
  const [filename, content] =
    kind === "docx"
      ? [`${base}.docx`, await submissionDocx(doc)]
      : kind === "markdown"
        ? [`${base}.md`, Buffer.from(submissionMarkdown(doc), "utf8")]
        : [`${base}-paste-pack.txt`, Buffer.from(pastePackText(doc), "utf8")];
  return { kind, filename, contentType: contentTypes[kind], content };
}

/**
 * A file to download: once the submission has been sent, exactly the bytes recorded as sent;
 * before, the document as it stands (deterministic, so an approved one gives the same bytes).
 */
export async function downloadSubmissionFile(
  db: Db,
  actor: Actor,
  submissionId: number,
  kind: SubmissionFileKind,
): Promise<ExportFile & { sha256: string }> {
  requireStaffActor(actor);
  const submission = await loadSubmission(db, submissionId);
  const sent = await db
    .selectFrom("submission_files")
    .innerJoin("submission_records", "submission_records.id", "submission_files.record_id")
    .select(["submission_files.filename", "submission_files.content", "submission_files.sha256"])
    .where("submission_records.submission_id", "=", submission.id)
    .where("submission_files.kind", "=", kind)
    .orderBy("submission_records.id", "desc")
    .executeTakeFirst();
  if (sent) {
    const content = Buffer.from(sent.content);
    if (sha256(content) !== sent.sha256)
      throw new Error(`Stored ${kind} of submission ${submission.id} is corrupt`);
    return { kind, filename: sent.filename, contentType: contentTypes[kind], content, sha256: sent.sha256 };
  }
  const file = await exportFile(submission, await submissionDocument(db, submission), kind);
  return { ...file, sha256: sha256(file.content) };
}
