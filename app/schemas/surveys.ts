import { idField } from "./ids.ts";
import { z } from "zod";
import { nations, serviceAreas } from "~/schemas/directory.ts";
import { emailSchema } from "~/schemas/people.ts";
import {
  surveyStates,
  surveyModes,
  anonymityModes,
  sizeBands,
  questionKinds,
  consentChoices,
} from "./surveys-labels.ts";

export * from "./surveys-labels.ts";

export const surveyStateSchema = z.enum(surveyStates);

export const surveyModeSchema = z.enum(surveyModes);

export const anonymityModeSchema = z.enum(anonymityModes);

/** surveys.audience: an empty list means no filter on that attribute, so all empty = all members. */
export const audienceSchema = z.object({
  nations: z.array(z.enum(nations)).default([]),
  serviceAreas: z.array(z.enum(serviceAreas)).default([]),
  sizeBands: z.array(z.enum(sizeBands)).default([]),
});

export type Audience = z.output<typeof audienceSchema>;

const questionKindSchema = z.enum(questionKinds);

const choiceOptionSchema = z.object({ key: z.string().min(1), label: z.string().min(1) });

/** survey_questions.settings, one shape per kind. */
const choiceSettingsSchema = z.object({
  choices: z.array(choiceOptionSchema).min(1),
  allowOther: z.boolean().default(false),
});

const scaleSettingsSchema = z.object({
  min: z.number().int(),
  max: z.number().int(),
  minLabel: z.string().default(""),
  maxLabel: z.string().default(""),
});

const numberSettingsSchema = z.object({
  min: z.number().nullable().default(null),
  max: z.number().nullable().default(null),
  unit: z.string().default(""),
});

const fileSettingsSchema = z.object({ maxMegabytes: z.number().int().min(1).max(10).default(10) });

type ChoiceSettings = z.output<typeof choiceSettingsSchema>;

type ScaleSettings = z.output<typeof scaleSettingsSchema>;

type NumberSettings = z.output<typeof numberSettingsSchema>;

export type QuestionSettings =
  | { kind: "single_choice" | "multiple_choice"; settings: ChoiceSettings }
  | { kind: "scale"; settings: ScaleSettings }
  | { kind: "number"; settings: NumberSettings }
  | { kind: "file"; settings: z.output<typeof fileSettingsSchema> }
  | { kind: "yes_no" | "short_text" | "long_text" | "case_study"; settings: Record<string, never> };

export const consentSchema = z.enum(consentChoices);

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
    case "file":
      return { kind: parsedKind, settings: fileSettingsSchema.parse(settings) };
    default:
      return { kind: parsedKind, settings: {} };
  }
}

/** The form on a dead survey link's page: where to send a fresh one. */
export const freshSurveyLinkSchema = z.object({ email: emailSchema });

/** Used by routes/s.$token.$section.tsx. */
export const sectionSaveSchema = z.object({ version: z.coerce.number().int().min(0).max(1_000_000) });

/** Used by routes/surveys.$id.questions.$questionId.tsx. */
export const questionIntentSchema = z.object({
  intent: z.enum(["save", "wording"], { error: "That action is not recognised." }),
});

/** Used by routes/surveys.$id._index.tsx. */
export const surveyIntentSchema = z.object({
  intent: z.enum(
    [
      "close",
      "archive",
      "remind",
      "invite",
      "copy",
      "add-section",
      "delete-section",
      "move-section",
      "move-question",
      "delete-question",
    ],
    { error: "That action is not recognised." },
  ),
});

/** Used by routes/surveys.$id._index.tsx. */
export const surveyItemIdSchema = z.object({ id: idField() });

/**
 * "Open and send invitations" stops here first: the number of people about to be emailed, from
 * the same list the sending reads, and a button that does it. Nothing happens until it is pressed.
 */
export const openConfirmSchema = z.object({
  intent: z.literal("open", { error: "That action is not recognised." }),
});

/**
 * The survey as a member sees it, every section on one page, read-only: staff check the wording,
 * the order and the answer boxes before anyone is invited. In Welsh with ?language=cy when the
 * survey is bilingual. Nothing here writes.
 */
export const previewQuerySchema = z.object({ language: z.enum(["en", "cy"]).catch("en") });
