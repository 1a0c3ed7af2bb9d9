import PDFDocument from "pdfkit";
import type { Token } from "markdown-it";
import { parseMarkdown } from "./markdown.server.ts";
import { centredLine, type Face, fallbackText, fontRuns, setFont } from "./pdf-fonts.server.ts";

interface PdfSignatory {
  name: string;
  jobTitle: string | null;
  organisation: string;
}

interface LetterPdfContent {
  title: string;
  addressee: string;
  bodyMarkdown: string;
  /** "30 November 2026": the day the letter closed. */
  dateText: string;
  /** "12 mutuals employing 3,450 staff, across England and Wales" */
  figuresText: string;
  signatories: PdfSignatory[];
  /** Written into the PDF's metadata, so the file says when it was made. */
  createdAt: Date;
}

// The 14 standard PDF fonts only know Windows-1252: "Llŷr" would lose its ŷ. pdf-fonts.server.ts sets
// every run in DejaVu Sans, or Noto Sans SC / Noto Emoji where DejaVu has no glyph.
const colours = { text: "#1b1f24", muted: "#4a5260", link: "#1d4f91", rule: "#b4bac4" };
const MARGIN = 64;

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  link: string | null;
}

function fontFor(run: Pick<Run, "bold" | "italic">): Face {
  if (run.bold && run.italic) return "boldItalic";
  if (run.bold) return "bold";
  return run.italic ? "italic" : "regular";
}

/** Inline tokens to styled runs: the subset of Markdown a letter uses (emphasis, links, breaks, code). */
function inlineRuns(children: Token[], base: { bold: boolean }): Run[] {
  const runs: Run[] = [];
  let bold = base.bold;
  let italic = false;
  let link: string | null = null;
  for (const token of children) {
    switch (token.type) {
      case "text":
      case "code_inline":
        runs.push({ text: token.content, bold, italic, link });
        break;
      case "softbreak":
        runs.push({ text: " ", bold, italic, link });
        break;
      case "hardbreak":
        runs.push({ text: "\n", bold, italic, link });
        break;
      case "strong_open":
        bold = true;
        break;
      case "strong_close":
        bold = base.bold;
        break;
      case "em_open":
        italic = true;
        break;
      case "em_close":
        italic = false;
        break;
      case "link_open": {
        const href = token.attrGet("href");
        link = typeof href === "string" ? href : null;
        break;
      }
      case "link_close":
        link = null;
        break;
      default:
        if (token.content) runs.push({ text: token.content, bold, italic, link });
    }
  }
  return runs.filter((run) => run.text.length > 0);
}

function writeRuns(
  doc: PDFKit.PDFDocument,
  runs: Run[],
  options: { size: number; indent: number; prefix?: string },
) {
  const x = MARGIN + options.indent;
  const width = doc.page.width - MARGIN - x;
  const all = options.prefix
    ? [{ text: options.prefix, bold: false, italic: false, link: null }, ...runs]
    : runs;
  // Each styled run cut again where the font changes (Chinese, emoji), all `continued` on one line.
  const segments = all.flatMap((run) =>
    fontRuns(run.text).map((part) => ({ ...run, text: part.text, family: part.family })),
  );
  if (!segments.length) return;
  segments.forEach((run, index) => {
    const last = index === segments.length - 1;
    setFont(doc, run.family, fontFor(run))
      .fontSize(options.size)
      .fillColor(run.link ? colours.link : colours.text);
    const textOptions = {
      continued: !last,
      link: run.link ?? undefined,
      underline: Boolean(run.link),
      lineGap: 3,
      width,
    };
    if (index === 0) doc.text(run.text, x, doc.y, textOptions);
    else doc.text(run.text, textOptions);
  });
  doc.fillColor(colours.text);
}

/** Block tokens to PDF: paragraphs, headings, lists (nested), block quotes. */
function writeMarkdown(doc: PDFKit.PDFDocument, source: string) {
  const { tokens } = parseMarkdown(source);
  const lists: { ordered: boolean; next: number }[] = [];
  let quoteDepth = 0;
  let heading: number | null = null;
  let pendingPrefix: string | undefined;
  for (const token of tokens) {
    switch (token.type) {
      case "heading_open":
        heading = Number(token.tag.slice(1));
        doc.moveDown(0.4);
        break;
      case "heading_close":
        heading = null;
        doc.moveDown(0.3);
        break;
      case "bullet_list_open":
        lists.push({ ordered: false, next: 1 });
        break;
      case "ordered_list_open":
        lists.push({ ordered: true, next: Number(token.attrGet("start") ?? 1) });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        if (!lists.length) doc.moveDown(0.5);
        break;
      case "list_item_open": {
        const list = lists[lists.length - 1];
        if (list) pendingPrefix = list.ordered ? `${list.next++}.  ` : "•  ";
        break;
      }
      case "blockquote_open":
        quoteDepth++;
        break;
      case "blockquote_close":
        quoteDepth--;
        break;
      case "paragraph_close":
        if (!lists.length) doc.moveDown(0.7);
        break;
      case "hr":
        doc.moveDown(0.5);
        doc
          .moveTo(MARGIN, doc.y)
          .lineTo(doc.page.width - MARGIN, doc.y)
          .strokeColor(colours.rule)
          .stroke();
        doc.moveDown(0.5);
        break;
      case "code_block":
      case "fence":
        writeRuns(doc, [{ text: token.content.trimEnd(), bold: false, italic: false, link: null }], {
          size: 10,
          indent: 16 * (lists.length + quoteDepth),
        });
        doc.moveDown(0.7);
        break;
      case "inline": {
        const size = heading === null ? 11 : heading <= 2 ? 14 : 12;
        writeRuns(doc, inlineRuns(token.children ?? [], { bold: heading !== null }), {
          size,
          indent: 18 * Math.max(lists.length - 1, 0) + (lists.length ? 18 : 0) + 16 * quoteDepth,
          prefix: pendingPrefix,
        });
        pendingPrefix = undefined;
        break;
      }
    }
  }
}

/** Two columns, each filled top to bottom before the next; a signatory's lines never split across them. */
function writeSignatories(doc: PDFKit.PDFDocument, signatories: PdfSignatory[]) {
  const gap = 24;
  const width = (doc.page.width - 2 * MARGIN - gap) / 2;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  let column = 0;
  let top = doc.y;
  for (const signatory of signatories) {
    const role = [signatory.jobTitle, signatory.organisation].filter(Boolean).join(", ");
    const height =
      doc.font("bold").fontSize(10.5).heightOfString(signatory.name, { width }) +
      doc.font("regular").fontSize(10).heightOfString(role, { width }) +
      8;
    if (doc.y + height > bottom()) {
      if (column === 0) {
        column = 1;
        doc.y = top;
      } else {
        doc.addPage();
        column = 0;
        top = doc.y;
      }
    }
    const x = MARGIN + column * (width + gap);
    fallbackText(
      doc.fontSize(10.5).fillColor(colours.text),
      signatory.name,
      "bold",
      { width },
      { x, y: doc.y },
    );
    fallbackText(doc.fontSize(10).fillColor(colours.muted), role, "regular", { width }, { x, y: doc.y });
    doc.moveDown(0.45);
  }
  doc.fillColor(colours.text);
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

/** The letter as sent: heading, addressee, date, the text, the counts, then every signatory. */
export async function renderLetterPdf(content: LetterPdfContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    lang: "en-GB",
    displayTitle: true,
    info: {
      Title: content.title,
      Author: "Public Service Mutuals Network",
      Subject: `Open letter to ${content.addressee}`,
      Creator: "Mutual Voice",
      CreationDate: content.createdAt,
    },
  });
  const done = collect(doc);
  for (const face of ["regular", "bold", "italic", "boldItalic"] as const) setFont(doc, "latin", face);

  doc.font("regular").fontSize(10).fillColor(colours.muted).text("OPEN LETTER", { characterSpacing: 1.5 });
  doc.moveDown(0.3);
  fallbackText(doc.fontSize(20).fillColor(colours.text), content.title, "bold", { lineGap: 2 });
  doc.moveDown(0.6);
  doc.font("bold").fontSize(11).text("To: ", { continued: true });
  fallbackText(doc, content.addressee, "regular");
  doc.font("bold").text("Date: ", { continued: true }).font("regular").text(content.dateText);
  doc.moveDown(1.2);

  writeMarkdown(doc, content.bodyMarkdown);

  doc.moveDown(0.5);
  doc
    .font("bold")
    .fontSize(12)
    .fillColor(colours.text)
    .text(
      content.signatories.length
        ? `Signed by ${content.figuresText}:`
        : "This letter closed without signatures.",
      MARGIN,
      doc.y,
    );
  doc.moveDown(0.6);
  writeSignatories(doc, content.signatories);

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.height - MARGIN / 2 - 10;
    // Writing below the bottom margin would start a new page: lift it for the footer line.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    centredLine(
      doc.fontSize(8.5).fillColor(colours.muted),
      `${content.title} · page ${index + 1} of ${range.count}`,
      "regular",
      { x: MARGIN, y: bottom, width: doc.page.width - 2 * MARGIN },
    );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
