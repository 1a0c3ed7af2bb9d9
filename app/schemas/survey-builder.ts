import { z } from "zod";
import { campaignChoice } from "./campaign-choice.ts";
import { idField } from "./ids.ts";
import { nations, serviceAreas } from "~/schemas/directory.ts";
import { optionalText, requiredText, say } from "~/schemas/messages.ts";
import type { Condition } from "~/utils/survey-conditions.ts";
import { MAX_FILE_MEGABYTES } from "~/schemas/files.ts";
import {
  anonymityModes,
  OTHER_CHOICE_KEY,
  questionKinds,
  sizeBands,
  surveyModes,
} from "~/schemas/surveys.ts";
import { DEFAULT_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD } from "~/utils/disclosure-threshold.ts";
import { datePartNames, withJoinedDates } from "~/utils/date-parts.ts";
import { isRealDate } from "~/utils/london-time.ts";

/** The builder's forms: a survey's settings, its sections and its questions. */

/** Text that may be left empty, kept as "" (the columns are not null). */
const textOrEmpty = (what: string, max: number) => optionalText(what, max).transform((value) => value ?? "");

const optionalDate = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || isRealDate(value), message);

/** "Enter the threshold as a whole number, like 5" */
const wholeNumber = (what: string, example?: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine(
      (value) => value === null || /^-?\d{1,6}$/.test(value),
      say.enter(`${what} as a whole number${example === undefined ? "" : `, like ${example}`}`),
    )
    .transform((value) => (value === null ? null : Number(value)));

/** The survey's settings; the route passes checkbox groups as arrays (formData.getAll). */
const surveySettingsFields = z.object({
  title: requiredText("a title", 200),
  introduction: textOrEmpty("the introduction", 5000),
  mode: z.enum(surveyModes, { error: say.choose("who answers") }),
  anonymity: z.enum(anonymityModes, { error: say.choose("how answers are identified") }),
  nations: z.array(z.enum(nations, { error: say.choose("nations from the list") })).default([]),
  serviceAreas: z
    .array(z.enum(serviceAreas, { error: say.choose("service areas from the list") }))
    .default([]),
  sizeBands: z.array(z.enum(sizeBands, { error: say.choose("sizes from the list") })).default([]),
  // The consultation form's words: the date input takes day, month and year boxes.
  opensOn: optionalDate(`${say.enter("the opening date")} as a real date, for example 31 1 2027`),
  closesOn: optionalDate(`${say.enter("the closing date")} as a real date, for example 31 1 2027`),
  disclosureThreshold: wholeNumber("the threshold", 5)
    .transform((value) => value ?? DEFAULT_DISCLOSURE_THRESHOLD)
    .refine(
      (value) => value >= MIN_DISCLOSURE_THRESHOLD,
      `The threshold must be at least ${MIN_DISCLOSURE_THRESHOLD}, so no small group can be identified`,
    )
    .refine((value) => value <= 1000, say.tooLarge("the threshold", 1000)),
  reminderDaysBefore: wholeNumber("the number of days", 3).refine(
    (value) => value === null || (value >= 1 && value <= 60),
    "Send the reminder between 1 and 60 days before closing, or leave it empty for none",
  ),
});

/** The rules across fields, shared by the new survey form and the settings form. */
function settingsRules(
  value: Pick<z.output<typeof surveySettingsFields>, "anonymity" | "mode" | "opensOn" | "closesOn">,
  ctx: z.RefinementCtx,
) {
  if (value.anonymity === "anonymous" && value.mode !== "person") {
    ctx.addIssue({
      code: "custom",
      path: ["mode"],
      message:
        "Anonymous surveys are answered one per person: a shared organisation response would name the organisation",
    });
  }
  if (value.opensOn && value.closesOn && value.closesOn < value.opensOn) {
    ctx.addIssue({
      code: "custom",
      path: ["closesOn"],
      message: "The closing date must be after the opening date",
    });
  }
}

export const surveySettingsSchema = surveySettingsFields.superRefine(settingsRules);
/** The new survey form: its settings, and the campaign it joins (optional). */
export const newSurveySchema = surveySettingsFields
  .extend({ campaignId: campaignChoice })
  .superRefine(settingsRules);
export type SurveySettingsInput = z.output<typeof surveySettingsSchema>;

export const surveyEditSchema = z.object({
  version: idField("The form is missing the version it started from: reload the page"),
});

/**
 * "Show only when": one select whose values name an earlier question and a test ("12:yes",
 * "12:chosen:key", "12:between" with the range in two boxes), so it works without JavaScript.
 * Whether the question is earlier and the choice exists is checked against the survey in the model.
 */
const showWhenFields = {
  showWhen: z.string().trim().max(200).optional(),
  showWhenMin: z.string().trim().max(40).optional(),
  showWhenMax: z.string().trim().max(40).optional(),
};
const SHOW_WHEN_PATTERN = /^(\d{1,9}):(yes|no|between|chosen|not_chosen)(?::(.+))?$/;

function conditionFromFields(
  value: { showWhen?: string; showWhenMin?: string; showWhenMax?: string },
  ctx: z.RefinementCtx,
): Condition | null | typeof z.NEVER {
  if (!value.showWhen) return null;
  const match = SHOW_WHEN_PATTERN.exec(value.showWhen);
  if (!match) {
    ctx.addIssue({ code: "custom", path: ["showWhen"], message: "Choose when to show it from the list" });
    return z.NEVER;
  }
  const questionId = Number(match[1]);
  const test = match[2];
  if (test === "yes" || test === "no") return { questionId, test };
  if (test === "chosen" || test === "not_chosen") {
    if (!match[3]) {
      ctx.addIssue({ code: "custom", path: ["showWhen"], message: "Choose when to show it from the list" });
      return z.NEVER;
    }
    return { questionId, test, choice: match[3] };
  }
  const bound = (raw: string | undefined, path: string) => {
    if (!raw) return null;
    if (!/^-?\d{1,12}(\.\d{1,4})?$/.test(raw)) {
      ctx.addIssue({ code: "custom", path: [path], message: "Enter the number in figures, like 10 or 2.5" });
      return undefined;
    }
    return Number(raw);
  };
  const min = bound(value.showWhenMin, "showWhenMin");
  const max = bound(value.showWhenMax, "showWhenMax");
  if (min === undefined || max === undefined) return z.NEVER;
  if (min === null && max === null) {
    ctx.addIssue({
      code: "custom",
      path: ["showWhenMin"],
      message: "Enter the smallest or the largest number that shows it, or both",
    });
    return z.NEVER;
  }
  if (min !== null && max !== null && max < min) {
    ctx.addIssue({
      code: "custom",
      path: ["showWhenMax"],
      message: "The largest number must be at least the smallest",
    });
    return z.NEVER;
  }
  return { questionId, test: "between", min, max };
}

/** The form fields that show a stored condition again. */
export function showWhenValues(condition: Condition | null): Record<string, string> {
  if (!condition) return {};
  switch (condition.test) {
    case "yes":
    case "no":
      return { showWhen: `${condition.questionId}:${condition.test}` };
    case "chosen":
    case "not_chosen":
      return { showWhen: `${condition.questionId}:${condition.test}:${condition.choice}` };
    case "between":
      return {
        showWhen: `${condition.questionId}:between`,
        showWhenMin: condition.min === null ? "" : String(condition.min),
        showWhenMax: condition.max === null ? "" : String(condition.max),
      };
  }
}

export const sectionFormSchema = z
  .object({
    title: requiredText("the section's title", 200),
    introduction: textOrEmpty("the introduction", 2000),
    ...showWhenFields,
  })
  .transform((value, ctx) => {
    const condition = conditionFromFields(value, ctx);
    return { title: value.title, introduction: value.introduction, condition };
  });
/** A section as the builder saves it; a condition left out means "always asked". */
export interface SectionInput {
  title: string;
  introduction: string;
  condition?: Condition | null;
}

/** A choice's stable key from its label: lower case words joined by hyphens, never the "other" key. */
function choiceKeyFor(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "choice";
  let key = base === OTHER_CHOICE_KEY ? `${base}-2` : base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

const questionBaseSchema = z.object({
  sectionId: idField(say.choose("a section")),
  kind: z.enum(questionKinds, { error: say.choose("the type of question") }),
  prompt: requiredText("the question", 500),
  helpText: textOrEmpty("the help text", 1000),
  required: z
    .string()
    .optional()
    .transform((value) => value === "yes"),
  choices: textOrEmpty("the choices", 5000),
  allowOther: z
    .string()
    .optional()
    .transform((value) => value === "yes"),
  scaleMin: wholeNumber("the lowest point", 1),
  scaleMax: wholeNumber("the highest point", 5),
  minLabel: textOrEmpty("the label", 100),
  maxLabel: textOrEmpty("the label", 100),
  numberMin: wholeNumber("the smallest allowed number"),
  numberMax: wholeNumber("the largest allowed number"),
  unit: textOrEmpty("the unit", 40),
  maxMegabytes: wholeNumber("the largest file size in MB", 10),
  ...showWhenFields,
});

/** The question form: one set of fields for every kind; only the kind's own fields are kept. */
export const questionFormSchema = questionBaseSchema.transform((value, ctx) => {
  const base = {
    sectionId: value.sectionId,
    prompt: value.prompt,
    helpText: value.helpText,
    required: value.required,
    condition: conditionFromFields(value, ctx),
  };
  switch (value.kind) {
    case "single_choice":
    case "multiple_choice": {
      const labels = [
        ...new Set(
          value.choices
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean),
        ),
      ];
      if (labels.length < 2) {
        ctx.addIssue({
          code: "custom",
          path: ["choices"],
          message: "Enter at least 2 choices, one on each line",
        });
        return z.NEVER;
      }
      if (labels.length > 50 || labels.some((label) => label.length > 200)) {
        ctx.addIssue({
          code: "custom",
          path: ["choices"],
          message: "Enter at most 50 choices of up to 200 characters each",
        });
        return z.NEVER;
      }
      const taken = new Set<string>();
      const choices = labels.map((label) => {
        const key = choiceKeyFor(label, taken);
        taken.add(key);
        return { key, label };
      });
      return { ...base, kind: value.kind, settings: { choices, allowOther: value.allowOther } } as const;
    }
    case "scale": {
      const min = value.scaleMin ?? 1;
      const max = value.scaleMax ?? 5;
      if (max <= min || max - min > 10) {
        ctx.addIssue({
          code: "custom",
          path: ["scaleMax"],
          message: "The highest point must be above the lowest, with at most 11 points",
        });
        return z.NEVER;
      }
      return {
        ...base,
        kind: value.kind,
        settings: { min, max, minLabel: value.minLabel, maxLabel: value.maxLabel },
      } as const;
    }
    case "number": {
      if (value.numberMin !== null && value.numberMax !== null && value.numberMax < value.numberMin) {
        ctx.addIssue({
          code: "custom",
          path: ["numberMax"],
          message: "The largest number must be at least the smallest",
        });
        return z.NEVER;
      }
      return {
        ...base,
        kind: value.kind,
        settings: { min: value.numberMin, max: value.numberMax, unit: value.unit },
      } as const;
    }
    case "file": {
      const maxMegabytes = value.maxMegabytes ?? MAX_FILE_MEGABYTES;
      if (maxMegabytes < 1 || maxMegabytes > MAX_FILE_MEGABYTES) {
        ctx.addIssue({
          code: "custom",
          path: ["maxMegabytes"],
          message: `Set the largest file between 1 and ${MAX_FILE_MEGABYTES} MB`,
        });
        return z.NEVER;
      }
      return { ...base, kind: value.kind, settings: { maxMegabytes } } as const;
    }
    default:
      return { ...base, kind: value.kind, settings: {} } as const;
  }
});
export type QuestionInput = z.output<typeof questionFormSchema>;

/** Once answers exist only the wording may change: the fields of that form. */
export const wordingFormSchema = z.object({
  prompt: requiredText("the question", 500),
  helpText: textOrEmpty("the help text", 1000),
});

export const moveSchema = z.object({
  direction: z.enum(["up", "down"]),
  id: idField(),
});

/** The settings form's fields from submitted form data, checkbox groups as lists. */
export function settingsFormInput(formData: FormData) {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const list = (name: string) =>
    formData.getAll(name).filter((value): value is string => typeof value === "string");
  return {
    title: text("title"),
    campaignId: text("campaignId"),
    introduction: text("introduction"),
    mode: text("mode"),
    anonymity: text("anonymity"),
    nations: list("nations"),
    serviceAreas: list("serviceAreas"),
    sizeBands: list("sizeBands"),
    ...dateFields(text),
    disclosureThreshold: text("disclosureThreshold"),
    reminderDaysBefore: text("reminderDaysBefore"),
  };
}

/**
 * The opening and closing dates, typed in GOV.UK's day, month and year boxes (or sent whole as
 * 'YYYY-MM-DD'): each joined into the date the schema checks, the boxes kept to show the typing again.
 */
function dateFields(text: (name: string) => string | undefined) {
  const sent: Record<string, string> = {};
  for (const name of ["opensOn", "closesOn"]) {
    for (const field of [name, ...Object.values(datePartNames(name))]) {
      const value = text(field);
      if (value !== undefined) sent[field] = value;
    }
  }
  const joined = withJoinedDates(sent);
  return { opensOn: joined.opensOn, closesOn: joined.closesOn, dateParts: sent };
}
