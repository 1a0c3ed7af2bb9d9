import { describe, expect, test } from "vitest";
import { governmentInSentence } from "~/schemas/governments.ts";

describe("a government in a sentence", () => {
  test("national governments take 'the', local authorities 'a'", () => {
    expect(governmentInSentence("uk_government")).toBe("the UK Government");
    expect(governmentInSentence("northern_ireland_executive")).toBe("the Northern Ireland Executive");
    expect(governmentInSentence("local_authority_wales")).toBe("a local authority in Wales");
  });
});
