import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from "docx";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { isSafeLink } from "~/utils/markdown.server.ts";
import {
  addressedTo,
  answerBlocks,
  citationNote,
  documentTitle,
  questionHeading,
  usable,
  type Block,
  type Segment,
  type SubmissionDocument,
} from "~/utils/submission-document.server.ts";

/**
 * The submission as a Word document, with the `docx` package: title, who answers and when, the
 * about-us paragraph, then each question and its answer. Every citation becomes a Word footnote
 * (one per place cited, as Word numbers them) giving the source, its n and its date. A citation
 * that cannot be used (missing, withdrawn) is left out: approval refuses those, so only a draft
 * export can meet one.
 */

const ORDERED = "answer-ordered";

const headingLevels = [
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];

class Footnotes {
  readonly notes: Record<string, { children: Paragraph[] }> = {};
  private next = 1;

  add(text: string): number {
    const id = this.next++;
    this.notes[String(id)] = { children: [new Paragraph({ children: [new TextRun(text)] })] };
    return id;
  }
}

function runs(segments: Segment[], doc: SubmissionDocument, footnotes: Footnotes): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  for (const segment of segments) {
    if (segment.kind === "break") {
      children.push(new TextRun({ text: "", break: 1 }));
      continue;
    }
    if (segment.kind === "citation") {
      const source = doc.citations.get(segment.evidenceId);
      if (usable(source)) children.push(new FootnoteReferenceRun(footnotes.add(citationNote(source))));
      continue;
    }
    const options = {
      text: segment.text,
      ...(segment.bold ? { bold: true } : {}),
      ...(segment.italic ? { italics: true } : {}),
      ...(segment.strike ? { strike: true } : {}),
      ...(segment.code ? { font: "Consolas" } : {}),
    };
    if (segment.href && isSafeLink(segment.href)) {
      children.push(
        new ExternalHyperlink({
          link: segment.href,
          children: [new TextRun({ ...options, style: "Hyperlink" })],
        }),
      );
    } else {
      children.push(new TextRun(options));
    }
  }
  return children;
}

function paragraphOf(block: Block, doc: SubmissionDocument, footnotes: Footnotes): Paragraph {
  const children = runs(block.segments, doc, footnotes);
  switch (block.kind) {
    case "heading":
      return new Paragraph({
        children,
        heading: headingLevels[Math.min(block.level - 2, 3)] ?? HeadingLevel.HEADING_6,
      });
    case "bullet":
      return new Paragraph({ children, bullet: { level: Math.min(block.level, 8) } });
    case "ordered":
      return new Paragraph({
        children,
        numbering: { reference: ORDERED, level: Math.min(block.level, 8), instance: block.list },
      });
    case "quote":
      return new Paragraph({ children, indent: { left: 720 }, style: "Quote" });
    default:
      return new Paragraph({ children });
  }
}

function plainParagraphs(text: string, options: { bold?: boolean } = {}): Paragraph[] {
  return text
    .split(/\n{2,}/)
    .filter((part) => part.trim() !== "")
    .map(
      (part) =>
        new Paragraph({
          children: part
            .split("\n")
            .map((line, index) => new TextRun({ text: line, bold: options.bold, break: index ? 1 : 0 })),
        }),
    );
}

/** Every page of a draft says so, large and pale like a watermark, until the submission is approved. */
const draftHeader = () =>
  new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: "DRAFT", bold: true, size: 72, color: "BFBFBF" })],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: "Not approved: do not send", color: "7F7F7F" })],
      }),
    ],
  });

function buildSubmissionDocx(doc: SubmissionDocument): Document {
  const footnotes = new Footnotes();
  const body: Paragraph[] = [
    ...(doc.draft
      ? [
          new Paragraph({
            children: [new TextRun({ text: "DRAFT: not approved", bold: true, color: "B10E1E" })],
          }),
        ]
      : []),
    new Paragraph({ text: documentTitle(doc), heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: addressedTo(doc), italics: true })] }),
    new Paragraph({ text: "About us", heading: HeadingLevel.HEADING_1 }),
    ...plainParagraphs(doc.aboutUs),
    new Paragraph({ text: "Our answers", heading: HeadingLevel.HEADING_1 }),
  ];
  doc.questions.forEach((question, index) => {
    body.push(new Paragraph({ text: questionHeading(question, index), heading: HeadingLevel.HEADING_2 }));
    body.push(...plainParagraphs(question.text, { bold: true }));
    const blocks = answerBlocks(question.answer, doc.government);
    if (!blocks.length)
      body.push(new Paragraph({ children: [new TextRun({ text: "No answer.", italics: true })] }));
    for (const block of blocks) body.push(paragraphOf(block, doc, footnotes));
  });
  return new Document({
    creator: doc.organisationName,
    title: documentTitle(doc),
    description: addressedTo(doc),
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    footnotes: footnotes.notes,
    sections: [{ children: body, ...(doc.draft ? { headers: { default: draftHeader() } } : {}) }],
  });
}

/**
 * The same document gives the same bytes, so the hash recorded when it was sent matches a copy
 * downloaded earlier. `docx` stamps the time of writing and gives hyperlinks random ids: the
 * stamps become the document's date, the ids numbers in order, and the zip is written again with
 * a fixed time on every entry.
 */
function deterministic(zip: Uint8Array, date: string): Buffer {
  const files = unzipSync(zip);
  const stamp = `${date}T00:00:00Z`;
  const core = files["docProps/core.xml"];
  if (core) {
    files["docProps/core.xml"] = strToU8(
      strFromU8(core).replace(
        /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        (_all, open: string, _name: string, close: string) => `${open}${stamp}${close}`,
      ),
    );
  }
  const relsName = "word/_rels/document.xml.rels";
  const rels = files[relsName];
  const body = files["word/document.xml"];
  if (rels && body) {
    const relsText = strFromU8(rels);
    const ids = new Map<string, string>();
    for (const match of relsText.matchAll(/Id="([^"]+)"[^>]*TargetMode="External"/g)) {
      if (match[1] && !ids.has(match[1])) ids.set(match[1], `rIdLink${ids.size + 1}`);
    }
    const renumber = (text: string) =>
      text.replace(/"([^"<>]+)"/g, (all, id: string) => {
        const renamed = ids.get(id);
        return renamed ? `"${renamed}"` : all;
      });
    files[relsName] = strToU8(renumber(relsText));
    files["word/document.xml"] = strToU8(renumber(strFromU8(body)));
  }
  const mtime = new Date(`${date}T12:00:00Z`);
  const entries: Zippable = {};
  for (const [name, data] of Object.entries(files)) entries[name] = [data, { mtime, level: 6 }];
  return Buffer.from(zipSync(entries));
}

export async function submissionDocx(doc: SubmissionDocument): Promise<Buffer> {
  return deterministic(await Packer.toBuffer(buildSubmissionDocx(doc)), doc.date);
}
