import { describe, expect, test } from "vitest";
import { governments } from "~/schemas/governments.ts";
import { wordDiff } from "~/utils/diff.ts";
import {
  isSafeLink,
  parseMarkdown,
  renderMarkdown,
  variantMarkdown,
  type CitationSource,
} from "~/utils/markdown.server.ts";

const xssPayloads = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  '<img src=x onerror="alert(1)">',
  "<svg/onload=alert(1)>",
  '<a href="javascript:alert(1)">raw html link</a>',
  "<iframe src=javascript:alert(1)></iframe>",
  "<style>body{display:none}</style>",
  '<div style="background:url(javascript:alert(1))">styled</div>',
  "[link](javascript:alert(1))",
  "[link](JaVaScRiPt:alert(1))",
  "[link](java\tscript:alert(1))",
  "[link]( javascript:alert(1))",
  "[link](&#106;avascript:alert(1))",
  "[link](&#x6A;&#x61;vascript:alert(1))",
  "[link](javascript&colon;alert(1))",
  "[link](vbscript:msgbox(1))",
  "[link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[link](DATA:text/html,<script>alert(1)</script>)",
  "[link](file:///etc/passwd)",
  "[link](//evil.example/phish)",
  "[link](/\\evil.example)",
  '[link](https://ok.example "title" onmouseover="alert(1)")',
  "![img](javascript:alert(1))",
  "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  '![img](https://evil.example/x.png" onerror="alert(1))',
  "<javascript:alert(1)>",
  "<vbscript:alert(1)>",
  "<data:text/html,alert(1)>",
  "[ref]\n\n[ref]: javascript:alert(1)",
  "[ref]\n\n[ref]: data:text/html,alert(1)",
  "<a href='https://ok.example' onclick='alert(1)'>x</a>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "```html\n<script>alert(1)</script>\n```",
  "`<img src=x onerror=alert(1)>`",
  "::: scotland\n<script>alert(1)</script>\n:::",
  "[@ev:1]<script>alert(1)</script>",
];

// Escaped text cannot contain "<", so any "<" in the output is markup: these look only inside tags.
const dangerous = [
  /<(script|iframe|svg|img|style|object|embed|form|input|meta|link|base)\b/i,
  /<[^>]*\son\w+\s*=/i,
  /<[^>]*\sstyle\s*=/i,
  /<[^>]*\s(src|srcset|action|formaction)\s*=/i,
  /<a\b[^>]*\shref="(?!https?:\/\/|mailto:|\/(?![/\\])|#)/i,
];

describe("Markdown is rendered safely", () => {
  test.each(xssPayloads)("%s never reaches the page as markup", (payload) => {
    for (const government of ["all", ...governments] as const) {
      const { html } = renderMarkdown(payload, new Map(), { government, mode: "editor" });
      for (const pattern of dangerous) expect(html, `${pattern} in ${html}`).not.toMatch(pattern);
    }
  });

  test("escaped text stays visible as text", () => {
    const { html } = renderMarkdown("Use <b>bold</b> & `<i>`");
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt; &amp;");
    expect(html).toContain("<code>&lt;i&gt;</code>");
  });

  test("web, mail and same-site links work; everything else is refused", () => {
    const { html } = renderMarkdown(
      "[a](https://www.gov.uk/x?y=1) [b](mailto:policy@psmn.example) [c](/positions/vat) [d](#sources) https://ons.gov.uk/z",
    );
    expect(html).toContain('<a href="https://www.gov.uk/x?y=1">a</a>');
    expect(html).toContain('<a href="mailto:policy@psmn.example">b</a>');
    expect(html).toContain('<a href="/positions/vat">c</a>');
    expect(html).toContain('<a href="#sources">d</a>');
    expect(html).toContain('<a href="https://ons.gov.uk/z">https://ons.gov.uk/z</a>');
    for (const bad of [
      "javascript:x",
      " JAVASCRIPT:x",
      "java\nscript:x",
      "data:x",
      "vbscript:x",
      "//x.example",
      "ftp://x",
    ])
      expect(isSafeLink(bad), bad).toBe(false);
  });

  test("the text's top heading becomes h2, below the page title, and the rest keep their steps", () => {
    expect(renderMarkdown("## One\n\n### Two").html).toMatch(/<h2>One<\/h2>\s*<h3>Two<\/h3>/);
    expect(renderMarkdown("# One\n\n## Two\n\n###### Six").html).toMatch(
      /<h2>One<\/h2>\s*<h3>Two<\/h3>\s*<h6>Six<\/h6>/,
    );
  });
});

const mixed = `Intro for everyone.

::: england
English councils commission through the Procurement Act 2023.
:::

::: scotland
Scottish councils follow the Procurement Reform (Scotland) Act 2014.
:::

::: wales
Welsh councils follow the Procurement (Wales) Act 2024.
:::

::: northern-ireland
Northern Ireland departments follow their own guidance.
:::

::: uk
VAT is reserved to Westminster.
:::

Closing words.`;

describe("one text, four governments", () => {
  const textOf = (government: (typeof governments)[number]) =>
    renderMarkdown(mixed, new Map(), { government }).html;

  test("each government reads the UK-wide text and its own nation's blocks, unfenced", () => {
    const uk = textOf("uk_government");
    expect(uk).toContain("Intro for everyone.");
    expect(uk).toContain("Procurement Act 2023");
    expect(uk).toContain("VAT is reserved");
    expect(uk).toContain("Closing words.");
    expect(uk).not.toMatch(/Scotland\) Act|Wales\) Act|Northern Ireland departments/);
    expect(uk).not.toContain("nation-block");

    const scotland = textOf("scottish_government");
    expect(scotland).toContain("Procurement Reform (Scotland) Act 2014");
    expect(scotland).not.toMatch(/Procurement Act 2023|Wales\) Act|Northern Ireland departments/);
    expect(textOf("welsh_government")).toContain("Procurement (Wales) Act 2024");
    expect(textOf("northern_ireland_executive")).toContain("Northern Ireland departments");
    expect(textOf("northern_ireland_executive")).not.toContain("Procurement Act 2023");
  });

  test("a local authority reads its nation's blocks", () => {
    expect(textOf("local_authority_wales")).toContain("Procurement (Wales) Act 2024");
    expect(textOf("local_authority_wales")).not.toContain("Scotland) Act");
    expect(textOf("local_authority_england")).toContain("Procurement Act 2023");
  });

  test("the editor's view shows every block, labelled", () => {
    const all = renderMarkdown(mixed).html;
    expect(all).toContain('<p class="nation-block__label">Scotland only</p>');
    expect(all).toContain('<p class="nation-block__label">Northern Ireland only</p>');
    expect(all).toContain('<p class="nation-block__label">UK-wide</p>');
    expect(all).toContain("Procurement (Wales) Act 2024");
  });

  test("the Markdown of a variant drops other nations' blocks and the fences, and two variants diff", () => {
    const scotland = variantMarkdown(mixed, "scottish_government");
    expect(scotland).toBe(
      "Intro for everyone.\n\nScottish councils follow the Procurement Reform (Scotland) Act 2014.\n\nVAT is reserved to Westminster.\n\nClosing words.",
    );
    const diff = wordDiff(variantMarkdown(mixed, "uk_government"), scotland);
    const joined = (kind: string) =>
      diff.parts
        .filter((part) => part.kind === kind)
        .map((part) => part.text)
        .join(" ");
    expect(joined("removed")).toMatch(/English.*2023/);
    expect(joined("added")).toMatch(/Scottish.*Reform.*2014/);
    expect(
      diff.parts
        .filter((part) => part.kind === "same")
        .map((part) => part.text)
        .join(""),
    ).toContain("VAT is reserved");
  });

  test("fences inside code and unknown or unclosed blocks are reported, not guessed", () => {
    const { problems } = parseMarkdown(
      "```\n::: nowhere\n```\n\n::: cornwall\nx\n:::\n\n::: wales\nnever closed",
    );
    expect(problems.map((problem) => problem.kind)).toEqual(["unknown_block", "unclosed_block"]);
    expect(problems[0]?.line).toBe(5);
    expect(problems[1]?.message).toContain("Line 9");
  });
});

describe("citations", () => {
  const evidence = new Map<number, CitationSource>([
    [7, { id: 7, problem: null, text: "Members' survey: 62% pay irrecoverable VAT", url: null, n: 312 }],
    [
      8,
      {
        id: 8,
        problem: null,
        text: 'HMRC, "VAT cost sharing exemption"',
        url: "https://www.gov.uk/guidance/vat-cost-sharing",
        n: null,
      },
    ],
    [9, { id: 9, problem: "withdrawn", text: "Old figure", url: null, n: 10 }],
  ]);

  test("the Sources list is not a landmark, so one per answer does not repeat a landmark's name", () => {
    const { html } = renderMarkdown("A [@ev:8][@ev:7].", evidence);
    expect(html).toContain('<div class="footnotes">');
    expect(html).not.toMatch(/<section[^>]*footnotes|aria-labelledby="[^"]*sources-title"/);
  });

  test("are numbered by first appearance, with footnotes giving the source, n and a link back", () => {
    const { html, footnotes, problems } = renderMarkdown("A [@ev:8]. B [@ev:7]. C [@ev:8].", evidence);
    expect(problems).toEqual([]);
    expect(footnotes.map((note) => [note.number, note.evidenceId, note.refs.length])).toEqual([
      [1, 8, 2],
      [2, 7, 1],
    ]);
    expect(html).toContain(
      '<a href="#fn-1" id="cite-1-1"><span class="visually-hidden">Source </span>[1]</a>',
    );
    expect(html).toContain('<a href="#fn-1" id="cite-1-2">');
    expect(html).toContain('<li id="fn-2">Members\' survey: 62% pay irrecoverable VAT (n = 312).');
    expect(html).toContain('<a href="https://www.gov.uk/guidance/vat-cost-sharing">');
    expect(html).toContain('href="#cite-1-2" class="footnote-back"');
  });

  test("a missing or withdrawn item is flagged in the editor and left out when published, never a broken link", () => {
    const editor = renderMarkdown("X [@ev:9] and [@ev:404].", evidence, { mode: "editor" });
    expect(editor.html).toContain('<mark class="citation-problem">[evidence 9: withdrawn]</mark>');
    expect(editor.html).toContain('<mark class="citation-problem">[evidence 404: not found]</mark>');
    expect(editor.problems.map((problem) => problem.kind)).toEqual([
      "withdrawn_evidence",
      "missing_evidence",
    ]);
    expect(editor.footnotes).toEqual([]);
    const published = renderMarkdown("X [@ev:9] and [@ev:404].", evidence);
    expect(published.html).not.toContain("href");
    expect(published.html).not.toContain("evidence 9");
    expect(published.html).toContain("<p>X  and .</p>");
  });

  test("citations in a block another government does not read are not numbered for it", () => {
    const source = "A [@ev:8].\n\n::: wales\nW [@ev:7].\n:::\n";
    expect(parseMarkdown(source, { government: "scottish_government" }).citedIds).toEqual([8]);
    expect(renderMarkdown(source, evidence, { government: "welsh_government" }).footnotes).toHaveLength(2);
    expect(parseMarkdown("`[@ev:8]` and [@ev:x]").citedIds).toEqual([]);
  });

  test("an id prefix keeps two renders on one page apart", () => {
    const { html } = renderMarkdown("A [@ev:8].", evidence, { idPrefix: "v2-" });
    expect(html).toContain('href="#v2-fn-1" id="v2-cite-1-1"');
    expect(html).toContain('id="v2-fn-1"');
  });
});

describe("word diffs", () => {
  test("mark added and removed words and count them", () => {
    const diff = wordDiff("The quick brown fox", "The slow brown fox jumps");
    expect(diff.parts).toEqual([
      { kind: "same", text: "The " },
      { kind: "removed", text: "quick" },
      { kind: "added", text: "slow" },
      { kind: "same", text: " brown fox " },
      { kind: "added", text: "jumps" },
    ]);
    expect([diff.addedWords, diff.removedWords]).toEqual([2, 1]);
  });

  test("stay word-level inside a changed paragraph of a long text, leaving other paragraphs whole", () => {
    const before = "First paragraph stays.\n\nSecond has an old word here.\n\nThird stays too.";
    const after =
      "First paragraph stays.\n\nSecond has a new word here.\n\nThird stays too.\n\nFourth is new.";
    const diff = wordDiff(before, after);
    expect(diff.parts.filter((part) => part.kind === "removed").map((part) => part.text)).toEqual(["an old"]);
    expect(diff.parts.filter((part) => part.kind === "added").map((part) => part.text.trim())).toEqual([
      "a new",
      "Fourth is new.",
    ]);
    expect(diff.parts.map((part) => part.text).join("")).toContain("Third stays too.");
  });
});
