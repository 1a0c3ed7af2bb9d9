import { describe, expect, test } from "vitest";
import { splitQuestions } from "~/utils/question-split.ts";

describe("splitQuestions", () => {
  test("GOV.UK style: preamble, 'Question N:' labels, sub-parts and a numbered list kept inside", () => {
    const pasted = [
      "Consultation on VAT treatment of cost-sharing groups",
      "",
      "Please answer as many questions as you wish. Responses close on 12 February 2027.",
      "",
      "Question 1: Do you agree that the exemption should extend to public service mutuals?",
      "Yes / No / Don't know",
      "",
      "Question 2: What would the proposal cost your organisation?",
      "(a) in the first year",
      "(b) in each later year",
      "",
      "Question 3: Which of these options do you prefer?",
      "1. Option A: a full exemption",
      "2. Option B: a partial relief",
      "3. Option C: no change",
      "Question 4: Anything else?",
    ].join("\n");
    const result = splitQuestions(pasted);
    expect(result.preamble).toBe(
      "Consultation on VAT treatment of cost-sharing groups\n\nPlease answer as many questions as you wish. Responses close on 12 February 2027.",
    );
    expect(result.questions.map((q) => q.number)).toEqual(["1", "2", "3", "4"]);
    expect(result.questions[0]?.text).toBe(
      "Do you agree that the exemption should extend to public service mutuals?\nYes / No / Don't know",
    );
    expect(result.questions[1]?.text).toBe(
      "What would the proposal cost your organisation?\n(a) in the first year\n(b) in each later year",
    );
    expect(result.questions[2]?.text).toContain("3. Option C: no change");
    expect(result.questions[3]?.text).toBe("Anything else?");
  });

  test("Citizen Space style: 'Q1.' on its own line with the question below, and 'Q2a' parts", () => {
    const pasted =
      "Q1.\nShould the duty apply to mutuals?\n\nQ2a) How many staff?\nQ2b) How many volunteers?\r\nq3 - Other comments";
    const result = splitQuestions(pasted);
    expect(result.preamble).toBe("");
    expect(result.questions).toEqual([
      { number: "1", text: "Should the duty apply to mutuals?" },
      { number: "2a", text: "How many staff?" },
      { number: "2b", text: "How many volunteers?" },
      { number: "3", text: "Other comments" },
    ]);
  });

  test("plain numbers '1.' and '1)' with multi-line questions, tabs and non-breaking spaces from Word", () => {
    const pasted = [
      "Chapter 3: Procurement",
      "1.\tTo what extent do you agree with the proposed",
      "reserved contracts for mutuals?",
      "2.\u00a0Please give reasons.",
      "   3. What evidence can you share?",
    ].join("\n");
    const result = splitQuestions(pasted);
    expect(result.preamble).toBe("Chapter 3: Procurement");
    expect(result.questions).toEqual([
      { number: "1", text: "To what extent do you agree with the proposed\nreserved contracts for mutuals?" },
      { number: "2", text: "Please give reasons." },
      { number: "3", text: "What evidence can you share?" },
    ]);
  });

  test("a list restarting at 1 inside a numbered question stays with that question", () => {
    const pasted = "1. Which outcomes matter most?\n1) Cost\n2) Quality\n2. Why?";
    const result = splitQuestions(pasted);
    expect(result.questions).toEqual([
      { number: "1", text: "Which outcomes matter most?\n1) Cost\n2) Quality" },
      { number: "2", text: "Why?" },
    ]);
  });

  test("'1)' numbering", () => {
    expect(splitQuestions("1) One?\n2) Two?").questions).toEqual([
      { number: "1", text: "One?" },
      { number: "2", text: "Two?" },
    ]);
  });

  test("numbers with decimals or figures are not markers", () => {
    const pasted = "1. How much income?\n1.5 million pounds is typical\n2. Next";
    expect(splitQuestions(pasted).questions).toEqual([
      { number: "1", text: "How much income?\n1.5 million pounds is typical" },
      { number: "2", text: "Next" },
    ]);
  });

  test("'(1)' style and a numbering that starts past 1 (a later chapter)", () => {
    const pasted = "(12) First here\n(13) Second\n(ii) a part of the second";
    expect(splitQuestions(pasted).questions).toEqual([
      { number: "12", text: "First here" },
      { number: "13", text: "Second\n(ii) a part of the second" },
    ]);
  });

  test("text with no numbers becomes one question, so nothing pasted is lost", () => {
    expect(splitQuestions("  Tell us what you think.\n\n\n\nAnything at all.  ")).toEqual({
      preamble: "",
      questions: [{ number: null, text: "Tell us what you think.\n\nAnything at all." }],
    });
    expect(splitQuestions("  \n ")).toEqual({ preamble: "", questions: [] });
  });

  test("labels win over numbers when both appear", () => {
    const pasted = "Question 1 – Should we?\n1. because\n2. and because\nQuestion 2 — And then?";
    expect(splitQuestions(pasted).questions).toEqual([
      { number: "1", text: "Should we?\n1. because\n2. and because" },
      { number: "2", text: "And then?" },
    ]);
  });

  test("'Q3.' followed by '4.': the next number without its label is the next question", () => {
    const pasted = "Q3. Do you agree?\nPlease explain.\n4. What would it cost?\n5. Anything else?";
    expect(splitQuestions(pasted).questions).toEqual([
      { number: "3", text: "Do you agree?\nPlease explain." },
      { number: "4", text: "What would it cost?" },
      { number: "5", text: "Anything else?" },
    ]);
  });

  test("'Questions 1 to 5' in prose is not a label", () => {
    const pasted = "Questions 1 to 5 are about VAT.\nQ1 First?";
    const result = splitQuestions(pasted);
    expect(result.preamble).toBe("Questions 1 to 5 are about VAT.");
    expect(result.questions).toEqual([{ number: "1", text: "First?" }]);
  });

  test("an empty marker with no text after it is dropped", () => {
    expect(splitQuestions("1. First\n2.\n\n").questions).toEqual([{ number: "1", text: "First" }]);
  });
});
