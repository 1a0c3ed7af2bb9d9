import { describe, expect, test } from "vitest";
import { ANSWER_LIMITS } from "~/schemas/surveys.ts";
import { answerableQuestion as question } from "./factories.ts";
import { characterCount, longerThan, maxFormBytes, parseAnswers } from "~/utils/survey-answer-checks.ts";
import type { AnswerValues } from "~/utils/survey-answers.ts";

const short = question(1, { kind: "short_text", settings: {} });
const long = question(2, { kind: "long_text", settings: {} });
const story = question(3, { kind: "case_study", settings: {} });
const choice = question(4, {
  kind: "multiple_choice",
  settings: { choices: [{ key: "energy", label: "Energy" }], allowOther: true },
});
const number = question(5, { kind: "number", settings: { min: null, max: null, unit: "" } });
const questions = [short, long, story, choice, number];

const parse = (values: AnswerValues) => parseAnswers(questions, values, "named");
const errorsOf = (values: AnswerValues) => {
  const result = parse(values);
  return result.ok ? {} : result.errors;
};

// An emoji is one character to a person, two UTF-16 code units to JavaScript's length.
const EMOJI = "😀";

describe("characterCount", () => {
  test("counts what a person sees: an emoji, an accented letter and a CRLF line break are one each", () => {
    expect(EMOJI.length).toBe(2);
    expect(characterCount(EMOJI)).toBe(1);
    expect(characterCount("café")).toBe(4);
    expect(characterCount("one\r\ntwo\nthree")).toBe(13);
    expect(characterCount("")).toBe(0);
    // A lone surrogate (broken text) still counts, once.
    expect(characterCount("a\ud800b")).toBe(3);
  });

  test("longerThan agrees with the count on either side of the limit", () => {
    for (const text of ["a".repeat(10), EMOJI.repeat(10), "a\r\n".repeat(5), "é".repeat(11)]) {
      expect(longerThan(text, 10)).toBe(characterCount(text) > 10);
    }
    expect(longerThan(EMOJI.repeat(11), 10)).toBe(true);
    expect(longerThan("a".repeat(21), 10)).toBe(true);
  });
});

describe("answer lengths", () => {
  test("each text field takes exactly its limit and refuses one character more, with a clear message", () => {
    const atLimit = {
      q1: "a".repeat(ANSWER_LIMITS.shortText),
      q2: "b".repeat(ANSWER_LIMITS.longText),
      "q3-title": "t".repeat(ANSWER_LIMITS.caseStudyTitle),
      q3: "s".repeat(ANSWER_LIMITS.caseStudyText),
      "q3-consent": "anonymous",
      q4: ["other"],
      "q4-other": "o".repeat(ANSWER_LIMITS.otherText),
    };
    const saved = parse(atLimit);
    expect(saved.ok).toBe(true);
    if (saved.ok) {
      expect(saved.answers.map((a) => a.questionId)).toEqual([1, 2, 3, 4]);
      expect(saved.answers.find((a) => a.questionId === 3)?.text).toHaveLength(ANSWER_LIMITS.caseStudyText);
    }

    expect(
      errorsOf({
        q1: "a".repeat(ANSWER_LIMITS.shortText + 1),
        q2: "b".repeat(ANSWER_LIMITS.longText + 1),
        "q3-title": "t".repeat(ANSWER_LIMITS.caseStudyTitle + 1),
        q3: "s".repeat(ANSWER_LIMITS.caseStudyText + 1),
        "q3-consent": "anonymous",
        q4: ["other"],
        "q4-other": "o".repeat(ANSWER_LIMITS.otherText + 1),
      }),
    ).toEqual({
      q1: "Your answer must be 500 characters or fewer",
      q2: "Your answer must be 10,000 characters or fewer",
      "q3-title": "The title must be 200 characters or fewer",
      q3: "Your story must be 20,000 characters or fewer",
      "q4-other-text": "Your other answer must be 500 characters or fewer",
    });
  });

  test("emoji count as one character each, so a limit's worth of them is accepted and one more is not", () => {
    expect(parse({ q1: EMOJI.repeat(ANSWER_LIMITS.shortText) }).ok).toBe(true);
    expect(errorsOf({ q1: EMOJI.repeat(ANSWER_LIMITS.shortText + 1) })).toEqual({
      q1: "Your answer must be 500 characters or fewer",
    });
    expect(parse({ q4: ["other"], "q4-other": "💷".repeat(ANSWER_LIMITS.otherText) }).ok).toBe(true);
  });

  test("a story typed to the limit with line breaks is accepted though the form sends them as CRLF", () => {
    // The browser's maxLength counts each line break once; the submitted text has two code units.
    const lines = `${"x".repeat(99)}\r\n`.repeat(ANSWER_LIMITS.caseStudyText / 100);
    expect(lines.length).toBeGreaterThan(ANSWER_LIMITS.caseStudyText);
    const result = parse({ "q3-title": "Lines", q3: lines.trim(), "q3-consent": "none" });
    expect(result.ok).toBe(true);
  });

  test("spaces around an answer do not count towards its limit", () => {
    expect(parse({ q1: `  ${"a".repeat(ANSWER_LIMITS.shortText)}\n ` }).ok).toBe(true);
  });

  test("a pasted 5 MB answer is refused with the same message", () => {
    expect(errorsOf({ q2: "b".repeat(5_000_000) })).toEqual({
      q2: "Your answer must be 10,000 characters or fewer",
    });
  });

  test("a box ticked twice in a crafted form is stored once", () => {
    const result = parse({ q4: ["energy", "energy", "energy"] });
    expect(result.ok && result.answers[0]?.choices).toEqual(["energy"]);
  });
});

describe("number answers", () => {
  test("up to 12 digits and 4 decimal places; beyond them, messages that say what to change", () => {
    expect(parse({ q5: "999,999,999,999.9999" }).ok).toBe(true);
    expect(parse({ q5: "0000000000001" }).ok).toBe(true);
    expect(errorsOf({ q5: "1,000,000,000,000" })).toEqual({
      q5: "Enter a number no more than 999,999,999,999",
    });
    expect(errorsOf({ q5: "-1000000000000" })).toEqual({
      q5: "Enter a number of at least -999,999,999,999",
    });
    expect(errorsOf({ q5: "1.23456" })).toEqual({ q5: "Enter a number with no more than 4 decimal places" });
    expect(errorsOf({ q5: "12 thousand" })).toEqual({ q5: "Enter a number, like 12 or 12.5" });
    expect(errorsOf({ q5: "9".repeat(1_000_000) })).toEqual({
      q5: "Enter a number no more than 999,999,999,999",
    });
  });
});

describe("maxFormBytes", () => {
  test("a page with every answer at its limit in four-byte characters fits; megabytes do not", () => {
    const widest = new URLSearchParams({
      version: "3",
      q1: "😀".repeat(ANSWER_LIMITS.shortText),
      q2: "😀".repeat(ANSWER_LIMITS.longText),
      "q3-title": "😀".repeat(ANSWER_LIMITS.caseStudyTitle),
      q3: "😀".repeat(ANSWER_LIMITS.caseStudyText),
      "q3-consent": "attributed",
      q4: "other",
      "q4-other": "😀".repeat(ANSWER_LIMITS.otherText),
      q5: "-999,999,999,999.9999",
    });
    widest.append("q4", "energy");
    const bytes = new TextEncoder().encode(widest.toString()).byteLength;
    expect(bytes).toBeLessThanOrEqual(maxFormBytes(questions));
    expect(maxFormBytes(questions)).toBeLessThan(1_000_000);
    expect(maxFormBytes([short])).toBeLessThan(100_000);
  });
});
