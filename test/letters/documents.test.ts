import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { csvCell, neutraliseFormula, toCsv } from "~/utils/csv.ts";
import { describeFigures, figuresFrom, listInEnglish } from "~/utils/letter-figures.ts";
import { renderMarkdown } from "~/utils/markdown.server.ts";
import { renderLetterPdf } from "~/utils/letter-pdf.server.ts";
import { endOfLondonDay, isRealDate } from "~/utils/london-time.ts";

/** Every stream in a PDF, inflated where it is compressed: enough to read fonts and CMaps without a parser. */
function pdfStreams(pdf: Buffer): string[] {
  const streams: string[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf("stream\n", at);
    if (start < 0) return streams;
    const end = pdf.indexOf("\nendstream", start);
    if (end < 0) return streams;
    const body = pdf.subarray(start + "stream\n".length, end);
    try {
      streams.push(inflateSync(body).toString("latin1"));
    } catch {
      streams.push(body.toString("latin1"));
    }
    at = end + "\nendstream".length;
  }
}

describe("CSV", () => {
  test("cells a spreadsheet would run as formulas are kept as text", () => {
    for (const dangerous of ["=1+1", "+44 20", "-2", "@SUM(A1)", "\t=cmd", "\r=cmd"]) {
      expect(neutraliseFormula(dangerous)).toBe(`'${dangerous}`);
    }
    expect(neutraliseFormula("Siân Llŷr")).toBe("Siân Llŷr");
    expect(neutraliseFormula("Chief Executive - Health")).toBe("Chief Executive - Health");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(toCsv(["a", "1"], [["b", null]])).toBe("\uFEFFa,1\r\nb,\r\n");
  });
});

describe("figures", () => {
  test("lists only the nations represented, in order, in English", () => {
    expect(listInEnglish([])).toBe("");
    expect(listInEnglish(["England"])).toBe("England");
    expect(listInEnglish(["England", "Wales"])).toBe("England and Wales");
    expect(listInEnglish(["England", "Scotland", "Wales", "Northern Ireland"])).toBe(
      "England, Scotland, Wales and Northern Ireland",
    );
    const rows = [
      { nation: "wales", staffCount: 200 },
      { nation: "england", staffCount: 34_600 },
      { nation: "england", staffCount: 100 },
      { nation: null, staffCount: 10 },
    ];
    expect(figuresFrom(rows)).toEqual({ organisations: 4, staff: 34_910, nations: ["england", "wales"] });
    expect(describeFigures(figuresFrom(rows))).toBe(
      "4 mutuals employing 34,910 staff, across England and Wales",
    );
    expect(describeFigures(figuresFrom([{ nation: "northern_ireland", staffCount: 1 }]))).toBe(
      "1 mutual employing 1 member of staff, in Northern Ireland",
    );
    expect(
      describeFigures(
        figuresFrom(
          ["northern_ireland", "wales", "scotland", "england"].map((nation) => ({ nation, staffCount: 5 })),
        ),
      ),
    ).toBe("4 mutuals employing 20 staff, across England, Scotland, Wales and Northern Ireland");
  });
});

// Letters share the Markdown of positions and submissions (test/markdown.test.ts has the full set).
const renderLetterMarkdown = (source: string) => renderMarkdown(source).html;

describe("letter Markdown", () => {
  test("renders the usual formatting", () => {
    expect(renderLetterMarkdown("Dear **Chancellor**,\n\n- one\n- two")).toBe(
      "<p>Dear <strong>Chancellor</strong>,</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n",
    );
    expect(renderLetterMarkdown("[GOV.UK](https://www.gov.uk/)")).toBe(
      '<p><a href="https://www.gov.uk/">GOV.UK</a></p>\n',
    );
    expect(renderLetterMarkdown("<mailto:policy@psmn.example>")).toContain(
      'href="mailto:policy@psmn.example"',
    );
  });

  test.each([
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](https://evil.example/track.png)",
    "<javascript:alert(1)>",
    '<svg onload="alert(1)">',
    '<iframe src="https://evil.example"></iframe>',
  ])("neutralises %s", (payload) => {
    const html = renderLetterMarkdown(payload);
    expect(html).not.toMatch(/<(script|img|svg|iframe)/i);
    expect(html).not.toMatch(/href="(?!https?:|mailto:)/i);
    expect(html).not.toMatch(/javascript:alert\(1\)"/i);
    expect(html).not.toMatch(/<[a-z]+[^>]*\son\w+=/i);
  });
});

describe("PDF", () => {
  test("embeds DejaVu and maps Welsh and Irish letters to their Unicode characters", async () => {
    const pdf = await renderLetterPdf({
      title: "Llythyr agored",
      addressee: "Prif Weinidog Cymru",
      bodyMarkdown: "Annwyl Brif Weinidog,\n\nMae **Siân Llŷr** yn llofnodi.",
      dateText: "30 November 2026",
      figuresText: "2 mutuals employing 300 staff, across Wales and Northern Ireland",
      signatories: [
        { name: "Siân Llŷr", jobTitle: "Prif Weithredwr", organisation: "Gofal Cymunedol Caerdydd CIC" },
        { name: "Seán Ó Súilleabháin", jobTitle: null, organisation: "Béal Feirste Leisure" },
      ],
      createdAt: new Date("2026-11-30T12:00:00Z"),
    });
    const raw = pdf.toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toContain("/FontFile2");
    // The WinAnsi-only standard fonts could not show ŷ: none may be used.
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    const cmaps = pdfStreams(pdf).filter((stream) => stream.includes("begincmap"));
    const mapped = cmaps.join("\n").toLowerCase();
    for (const codePoint of ["0177", "00e2", "00e9", "00d3", "00fa"]) {
      expect(mapped, `U+${codePoint} in a ToUnicode map`).toContain(`<${codePoint}>`);
    }
  });
});

describe("PDF font fallback", () => {
  // Poppler's pdftotext reads the PDF as a reader's copy-and-paste would (.ci/run installs poppler-utils).
  function pdfText(pdf: Buffer): string {
    const dir = mkdtempSync(join(tmpdir(), "letter-pdf-"));
    try {
      writeFileSync(join(dir, "letter.pdf"), pdf);
      return execFileSync("pdftotext", ["-enc", "UTF-8", join(dir, "letter.pdf"), "-"], { encoding: "utf8" });
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "ENOENT") {
        throw new Error("pdftotext is not installed: `apt-get install -y poppler-utils` (see README.md)", {
          cause: error,
        });
      }
      throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test("Chinese, Japanese kana, Korean and emoji come through in subset fonts, and the file stays small", async () => {
    const pdf = await renderLetterPdf({
      title: "致财政大臣的公开信 🎉",
      addressee: "財務大臣 (ネットワーク)",
      bodyMarkdown:
        "Dear Chancellor,\n\nWe, **上海社区服务合作社** and *ありがとう* 👍🏽, sign. ✅ Siân Llŷr.\n\n- 你好，世界。\n- love ❤️ end",
      dateText: "30 November 2026",
      figuresText: "2 mutuals employing 300 staff",
      signatories: [
        { name: "王小明", jobTitle: "首席执行官", organisation: "上海社区服务 CIC" },
        { name: "Siân Llŷr 🌟", jobTitle: null, organisation: "Gofal Cymunedol Caerdydd CIC" },
        { name: "김민준", jobTitle: "대표", organisation: "서울 사회적협동조합" },
      ],
      createdAt: new Date("2026-11-30T12:00:00Z"),
    });
    const text = pdfText(pdf);
    for (const expected of [
      "致财政大臣的公开信 🎉",
      "財務大臣 (ネットワーク)",
      "上海社区服务合作社",
      "ありがとう",
      "👍",
      "✅",
      "Siân Llŷr",
      "你好，世界。",
      "❤",
      "王小明",
      "首席执行官, 上海社区服务 CIC",
      "🌟",
      "김민준",
      "대표, 서울 사회적협동조합",
    ]) {
      expect(text, expected).toContain(expected);
    }
    const raw = pdf.toString("latin1");
    // Each font is embedded as a subset (a six-letter tag before its name), never whole: the Chinese
    // font alone is 10 MB.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoEmoji-Regular\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansKR-Regular\b/);
    expect(pdf.length).toBeLessThan(80_000);
  });

  test("Thai and South Asian scripts come through, shaped, each in its own subset font", async () => {
    const names = {
      Thai: "สวัสดีครับ ประเทศไทย",
      Devanagari: "नमस्ते भारत",
      Bengali: "বাংলা ভাষা",
      Gurmukhi: "ਪੰਜਾਬ",
      Gujarati: "ગુજરાત",
      Tamil: "தமிழ்நாடு",
    };
    const pdf = await renderLetterPdf({
      title: "Open letter",
      addressee: "Chancellor",
      bodyMarkdown: `Dear Chancellor,\n\n${Object.values(names).join(", ")}.`,
      dateText: "30 November 2026",
      figuresText: "1 mutual employing 10 staff",
      signatories: [{ name: names.Devanagari, jobTitle: null, organisation: `${names.Gurmukhi} CIC` }],
      createdAt: new Date("2026-11-30T12:00:00Z"),
    });
    const text = pdfText(pdf);
    for (const [script, words] of Object.entries(names)) expect(text, script).toContain(words);
    const raw = pdf.toString("latin1");
    for (const script of Object.keys(names)) {
      const font = script === "Gurmukhi" ? "BalooPaaji2" : `NotoSans${script}`;
      expect(raw).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${font}-Regular\\b`));
    }
    expect(pdf.length).toBeLessThan(80_000);
  });

  test("a letter in Latin script alone embeds no other font", async () => {
    const pdf = await renderLetterPdf({
      title: "Open letter",
      addressee: "Chancellor",
      bodyMarkdown: "Dear Chancellor,\n\nSiân Llŷr signs — ™ ©.",
      dateText: "30 November 2026",
      figuresText: "1 mutual employing 10 staff",
      signatories: [],
      createdAt: new Date("2026-11-30T12:00:00Z"),
    });
    expect(pdf.toString("latin1")).not.toMatch(/NotoSans|NotoEmoji|BalooPaaji/);
    expect(pdfText(pdf)).toContain("Siân Llŷr signs — ™ ©.");
  });
});

describe("London dates", () => {
  test("validates calendar dates and ends a day at London midnight", () => {
    expect(isRealDate("2026-02-29")).toBe(false);
    expect(isRealDate("2028-02-29")).toBe(true);
    expect(isRealDate("30/11/2026")).toBe(false);
    expect(endOfLondonDay("2026-03-28").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(endOfLondonDay("2026-03-29").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(endOfLondonDay("2026-10-24").toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect(endOfLondonDay("2026-10-25").toISOString()).toBe("2026-10-26T00:00:00.000Z");
  });
});
