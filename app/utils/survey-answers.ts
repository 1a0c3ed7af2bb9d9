import {
  consentLabels,
  consentSchema,
  OTHER_CHOICE_KEY,
  type AnonymityMode,
  type Consent,
  type QuestionSettings,
} from "~/schemas/surveys.ts";
import type { FieldErrors } from "~/utils/forms.ts";

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
}

/** What a page form holds: field name → text, or several texts for checkboxes. */
export type AnswerValues = Record<string, string | string[]>;

export const fieldName = (questionId: number) => `q${questionId}`;
export const otherFieldName = (questionId: number) => `q${questionId}-other`;
export const titleFieldName = (questionId: number) => `q${questionId}-title`;
export const consentFieldName = (questionId: number) => `q${questionId}-consent`;

const emptyAnswer = (questionId: number): Answer => ({
  questionId,
  choices: null,
  otherText: null,
  number: null,
  yes: null,
  title: null,
  text: null,
  consent: null,
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

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value.trim() : "");
const many = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value : typeof value === "string" && value ? [value] : [];

const TEXT_LIMITS = { short_text: 500, long_text: 10_000, case_study: 20_000 } as const;

/**
 * Checks a page's answers against its questions. Errors are keyed by the field to focus, so the
 * error summary links land on the right input; the values always come back as typed.
 */
export function parseAnswers(
  questions: readonly AnswerableQuestion[],
  values: AnswerValues,
  anonymity: AnonymityMode,
): { ok: true; answers: Answer[] } | { ok: false; errors: FieldErrors } {
  const answers: Answer[] = [];
  const errors: FieldErrors = {};
  for (const question of questions) {
    const name = fieldName(question.id);
    const answer = emptyAnswer(question.id);
    const config = question.config;
    let answered = false;
    switch (config.kind) {
      case "single_choice":
      case "multiple_choice": {
        const keys =
          config.kind === "single_choice"
            ? one(values[name])
              ? [one(values[name])]
              : []
            : many(values[name]);
        const allowed = new Set(config.settings.choices.map((choice) => choice.key));
        if (config.settings.allowOther) allowed.add(OTHER_CHOICE_KEY);
        if (keys.some((key) => !allowed.has(key))) {
          errors[name] = "Choose from the list";
          continue;
        }
        const other = one(values[otherFieldName(question.id)]);
        if (keys.includes(OTHER_CHOICE_KEY) && !other) {
          errors[otherFieldName(question.id)] = "Say what your other answer is";
          continue;
        }
        if (other.length > 500) {
          errors[otherFieldName(question.id)] = "Your other answer must be 500 characters or fewer";
          continue;
        }
        if (keys.length) {
          answered = true;
          answer.choices = keys;
          answer.otherText = keys.includes(OTHER_CHOICE_KEY) ? other : null;
        }
        break;
      }
      case "scale": {
        const raw = one(values[name]);
        if (raw) {
          const value = Number(raw);
          if (!Number.isInteger(value) || value < config.settings.min || value > config.settings.max) {
            errors[name] = `Choose a point from ${config.settings.min} to ${config.settings.max}`;
            continue;
          }
          answered = true;
          answer.number = String(value);
        }
        break;
      }
      case "number": {
        const raw = one(values[name]).replace(/,/g, "");
        if (raw) {
          const { min, max, unit } = config.settings;
          const suffix = unit ? ` ${unit}` : "";
          if (!/^-?\d{1,12}(\.\d{1,4})?$/.test(raw)) {
            errors[name] = "Enter a number, like 12 or 12.5";
            continue;
          }
          const value = Number(raw);
          if (min !== null && value < min) {
            errors[name] = `Enter a number of at least ${min}${suffix}`;
            continue;
          }
          if (max !== null && value > max) {
            errors[name] = `Enter a number no more than ${max}${suffix}`;
            continue;
          }
          answered = true;
          answer.number = raw;
        }
        break;
      }
      case "yes_no": {
        const raw = one(values[name]);
        if (raw && raw !== "yes" && raw !== "no") {
          errors[name] = "Choose yes or no";
          continue;
        }
        if (raw) {
          answered = true;
          answer.yes = raw === "yes";
        }
        break;
      }
      case "case_study": {
        const title = one(values[titleFieldName(question.id)]);
        const story = one(values[name]);
        const consentRaw = one(values[consentFieldName(question.id)]);
        if (title.length > 200) {
          errors[titleFieldName(question.id)] = "The title must be 200 characters or fewer";
          continue;
        }
        if (story.length > TEXT_LIMITS.case_study) {
          errors[name] =
            `Your story must be ${TEXT_LIMITS.case_study.toLocaleString("en-GB")} characters or fewer`;
          continue;
        }
        if (title || story) {
          if (!title) {
            errors[titleFieldName(question.id)] = "Give your story a title";
            continue;
          }
          if (!story) {
            errors[name] = "Tell us your story";
            continue;
          }
          const consent = consentSchema.safeParse(consentRaw);
          if (!consent.success || (anonymity === "anonymous" && consent.data === "attributed")) {
            errors[consentFieldName(question.id)] = "Say whether we may publish your story";
            continue;
          }
          answered = true;
          answer.title = title;
          answer.text = story;
          answer.consent = consent.data;
        }
        break;
      }
      default: {
        const raw = one(values[name]);
        const limit = TEXT_LIMITS[config.kind];
        if (raw.length > limit) {
          errors[name] = `Your answer must be ${limit.toLocaleString("en-GB")} characters or fewer`;
          continue;
        }
        if (raw) {
          answered = true;
          answer.text = raw;
        }
      }
    }
    if (!answered && question.required) {
      const target = config.kind === "case_study" ? titleFieldName(question.id) : name;
      errors[target] = `Answer “${question.prompt}”: it is required`;
      continue;
    }
    if (answered) answers.push(answer);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}

/** An answer in words, for the check-your-answers page and the conflict view. */
export function describeAnswer(question: AnswerableQuestion, answer: Answer | undefined): string {
  if (!answer) return "Not answered";
  const config = question.config;
  switch (config.kind) {
    case "single_choice":
    case "multiple_choice": {
      const labels = (answer.choices ?? []).map((key) =>
        key === OTHER_CHOICE_KEY
          ? `Other: ${answer.otherText ?? ""}`
          : (config.settings.choices.find((choice) => choice.key === key)?.label ?? key),
      );
      return labels.join("; ") || "Not answered";
    }
    case "scale":
      return answer.number === null
        ? "Not answered"
        : `${Number(answer.number)} out of ${config.settings.max}`;
    case "number":
      return answer.number === null ? "Not answered" : withUnit(Number(answer.number), config.settings.unit);
    case "yes_no":
      return answer.yes === null ? "Not answered" : answer.yes ? "Yes" : "No";
    case "case_study":
      return `${answer.title ?? ""}: ${answer.text ?? ""} (${answer.consent ? consentLabels[answer.consent] : ""})`;
    default:
      return answer.text ?? "Not answered";
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
