import type { Token } from "markdown-it";
import { governmentInSentence, type Government } from "~/schemas/governments.ts";
import { formatDate } from "~/utils/format.ts";
import { isSafeLink, parseMarkdown, type CitationSource } from "~/utils/markdown.server.ts";

/**
 * A submission as the exports see it: everything already decided (which government, which
 * figures, which date), so the DOCX, Markdown and plain-text renderings are pure functions of it
 * and a frozen submission renders the same bytes of text whatever happens to the data later.
 * Answers are Markdown read through the shared parser (app/utils/markdown.server.ts), so nation
 * blocks and `[@ev:12]` citations mean the same here as in positions.
 */

export interface SubmissionCitation extends CitationSource {
  /** 'YYYY-MM-DD': the date the cited value describes. */
  on: string | null;
}

export interface SubmissionDocument {
  consultationTitle: string;
  government: Government;
  /** The trade body answering. */
  organisationName: string;
  /** 'YYYY-MM-DD' printed on the document. */
  date: string;
  aboutUs: string;
  questions: { number: string | null; text: string; answer: string }[];
  citations: ReadonlyMap<number, SubmissionCitation>;
}

export const ORGANISATION_NAME = "Public Service Mutuals Network";

export const questionHeading = (question: { number: string | null }, index: number) =>
  `Question ${question.number ?? String(index + 1)}`;

export const documentTitle = (doc: Pick<SubmissionDocument, "consultationTitle">) =>
  `Response to: ${doc.consultationTitle}`;

export const addressedTo = (doc: Pick<SubmissionDocument, "government" | "organisationName" | "date">) =>
  `A response from the ${doc.organisationName} to ${governmentInSentence(doc.government)}, ${formatDate(doc.date)}`;

/** A footnote's words: the source, its n and its date, and where to find it. */
export function citationNote(source: SubmissionCitation): string {
  const parts = [source.text.replace(/\.$/, "")];
  if (source.n !== null) parts.push(`n = ${source.n.toLocaleString("en-GB")}`);
  if (source.on && !source.text.includes(formatDate(source.on))) parts.push(formatDate(source.on));
  const note = `${parts.join("; ")}.`;
  const linked = source.url && isSafeLink(source.url) ? `${note} ${source.url}` : note;
  return source.laterNote ? `${linked} ${source.laterNote}` : linked;
}

/** Whether an answer may cite this item in a document that leaves the building. */
export const usable = (source: SubmissionCitation | undefined): source is SubmissionCitation =>
  source !== undefined && source.problem === null;

export type Segment =
  | {
      kind: "text";
      text: string;
      bold: boolean;
      italic: boolean;
      strike: boolean;
      code: boolean;
      href: string | null;
    }
  | { kind: "break" }
  | { kind: "citation"; evidenceId: number };

export type Block =
  | { kind: "paragraph" | "heading" | "quote" | "code"; level: number; segments: Segment[] }
  | { kind: "bullet" | "ordered"; level: number; list: number; item: number; segments: Segment[] };

function inlineSegments(tokens: readonly Token[]): Segment[] {
  const segments: Segment[] = [];
  let bold = 0;
  let italic = 0;
  let strike = 0;
  let href: string | null = null;
  const text = (value: string, code = false) => {
    if (value)
      segments.push({
        kind: "text",
        text: value,
        bold: bold > 0,
        italic: italic > 0,
        strike: strike > 0,
        code,
        href,
      });
  };
  for (const token of tokens) {
    switch (token.type) {
      case "text":
        text(token.content);
        break;
      case "code_inline":
        text(token.content, true);
        break;
      case "softbreak":
        text(" ");
        break;
      case "hardbreak":
        segments.push({ kind: "break" });
        break;
      case "strong_open":
      case "strong_close":
        bold += token.nesting;
        break;
      case "em_open":
      case "em_close":
        italic += token.nesting;
        break;
      case "s_open":
      case "s_close":
        strike += token.nesting;
        break;
      case "link_open":
        href = String(token.attrGet("href") ?? "") || null;
        break;
      case "link_close":
        href = null;
        break;
      case "citation":
        segments.push({ kind: "citation", evidenceId: Number(token.meta?.id) });
        break;
      default:
        if (token.content) text(token.content);
    }
  }
  return segments;
}

/**
 * An answer's Markdown, as the government reads it, flattened to blocks: paragraphs, headings,
 * list items (with their list and item number), quotes and code. Tables become one paragraph per row.
 */
export function answerBlocks(markdown: string, government: Government): Block[] {
  const { tokens } = parseMarkdown(markdown, { government });
  const blocks: Block[] = [];
  const lists: {
    kind: "bullet" | "ordered";
    list: number;
    next: number;
    fresh: boolean;
    block: Block | null;
  }[] = [];
  let listCount = 0;
  let quote = 0;
  let heading = 0;
  let cells: Segment[] | null = null;
  for (const token of tokens) {
    if (token.type === "bullet_list_open" || token.type === "ordered_list_open") {
      const start = Number(token.attrGet("start") ?? 1);
      const kind = token.type === "bullet_list_open" ? "bullet" : "ordered";
      lists.push({ kind, list: ++listCount, next: start, fresh: false, block: null });
    } else if (token.type === "list_item_open") {
      const list = lists.at(-1);
      if (list) list.fresh = true;
    } else if (token.type === "bullet_list_close" || token.type === "ordered_list_close") {
      lists.pop();
    } else if (token.type === "blockquote_open" || token.type === "blockquote_close") {
      quote += token.nesting;
    } else if (token.type === "heading_open") {
      heading = Number(token.tag.slice(1));
    } else if (token.type === "tr_open") {
      cells = [];
    } else if (token.type === "tr_close" && cells) {
      blocks.push({ kind: "paragraph", level: 0, segments: cells });
      cells = null;
    } else if (token.type === "fence" || token.type === "code_block") {
      blocks.push({
        kind: "code",
        level: 0,
        segments: [
          {
            kind: "text",
            text: token.content.replace(/\n$/, ""),
            bold: false,
            italic: false,
            strike: false,
            code: true,
            href: null,
          },
        ],
      });
    } else if (token.type === "inline") {
      const segments = inlineSegments(token.children ?? []);
      if (cells) {
        if (cells.length)
          cells.push({
            kind: "text",
            text: " | ",
            bold: false,
            italic: false,
            strike: false,
            code: false,
            href: null,
          });
        cells.push(...segments);
        continue;
      }
      const list = lists.at(-1);
      if (heading) {
        blocks.push({ kind: "heading", level: heading, segments });
        heading = 0;
      } else if (list) {
        if (!list.fresh && list.block) {
          // A list item's second paragraph continues the item rather than starting a new one.
          list.block.segments.push({ kind: "break" }, ...segments);
        } else {
          list.block = {
            kind: list.kind,
            level: lists.length - 1,
            list: list.list,
            item: list.next,
            segments,
          };
          blocks.push(list.block);
          list.next += 1;
          list.fresh = false;
        }
      } else {
        blocks.push({ kind: quote > 0 ? "quote" : "paragraph", level: 0, segments });
      }
    }
  }
  return blocks;
}
