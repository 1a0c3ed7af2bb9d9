import { describe, expect, test } from "vitest";
import { asOwnBlock, demoteHeadings } from "~/utils/markdown-blocks.ts";

describe("inserting a position's text into an answer", () => {
  const position = "## Our position\n\nMutuals should recover VAT.\n\n### Why\n\nCosts.";

  test("goes in as its own paragraphs after what was typed, never joined to it", () => {
    const typed = "Yes.";
    const inserted = typed + asOwnBlock(typed, demoteHeadings(position, 3), "");
    expect(inserted).toBe("Yes.\n\n### Our position\n\nMutuals should recover VAT.\n\n#### Why\n\nCosts.");
    expect(asOwnBlock("Yes.\n", "Text", "\nMore")).toBe("\nText\n");
    expect(asOwnBlock("", "Text", "")).toBe("Text");
  });

  test("headings go beneath the question's, and code fences are left alone", () => {
    expect(demoteHeadings("# Top\n```\n# not a heading\n```\n## Next", 3)).toBe(
      "### Top\n```\n# not a heading\n```\n#### Next",
    );
    expect(demoteHeadings("#### Already low", 3)).toBe("#### Already low");
    expect(demoteHeadings("#hashtag is not a heading", 3)).toBe("#hashtag is not a heading");
  });
});
