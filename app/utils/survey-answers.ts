import { OTHER_CHOICE_KEY, type Consent } from "~/schemas/surveys-labels.ts";
import { type QuestionSettings } from "~/schemas/surveys.ts";
import { messagesFor, type Messages } from "./i18n.ts";

/** A question as the answering pages see it (client-safe: no database types). */
export interface AnswerableQuestion {
  id: number;
  prompt: string;
  helpText: string;
  required: boolean;
  config: QuestionSettings;
}

/** One answer in the shape of a survey_answers row; a question with no answer has no Answer. */
export interface Answer {
  questionId: number;
  choices: string[] | null;
  otherText: string | null;
  /** numeric as text, exactly as PostgreSQL returns it */
  number: string | null;
  yes: boolean | null;
  title: string | null;
  text: string | null;
  consent: Consent | null;
  /** A file question's answer: stored_files.id, and its name to show. */
  fileId: number | null;
  fileName: string | null;
}

/** What a page form holds: field name → text, or several texts for checkboxes. */
export type AnswerValues = Record<string, string | string[]>;

export const fieldName = (questionId: number) => `q${questionId}`;
export const otherFieldName = (questionId: number) => `q${questionId}-other`;
/**
 * The "other, please say" box's id, and the key of its errors so the summary links to it: the
 * "Other" checkbox or radio already has the id q1-other (option ids are name-value).
 */
export const otherInputId = (questionId: number) => `q${questionId}-other-text`;
export const titleFieldName = (questionId: number) => `q${questionId}-title`;
export const consentFieldName = (questionId: number) => `q${questionId}-consent`;

export const emptyAnswer = (questionId: number): Answer => ({
  questionId,
  choices: null,
  otherText: null,
  number: null,
  yes: null,
  title: null,
  text: null,
  consent: null,
  fileId: null,
  fileName: null,
});

/** The form values that show a saved answer again. */
export function valuesFromAnswers(
  questions: readonly AnswerableQuestion[],
  answers: readonly Answer[],
): AnswerValues {
  const values: AnswerValues = {};
  for (const question of questions) {
    const answer = answers.find((a) => a.questionId === question.id);
    if (!answer) continue;
    const name = fieldName(question.id);
    switch (question.config.kind) {
      case "single_choice":
        values[name] = answer.choices?.[0] ?? "";
        values[otherFieldName(question.id)] = answer.otherText ?? "";
        break;
      case "multiple_choice":
        values[name] = answer.choices ?? [];
        values[otherFieldName(question.id)] = answer.otherText ?? "";
        break;
      case "scale":
      case "number":
        values[name] = answer.number === null ? "" : String(Number(answer.number));
        break;
      case "yes_no":
        values[name] = answer.yes === null ? "" : answer.yes ? "yes" : "no";
        break;
      case "file":
        // Never sent back by the browser: the action sets it from what is saved or uploaded.
        values[name] = answer.fileId === null ? "" : String(answer.fileId);
        break;
      case "case_study":
        values[titleFieldName(question.id)] = answer.title ?? "";
        values[name] = answer.text ?? "";
        values[consentFieldName(question.id)] = answer.consent ?? "";
        break;
      default:
        values[name] = answer.text ?? "";
    }
  }
  return values;
}

/** Reads a page's fields from submitted form data, keeping checkbox groups as lists. */
export function answerValuesFrom(questions: readonly AnswerableQuestion[], formData: FormData): AnswerValues {
  const values: AnswerValues = {};
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  for (const question of questions) {
    const name = fieldName(question.id);
    if (question.config.kind === "multiple_choice") {
      values[name] = formData.getAll(name).filter((value): value is string => typeof value === "string");
    } else {
      values[name] = text(name);
    }
    values[otherFieldName(question.id)] = text(otherFieldName(question.id));
    values[titleFieldName(question.id)] = text(titleFieldName(question.id));
    values[consentFieldName(question.id)] = text(consentFieldName(question.id));
  }
  return values;
}

/**
 * An answer in words, for the check-your-answers page and the conflict view, in the page's language
 * (the question's labels are already in it: see sectionsIn).
 */
export function describeAnswer(
  question: AnswerableQuestion,
  answer: Answer | undefined,
  t: Messages = messagesFor("en"),
): string {
  if (!answer) return t.notAnswered;
  const config = question.config;
  switch (config.kind) {
    case "single_choice":
    case "multiple_choice": {
      const labels = (answer.choices ?? []).map((key) =>
        key === OTHER_CHOICE_KEY
          ? t.otherAnswer(answer.otherText ?? "")
          : (config.settings.choices.find((choice) => choice.key === key)?.label ?? key),
      );
      return labels.join("; ") || t.notAnswered;
    }
    case "scale":
      return answer.number === null ? t.notAnswered : t.outOf(Number(answer.number), config.settings.max);
    case "number":
      return answer.number === null ? t.notAnswered : withUnit(Number(answer.number), config.settings.unit);
    case "yes_no":
      return answer.yes === null ? t.notAnswered : answer.yes ? t.yes : t.no;
    case "file":
      return answer.fileName ?? t.notAnswered;
    case "case_study":
      return `${answer.title ?? ""}: ${answer.text ?? ""} (${answer.consent ? consentIn(t)[answer.consent] : ""})`;
    default:
      return answer.text ?? t.notAnswered;
  }
}

/** Required questions of these with no answer: what stops a submission. */
export function missingRequired(questions: readonly AnswerableQuestion[], answers: readonly Answer[]) {
  const answered = new Set(answers.map((answer) => answer.questionId));
  return questions.filter((question) => question.required && !answered.has(question.id));
}

/** "£1,200" for a currency sign, "12 staff" for a word. */
export function withUnit(value: number, unit: string): string {
  const number = value.toLocaleString("en-GB");
  if (!unit) return number;
  return /^[£$€]$/.test(unit) ? `${unit}${number}` : `${number} ${unit}`;
}

/** The consent choices of a case study, in the page's language. */
export const consentIn = (t: Messages): Record<Consent, string> => ({
  none: t.consentNone,
  anonymous: t.consentAnonymous,
  attributed: t.consentAttributed,
});
