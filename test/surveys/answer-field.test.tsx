import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { AnswerField } from "~/components/surveys/answer-field.tsx";
import { ANSWER_LIMITS } from "~/schemas/surveys.ts";
import { answerableQuestion as question } from "./factories.ts";
import { parseAnswers } from "~/utils/survey-answer-checks.ts";
import type { AnswerableQuestion } from "~/utils/survey-answers.ts";
import { messagesFor } from "~/utils/i18n.ts";

const render = (q: AnswerableQuestion, values: Record<string, string | string[]> = {}) => {
  const parsed = parseAnswers([q], values, "named");
  return renderToStaticMarkup(
    <AnswerField
      question={q}
      values={values}
      errors={parsed.ok ? undefined : parsed.errors}
      anonymity="named"
    />,
  );
};

const ids = (html: string) => [...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);

describe("answer fields", () => {
  test("each text field tells the browser its limit", () => {
    expect(render(question(1, { kind: "short_text", settings: {} }))).toContain(
      `maxLength="${ANSWER_LIMITS.shortText}"`,
    );
    expect(render(question(2, { kind: "long_text", settings: {} }))).toContain(
      `maxLength="${ANSWER_LIMITS.longText}"`,
    );
    const story = render(question(3, { kind: "case_study", settings: {} }));
    expect(story).toContain(`maxLength="${ANSWER_LIMITS.caseStudyTitle}"`);
    expect(story).toContain(`maxLength="${ANSWER_LIMITS.caseStudyText}"`);
  });

  test("the “other” box has its own id, so its label and an error summary link reach it, not the Other checkbox", () => {
    for (const kind of ["single_choice", "multiple_choice"] as const) {
      const choice = question(4, {
        kind,
        settings: { choices: [{ key: "energy", label: "Energy" }], allowOther: true },
      });
      const values = { q4: "other", "q4-other": "x".repeat(ANSWER_LIMITS.otherText + 1) };
      const parsed = parseAnswers([choice], values, "named");
      const [key] = Object.keys(parsed.ok ? {} : parsed.errors);
      expect(key).toBe("q4-other-text");
      const html = render(choice, values);
      const all = ids(html);
      expect(new Set(all).size).toBe(all.length);
      expect(html).toMatch(
        new RegExp(`<label class="field__label" for="${key}">If other, please say</label>`),
      );
      expect(html).toMatch(new RegExp(`<input id="${key}" name="q4-other"[^>]*aria-invalid="true"`));
      expect(html).toContain("Your other answer must be 500 characters or fewer");
    }
  });
});

describe("a file question on a Welsh page", () => {
  test("says its hint, its optional mark and its remove box in Welsh, and its refusals too", () => {
    const t = messagesFor("cy");
    const html = renderToStaticMarkup(
      <AnswerField
        question={question(9, { kind: "file", settings: { maxMegabytes: 10 } })}
        values={{}}
        errors={undefined}
        anonymity="named"
        savedFileName="ffurflen.pdf"
        t={t}
      />,
    );
    expect(html).toContain("hyd at 10 MB.");
    expect(html).toContain("Dewiswch ffeil newydd dim ond i gymryd lle ffurflen.pdf.");
    expect(html).toContain("Tynnu&#x27;r ffeil a gadwyd, ffurflen.pdf");
    expect(html).not.toContain("up to");
    expect(t.fileProblem({ kind: "misnamed", extension: "pdf", label: "PNG" })).toBe(
      "Mae enw'r ffeil yn gorffen gyda .pdf ond ffeil PNG ydyw: ailenwch hi a rhowch gynnig arall arni",
    );
  });
});
