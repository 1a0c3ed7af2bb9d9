import { variantMarkdown } from "~/utils/markdown.server.ts";
import {
  addressedTo,
  answerBlocks,
  citationNote,
  documentTitle,
  questionHeading,
  usable,
  type Segment,
  type SubmissionDocument,
} from "~/utils/submission-document.server.ts";

/**
 * The submission as a Markdown file (one footnote per cited item, numbered through the whole
 * document, GFM `[^1]` syntax) and as plain text, one answer at a time, for pasting into an
 * online form: there the numbering restarts in each answer, with its sources under it.
 */

/** With the space before it, so a citation left out leaves no gap before the full stop. */
const CITATION = /( ?)\[@ev:(\d{1,9})\]/g;

export function submissionMarkdown(doc: SubmissionDocument): string {
  const numbers = new Map<number, number>();
  const cite = (_match: string, space: string, id: string) => {
    const source = doc.citations.get(Number(id));
    if (!usable(source)) return "";
    let number = numbers.get(source.id);
    if (number === undefined) {
      number = numbers.size + 1;
      numbers.set(source.id, number);
    }
    return `${space}[^${number}]`;
  };
  const parts = [
    // As the Word file's header says on every page: a working copy is never mistaken for what was sent.
    ...(doc.draft ? ["**DRAFT: not approved.** Do not send this copy."] : []),
    `# ${documentTitle(doc)}`,
    `_${addressedTo(doc)}_`,
    "## About us",
    doc.aboutUs.trim(),
    "## Our answers",
  ];
  doc.questions.forEach((question, index) => {
    parts.push(`### ${questionHeading(question, index)}`);
    parts.push(
      question.text
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n"),
    );
    const answer = variantMarkdown(question.answer, doc.government).replace(CITATION, cite);
    parts.push(answer || "_No answer._");
  });
  if (numbers.size) {
    const notes = [...numbers].map(([id, number]) => {
      const source = doc.citations.get(id);
      return source ? `[^${number}]: ${citationNote(source)}` : "";
    });
    parts.push(notes.join("\n"));
  }
  return `${parts.join("\n\n")}\n`;
}

function plainSegments(segments: Segment[], cite: (id: number) => string): string {
  let out = "";
  for (const segment of segments) {
    if (segment.kind === "break") out += "\n";
    else if (segment.kind === "citation") {
      const mark = cite(segment.evidenceId);
      out = mark ? out + mark : out.replace(/ +$/, "");
    } else if (segment.href && segment.href !== segment.text && `mailto:${segment.text}` !== segment.href)
      out += `${segment.text} (${segment.href})`;
    else out += segment.text;
  }
  return out;
}

/** One answer as plain text, with "[1]" marks and its sources listed under it. */
export function answerPlainText(
  answer: string,
  doc: Pick<SubmissionDocument, "government" | "citations">,
): string {
  const numbers = new Map<number, number>();
  const cite = (id: number) => {
    const source = doc.citations.get(id);
    if (!usable(source)) return "";
    let number = numbers.get(id);
    if (number === undefined) {
      number = numbers.size + 1;
      numbers.set(id, number);
    }
    return `[${number}]`;
  };
  const lines: string[] = [];
  for (const block of answerBlocks(answer, doc.government)) {
    const text = plainSegments(block.segments, cite).trim();
    const indent = "  ".repeat(block.level);
    if (block.kind === "bullet") lines.push(`${indent}• ${text}`);
    else if (block.kind === "ordered") lines.push(`${indent}${block.item}. ${text}`);
    else lines.push(`\n${text}\n`);
  }
  let body = lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (numbers.size) {
    const sources = [...numbers].map(([id, number]) => {
      const source = doc.citations.get(id);
      return source ? `[${number}] ${citationNote(source)}` : "";
    });
    body += `\n\nSources:\n${sources.join("\n")}`;
  }
  return body;
}
