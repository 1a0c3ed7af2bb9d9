import { describe, expect, test } from "vitest";
import type { QuestionSettings } from "~/schemas/surveys.ts";
import { emptyAnswer, type Answer } from "~/utils/survey-answers.ts";
import { answersNotSent, askedQuestions, conditionProblems, type Condition } from "./survey-conditions.ts";

const yesNo: QuestionSettings = { kind: "yes_no", settings: {} };
const text: QuestionSettings = { kind: "short_text", settings: {} };
const number: QuestionSettings = { kind: "number", settings: { min: null, max: null, unit: "" } };
const choice: QuestionSettings = {
  kind: "multiple_choice",
  settings: {
    choices: [
      { key: "it", label: "IT" },
      { key: "hr", label: "HR" },
    ],
    allowOther: false,
  },
};
const q = (id: number, config: QuestionSettings, condition: Condition | null = null) => ({
  id,
  prompt: `Q${id}`,
  config,
  condition,
});
const answer = (questionId: number, fields: Partial<Answer>): Answer => ({
  ...emptyAnswer(questionId),
  ...fields,
});

const survey = [
  {
    id: 1,
    title: "One",
    condition: null,
    questions: [
      q(1, yesNo),
      q(2, text, { questionId: 1, test: "yes" }),
      q(3, choice),
      q(4, text, { questionId: 3, test: "not_chosen", choice: "hr" }),
      q(5, number),
    ],
  },
  {
    id: 2,
    title: "Two",
    condition: { questionId: 5, test: "between", min: 10, max: 20 } satisfies Condition,
    questions: [q(6, text), q(7, text, { questionId: 1, test: "no" })],
  },
];

describe("askedQuestions", () => {
  test("a question is asked when its condition and its section's hold, on answers to asked questions only", () => {
    expect([...askedQuestions(survey, [])]).toEqual([1, 3, 5]);
    const answers = [answer(1, { yes: true }), answer(3, { choices: ["it"] }), answer(5, { number: "12.5" })];
    expect([...askedQuestions(survey, answers)]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([
      ...askedQuestions(survey, [answer(3, { choices: ["hr"] }), answer(5, { number: "21" })]),
    ]).toEqual([1, 3, 5]);
  });

  test("the check page names the earlier answer that stopped each saved answer", () => {
    const answers = [
      answer(1, { yes: false }),
      answer(2, { text: "kept" }),
      answer(5, { number: "3" }),
      answer(6, { text: "x" }),
    ];
    expect(answersNotSent(survey, answers, askedQuestions(survey, answers))).toEqual([
      "You changed “Q1”, so your answer to “Q2” will not be sent.",
      "You changed “Q5”, so your answer to “Q6” will not be sent.",
    ]);
  });
});

describe("conditionProblems", () => {
  test("a condition must be about an earlier question, of a testable kind, naming a choice it has", () => {
    expect(conditionProblems(survey)).toEqual([]);
    const broken = [
      {
        id: 1,
        title: "One",
        condition: { questionId: 2, test: "yes" } satisfies Condition,
        questions: [
          q(1, yesNo, { questionId: 1, test: "yes" }),
          q(2, yesNo),
          q(3, text, { questionId: 2, test: "between", min: 1, max: null }),
          q(4, choice),
          q(5, text, { questionId: 4, test: "chosen", choice: "gone" }),
        ],
      },
    ];
    expect(conditionProblems(broken)).toEqual([
      "The section “One” depends on a question that does not come before it: choose an earlier question",
      "The question “Q1” depends on a question that does not come before it: choose an earlier question",
      "The question “Q3” depends on “Q2”, whose answers cannot be tested that way",
      "The question “Q5” depends on a choice that “Q4” no longer has",
    ]);
  });
});
