import { strFromU8, unzipSync } from "fflate";
import { describe, expect, onTestFinished, test, vi } from "vitest";
import {
  ORGANISATION_NAME,
  type SubmissionCitation,
  type SubmissionDocument,
} from "~/utils/submission-document.server.ts";
import { submissionDocx } from "~/utils/submission-docx.server.ts";
import { answerPlainText, submissionMarkdown } from "~/utils/submission-text.server.ts";

const citations = new Map<number, SubmissionCitation>([
  [
    7,
    {
      id: 7,
      problem: null,
      text: "Members paying VAT on shared services: 62%, 1 October 2026. Source: members' survey",
      url: "https://example.org/survey",
      n: 84,
      on: "2026-10-01",
    },
  ],
  [9, { id: 9, problem: null, text: "HMRC, “VAT notice 701/5”", url: null, n: null, on: "2025-04-01" }],
  [11, { id: 11, problem: "withdrawn", text: "A withdrawn figure", url: null, n: 3, on: null }],
]);

const doc: SubmissionDocument = {
  consultationTitle: "VAT treatment of cost-sharing groups",
  government: "scottish_government",
  organisationName: ORGANISATION_NAME,
  date: "2026-11-26",
  draft: false,
  aboutUs: "We represent 118 mutuals, 34,800 staff, £0.98bn of public services.",
  questions: [
    {
      number: "1",
      text: "Do you agree with the proposal?",
      answer: [
        "**Yes.** Most members pay VAT on shared services [@ev:7], as the *guidance* shows [@ev:9].",
        "",
        "- lower costs",
        "- more [investment](https://example.org/invest)",
        "",
        "::: england",
        "English-only paragraph.",
        ":::",
        "",
        "::: scotland",
        "Scottish-only paragraph [@ev:7].",
        ":::",
        "",
        "A figure that was withdrawn [@ev:11].",
      ].join("\n"),
    },
    { number: "2a", text: "Any other comments?", answer: "1. first\n2. second" },
    { number: null, text: "Unanswered question", answer: "" },
  ],
  citations,
};

function openDocx(bytes: Buffer) {
  const files = unzipSync(new Uint8Array(bytes));
  const read = (name: string) => {
    const file = files[name];
    if (!file) throw new Error(`${name} missing from the DOCX`);
    return strFromU8(file);
  };
  return { document: read("word/document.xml"), footnotes: read("word/footnotes.xml") };
}

/** The words of an XML part, without its markup, to search like a reader would. */
const words = (xml: string) =>
  xml
    .replace(/<[^>]+>/g, "")
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("submission DOCX", () => {
  test("holds the title, organisation, date, about us, questions, answers and footnotes", async () => {
    const bytes = await submissionDocx(doc);
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    const { document, footnotes } = openDocx(bytes);
    const text = words(document);
    expect(text).toContain("Response to: VAT treatment of cost-sharing groups");
    expect(text).toContain(
      "A response from the Public Service Mutuals Network to the Scottish Government, 26 November 2026",
    );
    expect(text).toContain("About us");
    expect(text).toContain("We represent 118 mutuals, 34,800 staff, £0.98bn of public services.");
    expect(text).toContain("Question 1");
    expect(text).toContain("Do you agree with the proposal?");
    expect(text).toContain("Question 2a");
    expect(text).toContain("Question 3");
    expect(text).toContain("No answer.");
    expect(text).toContain("Most members pay VAT on shared services");
    expect(text).toContain("Scottish-only paragraph");
    expect(text).not.toContain("English-only paragraph");
    expect(text).not.toContain("::: ");
    // Bold, italics, bullets, numbered list and a hyperlink survive as Word formatting.
    expect(document).toMatch(/<w:b\/>[^]*?Yes\./);
    expect(document).toMatch(/<w:i\/>[^]*?guidance/);
    expect(document).toContain("<w:numPr>");
    expect(document).toContain("<w:hyperlink");
    // Three usable citations (7, 9, 7 again); the withdrawn one is left out.
    expect(document.match(/<w:footnoteReference /g)).toHaveLength(3);
    const notes = words(footnotes);
    expect(notes).toContain(
      "Members paying VAT on shared services: 62%, 1 October 2026. Source: members' survey; n = 84.",
    );
    expect(notes).toContain("https://example.org/survey");
    expect(notes).toContain("HMRC, “VAT notice 701/5”; 1 April 2025.");
    expect(notes).not.toContain("withdrawn");
  });

  test("the same document gives the same bytes, whenever it is written", async () => {
    // Only the clock is faked: the writers' own timers and promises run as they do in production.
    vi.useFakeTimers({ toFake: ["Date"] });
    onTestFinished(() => void vi.useRealTimers());
    vi.setSystemTime(new Date("2026-11-26T09:00:00Z"));
    const first = await submissionDocx(doc);
    vi.setSystemTime(new Date("2027-03-01T17:45:30Z"));
    const second = await submissionDocx(doc);
    expect(second.equals(first)).toBe(true);
    const { document } = openDocx(second);
    expect(document).toContain('r:id="rIdLink1"');
    const changed = await submissionDocx({ ...doc, date: "2026-11-27" });
    expect(changed.equals(first)).toBe(false);
  });
});

describe("submission Markdown and plain text", () => {
  test("Markdown file: the government's variant with document-wide footnotes", () => {
    const markdown = submissionMarkdown(doc);
    expect(markdown).toContain("# Response to: VAT treatment of cost-sharing groups");
    expect(markdown).toContain("### Question 2a\n\n> Any other comments?\n\n1. first\n2. second");
    expect(markdown).toContain("shared services [^1], as the *guidance* shows [^2].");
    expect(markdown).toContain("Scottish-only paragraph [^1].");
    expect(markdown).not.toContain("English-only");
    expect(markdown).not.toContain("[@ev:");
    expect(markdown).toContain(
      "[^1]: Members paying VAT on shared services: 62%, 1 October 2026. Source: members' survey; n = 84. https://example.org/survey",
    );
    expect(markdown).toContain("_No answer._");
    expect(markdown).not.toContain("DRAFT");
    expect(submissionMarkdown({ ...doc, draft: true })).toMatch(
      /^\*\*DRAFT: not approved\.\*\* Do not send this copy\.\n\n# Response to: /,
    );
  });

  test("plain text for a form field: no markup, links spelled out, sources under the answer", () => {
    const text = answerPlainText(doc.questions[0]?.answer ?? "", doc);
    expect(text).toBe(
      [
        "Yes. Most members pay VAT on shared services [1], as the guidance shows [2].",
        "",
        "• lower costs",
        "• more investment (https://example.org/invest)",
        "",
        "Scottish-only paragraph [1].",
        "",
        "A figure that was withdrawn.",
        "",
        "Sources:",
        "[1] Members paying VAT on shared services: 62%, 1 October 2026. Source: members' survey; n = 84. https://example.org/survey",
        "[2] HMRC, “VAT notice 701/5”; 1 April 2025.",
      ].join("\n"),
    );
    expect(answerPlainText("1. first\n2. second\n   - nested", doc)).toBe("1. first\n2. second\n  • nested");
  });
});
