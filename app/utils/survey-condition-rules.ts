// Split from survey-conditions.ts: what a page may need in the browser, without zod (see the javascript budget test).
import { type QuestionSettings } from "~/schemas/surveys.ts";
import { messagesFor } from "~/utils/i18n.ts";
import { type Answer } from "~/utils/survey-answers.ts";
import type { Condition, ConditionalQuestion, ConditionalSection } from "./survey-conditions.ts";

/** True when the earlier question's answer matches; an unanswered question matches nothing. */
export function conditionHolds(condition: Condition, answer: Answer | undefined): boolean {
  if (!answer) return false;
  switch (condition.test) {
    case "yes":
      return answer.yes === true;
    case "no":
      return answer.yes === false;
    case "chosen":
      return (answer.choices ?? []).includes(condition.choice);
    case "not_chosen":
      return answer.choices !== null && !answer.choices.includes(condition.choice);
    case "between": {
      if (answer.number === null) return false;
      const value = Number(answer.number);
      return (
        (condition.min === null || value >= condition.min) &&
        (condition.max === null || value <= condition.max)
      );
    }
  }
}

/**
 * The ids of the questions asked, given the answers, walking the survey in order: a question is
 * asked when its section is and both conditions hold, and a condition on a question that was not
 * asked never holds (so hiding a question hides what depends on it, and answers left over from
 * before a change count for nothing).
 */
export function askedQuestions<Q extends ConditionalQuestion>(
  sections: readonly ConditionalSection<Q>[],
  answers: readonly Answer[],
): Set<number> {
  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
  const asked = new Set<number>();
  const holds = (condition: Condition | null) =>
    condition === null ||
    (asked.has(condition.questionId) && conditionHolds(condition, byQuestion.get(condition.questionId)));
  for (const section of sections) {
    if (!holds(section.condition)) continue;
    for (const question of section.questions) if (holds(question.condition)) asked.add(question.id);
  }
  return asked;
}

/** True when some question of the section is asked (an empty section is never shown). */
export function sectionAsked(section: { questions: readonly { id: number }[] }, asked: ReadonlySet<number>) {
  return section.questions.some((question) => asked.has(question.id));
}

/** "“Do you pay VAT?” is Yes", for the builder and the check page. */
export function describeCondition(
  condition: Condition,
  source: Pick<ConditionalQuestion, "prompt" | "config"> | undefined,
): string {
  const prompt = source ? `“${source.prompt}”` : "an earlier question";
  switch (condition.test) {
    case "yes":
      return `${prompt} is answered Yes`;
    case "no":
      return `${prompt} is answered No`;
    case "chosen":
    case "not_chosen": {
      const config = source?.config;
      const label =
        config && (config.kind === "single_choice" || config.kind === "multiple_choice")
          ? (config.settings.choices.find((choice) => choice.key === condition.choice)?.label ??
            condition.choice)
          : condition.choice;
      return `${prompt} ${condition.test === "chosen" ? "has" : "does not have"} “${label}” picked`;
    }
    case "between": {
      if (condition.min !== null && condition.max !== null) {
        return `${prompt} is between ${condition.min} and ${condition.max}`;
      }
      if (condition.min !== null) return `${prompt} is at least ${condition.min}`;
      return `${prompt} is at most ${condition.max ?? ""}`;
    }
  }
}

/** Which tests a question of this kind can be the subject of; none for text, file and case study. */
export function testsFor(config: QuestionSettings): Condition["test"][] {
  switch (config.kind) {
    case "yes_no":
      return ["yes", "no"];
    case "single_choice":
    case "multiple_choice":
      return ["chosen", "not_chosen"];
    case "scale":
    case "number":
      return ["between"];
    default:
      return [];
  }
}

/**
 * What is wrong with the conditions of a survey laid out like this, one message per problem: a
 * condition must be about an earlier question (a section's, about a question in an earlier
 * section), of a kind that can be tested, and name one of its choices. Order alone rules out loops.
 */
export function conditionProblems<Q extends ConditionalQuestion>(
  sections: readonly ConditionalSection<Q>[],
): string[] {
  const problems: string[] = [];
  const seen = new Map<number, ConditionalQuestion>();
  const check = (
    condition: Condition,
    what: string,
    earlierOnly: ReadonlyMap<number, ConditionalQuestion>,
  ) => {
    const source = earlierOnly.get(condition.questionId);
    if (!source) {
      problems.push(`${what} depends on a question that does not come before it: choose an earlier question`);
      return;
    }
    if (!testsFor(source.config).includes(condition.test)) {
      problems.push(`${what} depends on “${source.prompt}”, whose answers cannot be tested that way`);
      return;
    }
    if (
      (condition.test === "chosen" || condition.test === "not_chosen") &&
      (source.config.kind === "single_choice" || source.config.kind === "multiple_choice") &&
      !source.config.settings.choices.some((choice) => choice.key === condition.choice)
    ) {
      problems.push(`${what} depends on a choice that “${source.prompt}” no longer has`);
    }
  };
  for (const section of sections) {
    if (section.condition) check(section.condition, `The section “${section.title}”`, new Map(seen));
    for (const question of section.questions) {
      if (question.condition) check(question.condition, `The question “${question.prompt}”`, seen);
      seen.set(question.id, question);
    }
  }
  return problems;
}

/**
 * The "Show only when" list: every test of every question offered, as "12:yes", "12:chosen:key",
 * "12:between" (with the range typed beside it), so the builder works without JavaScript.
 */
export function conditionOptions(
  sources: readonly { id: number; prompt: string; config: QuestionSettings }[],
): { value: string; label: string }[] {
  const options: { value: string; label: string }[] = [];
  for (const source of sources) {
    const prompt = source.prompt.length > 80 ? `${source.prompt.slice(0, 79)}…` : source.prompt;
    const config = source.config;
    switch (config.kind) {
      case "yes_no":
        options.push({ value: `${source.id}:yes`, label: `“${prompt}” is Yes` });
        options.push({ value: `${source.id}:no`, label: `“${prompt}” is No` });
        break;
      case "single_choice":
      case "multiple_choice":
        for (const choice of config.settings.choices) {
          options.push({
            value: `${source.id}:chosen:${choice.key}`,
            label: `“${prompt}”: ${choice.label} picked`,
          });
          options.push({
            value: `${source.id}:not_chosen:${choice.key}`,
            label: `“${prompt}”: ${choice.label} not picked`,
          });
        }
        break;
      case "scale":
      case "number":
        options.push({ value: `${source.id}:between`, label: `“${prompt}” is in the range below` });
        break;
      default:
        break;
    }
  }
  return options;
}

/**
 * "You changed “Do you pay VAT?”, so your answer to “How much?” will not be sent": one line for each
 * saved answer to a question no longer asked, naming the earliest answer that stopped it.
 */
export function answersNotSent<Q extends ConditionalQuestion>(
  sections: readonly ConditionalSection<Q>[],
  answers: readonly Answer[],
  asked: ReadonlySet<number>,
  say: (cause: string | null, prompt: string) => string = messagesFor("en").notSentLine,
): string[] {
  const questions = new Map(sections.flatMap((section) => section.questions).map((q) => [q.id, q]));
  const sectionOf = new Map(
    sections.flatMap((section) => section.questions.map((q) => [q.id, section] as const)),
  );
  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
  const holdsNow = (condition: Condition) =>
    asked.has(condition.questionId) && conditionHolds(condition, byQuestion.get(condition.questionId));
  const cause = (question: Q): string | null => {
    const section = sectionOf.get(question.id);
    const failing =
      section?.condition && !holdsNow(section.condition) ? section.condition : question.condition;
    const source = failing ? questions.get(failing.questionId) : undefined;
    if (!source) return null;
    // A chain: if the source was not asked either, the cause is further back.
    return asked.has(source.id) ? source.prompt : cause(source);
  };
  return answers
    .filter((answer) => !asked.has(answer.questionId))
    .flatMap((answer) => {
      const question = questions.get(answer.questionId);
      return question ? [say(cause(question), question.prompt)] : [];
    });
}
