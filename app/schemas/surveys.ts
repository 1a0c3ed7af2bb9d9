import { z } from "zod";
import { nations, serviceAreas } from "~/schemas/directory.ts";
import { DEFAULT_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD } from "~/utils/disclosure.ts";
import { isRealDate } from "~/utils/london-time.ts";

/** The lifecycle of a survey; the same list is the CHECK constraint on surveys.state. */
export const surveyStates = ["draft", "open", "closed", "archived"] as const;
export type SurveyState = (typeof surveyStates)[number];
export const surveyStateSchema = z.enum(surveyStates);
export const surveyStateLabels: Record<SurveyState, string> = {
  draft: "Draft",
  open: "Open for answers",
  closed: "Closed",
  archived: "Archived",
};

/** Which states each transition starts from: the one place a page and a model agree on it. */
export const surveyTransitions = {
  open: ["draft"],
  close: ["open"],
  archive: ["closed"],
} as const satisfies Record<string, readonly SurveyState[]>;
export type SurveyTransition = keyof typeof surveyTransitions;
export const canTransitionSurvey = (state: SurveyState, transition: SurveyTransition) =>
  surveyTransitions[transition].some((from) => from === state);

/** Who answers: one response per organisation, written together by its contacts, or one per person. */
export const surveyModes = ["organisation", "person"] as const;
export type SurveyMode = (typeof surveyModes)[number];
export const surveyModeSchema = z.enum(surveyModes);
export const surveyModeLabels: Record<SurveyMode, string> = {
  organisation: "One response per organisation (colleagues answer together)",
  person: "One response per person",
};

/**
 * named: staff see who answered; confidential: staff see who, nothing published names them;
 * anonymous: nothing stored links answers to a person or organisation. Anonymous surveys are per
 * person only: a shared organisation response would have to be found by the organisation, which
 * links it back.
 */
export const anonymityModes = ["named", "confidential", "anonymous"] as const;
export type AnonymityMode = (typeof anonymityModes)[number];
export const anonymityModeSchema = z.enum(anonymityModes);
export const anonymityModeLabels: Record<AnonymityMode, string> = {
  named: "Named: staff see who answered",
  confidential: "Confidential: staff see who answered, nothing published names them",
  anonymous: "Anonymous: nobody can link answers to a person or organisation",
};
export const anonymityShortLabels: Record<AnonymityMode, string> = {
  named: "Named",
  confidential: "Confidential",
  anonymous: "Anonymous",
};

/** Size bands by staff count (organisations.staff_count), used for audiences and breakdowns. */
export const sizeBands = ["under_50", "50_to_249", "250_to_999", "1000_plus"] as const;
export type SizeBand = (typeof sizeBands)[number];
export const sizeBandSchema = z.enum(sizeBands);
export const sizeBandLabels: Record<SizeBand, string> = {
  under_50: "Fewer than 50 staff",
  "50_to_249": "50 to 249 staff",
  "250_to_999": "250 to 999 staff",
  "1000_plus": "1,000 staff or more",
};
/** Inclusive lower and exclusive upper staff counts of each band, for SQL filters. */
export const sizeBandRanges: Record<SizeBand, { min: number; below: number | null }> = {
  under_50: { min: 0, below: 50 },
  "50_to_249": { min: 50, below: 250 },
  "250_to_999": { min: 250, below: 1000 },
  "1000_plus": { min: 1000, below: null },
};
export function sizeBandOf(staffCount: number): SizeBand {
  if (staffCount < 50) return "under_50";
  if (staffCount < 250) return "50_to_249";
  if (staffCount < 1000) return "250_to_999";
  return "1000_plus";
}

/** surveys.audience: an empty list means no filter on that attribute, so all empty = all members. */
export const audienceSchema = z.object({
  nations: z.array(z.enum(nations)).default([]),
  serviceAreas: z.array(z.enum(serviceAreas)).default([]),
  sizeBands: z.array(z.enum(sizeBands)).default([]),
});
export type Audience = z.output<typeof audienceSchema>;

export const questionKinds = [
  "single_choice",
  "multiple_choice",
  "scale",
  "number",
  "yes_no",
  "short_text",
  "long_text",
  "case_study",
] as const;
export type QuestionKind = (typeof questionKinds)[number];
export const questionKindSchema = z.enum(questionKinds);
export const questionKindLabels: Record<QuestionKind, string> = {
  single_choice: "Single choice",
  multiple_choice: "Multiple choice",
  scale: "Scale",
  number: "Number",
  yes_no: "Yes or no",
  short_text: "Short text",
  long_text: "Long text",
  case_study: "Case study (a titled story, with consent to publish)",
};

/** The key stored in survey_answers.choices for the "other, please say" box. */
export const OTHER_CHOICE_KEY = "other";

/**
 * The longest answer each field takes, in characters as characterCount (utils/survey-answers.ts)
 * counts them. Short answers and "other" fit a sentence or two; a long text answer about 1,500
 * words; a case study, the one place we ask for a whole story, about 3,000.
 */
export const ANSWER_LIMITS = {
  shortText: 500,
  otherText: 500,
  longText: 10_000,
  caseStudyTitle: 200,
  caseStudyText: 20_000,
} as const;

/** Number answers: digits before and after the point. A trillion is past any member's figures. */
export const NUMBER_ANSWER_DIGITS = 12;
export const NUMBER_ANSWER_DECIMALS = 4;

export const choiceOptionSchema = z.object({ key: z.string().min(1), label: z.string().min(1) });
export type ChoiceOption = z.output<typeof choiceOptionSchema>;

/** survey_questions.settings, one shape per kind. */
export const choiceSettingsSchema = z.object({
  choices: z.array(choiceOptionSchema).min(1),
  allowOther: z.boolean().default(false),
});
export const scaleSettingsSchema = z.object({
  min: z.number().int(),
  max: z.number().int(),
  minLabel: z.string().default(""),
  maxLabel: z.string().default(""),
});
export const numberSettingsSchema = z.object({
  min: z.number().nullable().default(null),
  max: z.number().nullable().default(null),
  unit: z.string().default(""),
});
export const emptySettingsSchema = z.object({});
export type ChoiceSettings = z.output<typeof choiceSettingsSchema>;
export type ScaleSettings = z.output<typeof scaleSettingsSchema>;
export type NumberSettings = z.output<typeof numberSettingsSchema>;

export type QuestionSettings =
  | { kind: "single_choice" | "multiple_choice"; settings: ChoiceSettings }
  | { kind: "scale"; settings: ScaleSettings }
  | { kind: "number"; settings: NumberSettings }
  | { kind: "yes_no" | "short_text" | "long_text" | "case_study"; settings: Record<string, never> };

/** Consent to publish a case study (survey_answers.consent). */
export const consentChoices = ["none", "anonymous", "attributed"] as const;
export type Consent = (typeof consentChoices)[number];
export const consentSchema = z.enum(consentChoices);
export const consentLabels: Record<Consent, string> = {
  none: "Do not publish this story",
  anonymous: "You may publish it without naming us",
  attributed: "You may publish it and name our organisation",
};

export const responseStatuses = ["in_progress", "submitted"] as const;
export type ResponseStatus = (typeof responseStatuses)[number];
export const responseStatusLabels: Record<ResponseStatus, string> = {
  in_progress: "Started",
  submitted: "Submitted",
};

export const reminderKinds = ["manual", "automatic"] as const;
export type ReminderKind = (typeof reminderKinds)[number];

// ---- Builder forms ----

const requiredText = (message: string, max: number, tooLong: string) =>
  z.string({ error: message }).trim().min(1, message).max(max, tooLong);

const optionalDate = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || isRealDate(value), message);

const wholeNumber = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^-?\d{1,6}$/.test(value), message)
    .transform((value) => (value === null ? null : Number(value)));

/** The survey's settings; the route passes checkbox groups as arrays (formData.getAll). */
export const surveySettingsSchema = z
  .object({
    title: requiredText("Enter a title", 200, "The title must be 200 characters or fewer"),
    introduction: z
      .string()
      .trim()
      .max(5000, "The introduction must be 5,000 characters or fewer")
      .default(""),
    mode: z.enum(surveyModes, { error: "Choose who answers" }),
    anonymity: z.enum(anonymityModes, { error: "Choose how answers are identified" }),
    nations: z.array(z.enum(nations, { error: "Choose nations from the list" })).default([]),
    serviceAreas: z.array(z.enum(serviceAreas, { error: "Choose service areas from the list" })).default([]),
    sizeBands: z.array(z.enum(sizeBands, { error: "Choose sizes from the list" })).default([]),
    opensOn: optionalDate("Enter the opening date as a real date, like 2026-12-01"),
    closesOn: optionalDate("Enter the closing date as a real date, like 2026-12-31"),
    disclosureThreshold: wholeNumber("Enter the threshold as a whole number, like 5")
      .transform((value) => value ?? DEFAULT_DISCLOSURE_THRESHOLD)
      .refine(
        (value) => value >= MIN_DISCLOSURE_THRESHOLD,
        `The threshold must be at least ${MIN_DISCLOSURE_THRESHOLD}, so no small group can be identified`,
      )
      .refine((value) => value <= 1000, "The threshold must be 1,000 or fewer"),
    reminderDaysBefore: wholeNumber("Enter the number of days as a whole number, like 3").refine(
      (value) => value === null || (value >= 1 && value <= 60),
      "Send the reminder between 1 and 60 days before closing, or leave it empty for none",
    ),
  })
  .superRefine((value, ctx) => {
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
  });
export type SurveySettingsInput = z.output<typeof surveySettingsSchema>;

export const surveyEditSchema = z.object({ version: z.coerce.number().int().positive() });

export const sectionFormSchema = z.object({
  title: requiredText("Enter the section's title", 200, "The title must be 200 characters or fewer"),
  introduction: z.string().trim().max(2000, "The introduction must be 2,000 characters or fewer").default(""),
});
export type SectionInput = z.output<typeof sectionFormSchema>;

/** A choice's stable key from its label: lower case words joined by hyphens, never the "other" key. */
export function choiceKeyFor(label: string, taken: ReadonlySet<string>): string {
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
  sectionId: z.coerce.number({ error: "Choose a section" }).int().positive("Choose a section"),
  kind: z.enum(questionKinds, { error: "Choose the type of question" }),
  prompt: requiredText("Enter the question", 500, "The question must be 500 characters or fewer"),
  helpText: z.string().trim().max(1000, "The help text must be 1,000 characters or fewer").default(""),
  required: z
    .string()
    .optional()
    .transform((value) => value === "yes"),
  choices: z.string().max(5000, "The choices must be 5,000 characters or fewer").default(""),
  allowOther: z
    .string()
    .optional()
    .transform((value) => value === "yes"),
  scaleMin: wholeNumber("Enter the lowest point as a whole number, like 1"),
  scaleMax: wholeNumber("Enter the highest point as a whole number, like 5"),
  minLabel: z.string().trim().max(100, "The label must be 100 characters or fewer").default(""),
  maxLabel: z.string().trim().max(100, "The label must be 100 characters or fewer").default(""),
  numberMin: wholeNumber("Enter the smallest allowed number as a whole number"),
  numberMax: wholeNumber("Enter the largest allowed number as a whole number"),
  unit: z.string().trim().max(40, "The unit must be 40 characters or fewer").default(""),
});

/** The question form: one set of fields for every kind; only the kind's own fields are kept. */
export const questionFormSchema = questionBaseSchema.transform((value, ctx) => {
  const base = {
    sectionId: value.sectionId,
    prompt: value.prompt,
    helpText: value.helpText,
    required: value.required,
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
    default:
      return { ...base, kind: value.kind, settings: {} } as const;
  }
});
export type QuestionInput = z.output<typeof questionFormSchema>;

/** Once answers exist only the wording may change: the fields of that form. */
export const wordingFormSchema = z.object({
  prompt: requiredText("Enter the question", 500, "The question must be 500 characters or fewer"),
  helpText: z.string().trim().max(1000, "The help text must be 1,000 characters or fewer").default(""),
});

export const moveSchema = z.object({
  direction: z.enum(["up", "down"]),
  id: z.coerce.number().int().positive(),
});

export const SURVEYS_PAGE_SIZE = 25;

/** survey_questions.kind + settings, checked and typed: what pages and results read. */
export function questionSettingsFrom(kind: string, settings: unknown): QuestionSettings {
  const parsedKind = questionKindSchema.parse(kind);
  switch (parsedKind) {
    case "single_choice":
    case "multiple_choice":
      return { kind: parsedKind, settings: choiceSettingsSchema.parse(settings) };
    case "scale":
      return { kind: parsedKind, settings: scaleSettingsSchema.parse(settings) };
    case "number":
      return { kind: parsedKind, settings: numberSettingsSchema.parse(settings) };
    default:
      return { kind: parsedKind, settings: {} };
  }
}

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
    introduction: text("introduction"),
    mode: text("mode"),
    anonymity: text("anonymity"),
    nations: list("nations"),
    serviceAreas: list("serviceAreas"),
    sizeBands: list("sizeBands"),
    opensOn: text("opensOn"),
    closesOn: text("closesOn"),
    disclosureThreshold: text("disclosureThreshold"),
    reminderDaysBefore: text("reminderDaysBefore"),
  };
}
