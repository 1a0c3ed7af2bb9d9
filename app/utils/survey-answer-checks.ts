import { withoutControlCharacters } from "~/schemas/messages-labels.ts";
import {
  ANSWER_LIMITS,
  NUMBER_ANSWER_DECIMALS,
  NUMBER_ANSWER_DIGITS,
  OTHER_CHOICE_KEY,
  type AnonymityMode,
} from "~/schemas/surveys-labels.ts";
import { consentSchema } from "~/schemas/surveys.ts";
import type { FieldErrors } from "~/utils/forms.ts";
import { messagesFor, type Messages } from "~/utils/i18n.ts";
import {
  consentFieldName,
  emptyAnswer,
  fieldName,
  otherFieldName,
  otherInputId,
  titleFieldName,
  type Answer,
  type AnswerableQuestion,
  type AnswerValues,
} from "~/utils/survey-answers.ts";

/**
 * What a page of answers may hold: each answer checked against its question and its limit, and
 * the largest form body such a page can need.
 */

/**
 * Control characters (a NUL PostgreSQL would refuse with a 500) are stripped, not refused: in a
 * member's pasted answer they are invisible strays, and asking them to find one would be unkind.
 */
const one = (value: string | string[] | undefined) =>
  typeof value === "string" ? withoutControlCharacters(value).trim() : "";
const many = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value : typeof value === "string" && value ? [value] : []).map(
    withoutControlCharacters,
  );

/**
 * Characters as a person counts them: an emoji or an accented letter is one, and so is a line
 * break, whether the browser sent it as CRLF (as forms do) or LF. These are Unicode code points.
 * The form's maxLength counts UTF-16 code units instead (an emoji is two), so a browser stops a
 * member at or before this count and whatever the form lets through is accepted here; the server
 * only ever refuses what a browser could not have sent. Not grapheme clusters (Intl.Segmenter):
 * one cluster can carry any number of combining marks, so counting them would bound nothing.
 */
export function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pair =
      (unit === 0x0d && text.charCodeAt(i + 1) === 0x0a) ||
      (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00);
    if (pair) i++;
    count++;
  }
  return count;
}

/** Whether text has more than `limit` characters, without walking a huge paste to the end. */
export function longerThan(text: string, limit: number): boolean {
  // Each character is one or two code units: the length alone settles most cases.
  if (text.length <= limit) return false;
  if (text.length > 2 * limit) return true;
  return characterCount(text) > limit;
}

const TEXT_LIMITS = { short_text: ANSWER_LIMITS.shortText, long_text: ANSWER_LIMITS.longText } as const;

/** Why a typed number (commas removed) cannot be stored, or null when it can. */
function numberError(raw: string, t: Messages): string | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(raw);
  if (!match) return t.enterNumber;
  const [, sign = "", whole = "", fraction = ""] = match;
  if (whole.replace(/^0+(?=\d)/, "").length > NUMBER_ANSWER_DIGITS) {
    const largest = (10 ** NUMBER_ANSWER_DIGITS - 1).toLocaleString("en-GB");
    return sign ? t.enterNumberAtLeast(`-${largest}`) : t.enterNumberAtMost(largest);
  }
  if (fraction.length > NUMBER_ANSWER_DECIMALS) {
    return t.enterNumberDecimals(NUMBER_ANSWER_DECIMALS);
  }
  return null;
}

/**
 * Checks a page's answers against its questions. Errors are keyed by the field to focus, so the
 * error summary links land on the right input; the values always come back as typed.
 */
export function parseAnswers(
  questions: readonly AnswerableQuestion[],
  values: AnswerValues,
  anonymity: AnonymityMode,
  t: Messages = messagesFor("en"),
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
          errors[name] = config.kind === "single_choice" ? t.selectOneOption : t.chooseFromList;
          continue;
        }
        const other = one(values[otherFieldName(question.id)]);
        if (keys.includes(OTHER_CHOICE_KEY) && !other) {
          errors[otherInputId(question.id)] = t.sayOther;
          continue;
        }
        if (longerThan(other, ANSWER_LIMITS.otherText)) {
          errors[otherInputId(question.id)] = t.tooLong("other", ANSWER_LIMITS.otherText);
          continue;
        }
        if (keys.length) {
          answered = true;
          // A box is ticked once however often a crafted form repeats it.
          answer.choices = [...new Set(keys)];
          answer.otherText = keys.includes(OTHER_CHOICE_KEY) ? other : null;
        }
        break;
      }
      case "scale": {
        const raw = one(values[name]);
        if (raw) {
          const value = Number(raw);
          if (!Number.isInteger(value) || value < config.settings.min || value > config.settings.max) {
            errors[name] = t.choosePoint(config.settings.min, config.settings.max);
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
          const error = numberError(raw, t);
          if (error) {
            errors[name] = error;
            continue;
          }
          const value = Number(raw);
          if (min !== null && value < min) {
            errors[name] = t.enterNumberAtLeast(`${min}${suffix}`);
            continue;
          }
          if (max !== null && value > max) {
            errors[name] = t.enterNumberAtMost(`${max}${suffix}`);
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
          errors[name] = t.chooseYesOrNo;
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
        const titleTooLong = longerThan(title, ANSWER_LIMITS.caseStudyTitle);
        const storyTooLong = longerThan(story, ANSWER_LIMITS.caseStudyText);
        if (titleTooLong) {
          errors[titleFieldName(question.id)] = t.tooLong("title", ANSWER_LIMITS.caseStudyTitle);
        }
        if (storyTooLong) errors[name] = t.tooLong("story", ANSWER_LIMITS.caseStudyText);
        if (titleTooLong || storyTooLong) continue;
        if (title || story) {
          if (!title) {
            errors[titleFieldName(question.id)] = t.giveStoryTitle;
            continue;
          }
          if (!story) {
            errors[name] = t.tellStory;
            continue;
          }
          const consent = consentSchema.safeParse(consentRaw);
          if (!consent.success || (anonymity === "anonymous" && consent.data === "attributed")) {
            errors[consentFieldName(question.id)] = t.sayWhetherPublish;
            continue;
          }
          answered = true;
          answer.title = title;
          answer.text = story;
          answer.consent = consent.data;
        }
        break;
      }
      case "file": {
        // Set by the action from the upload or the saved answer, never from the browser's typing.
        const raw = one(values[name]);
        if (/^\d{1,9}$/.test(raw)) {
          answered = true;
          answer.fileId = Number(raw);
        }
        break;
      }
      default: {
        const raw = one(values[name]);
        const limit = TEXT_LIMITS[config.kind];
        if (longerThan(raw, limit)) {
          errors[name] = t.tooLong("answer", limit);
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
      errors[target] = t.required(question.prompt);
      continue;
    }
    if (answered) answers.push(answer);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}

/** Room for a field's name, a choice key or a short value, percent-encoded, with slack. */
const FIELD_BYTES = 256;
/** The most a character can take in a form body: 4 UTF-8 bytes, each sent as "%XX". */
const BYTES_PER_CHARACTER = 12;

/** Room for fields without a limit (a number box takes any typing) and for what browsers add. */
const SLACK_BYTES = 64 * 1024;

/**
 * The largest form body a page of these questions can need when every answer is at its limit and
 * written in the widest characters, with room to spare: anything bigger did not come from the
 * page, so it is refused before it is read into memory.
 */
export function maxFormBytes(questions: readonly AnswerableQuestion[]): number {
  let bytes = SLACK_BYTES;
  for (const question of questions) {
    const config = question.config;
    bytes += 4 * FIELD_BYTES;
    switch (config.kind) {
      case "single_choice":
      case "multiple_choice":
        bytes += (config.settings.choices.length + 1) * FIELD_BYTES;
        bytes += ANSWER_LIMITS.otherText * BYTES_PER_CHARACTER;
        break;
      case "short_text":
        bytes += ANSWER_LIMITS.shortText * BYTES_PER_CHARACTER;
        break;
      case "long_text":
        bytes += ANSWER_LIMITS.longText * BYTES_PER_CHARACTER;
        break;
      case "case_study":
        bytes += (ANSWER_LIMITS.caseStudyTitle + ANSWER_LIMITS.caseStudyText) * BYTES_PER_CHARACTER;
        break;
      default:
        // A number, a scale point or yes or no: typed or chosen, a few characters.
        bytes += FIELD_BYTES;
    }
  }
  return bytes;
}
