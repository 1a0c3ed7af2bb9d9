import { z } from "zod";
import { idField } from "./ids.ts";
import { optionalText } from "./messages.ts";
import { type QuestionSettings } from "./surveys.ts";
import { welshField } from "~/utils/survey-welsh.ts";
import { WELSH_SLACK } from "./welsh-labels.ts";

export * from "./welsh-labels.ts";

/**
 * The Welsh words of a question's settings (survey_questions.settings_cy), by the same keys as its
 * settings: choice labels by choice key, the scale's end labels, the number's unit. Anything absent
 * falls back to the English.
 */
export const settingsWelshSchema = z.object({
  choices: z.record(z.string(), z.string()).optional(),
  minLabel: z.string().optional(),
  maxLabel: z.string().optional(),
  unit: z.string().optional(),
});

export type SettingsWelsh = z.output<typeof settingsWelshSchema>;

/** A stored settings_cy value as its shape; a NULL or unreadable one is no translation. */
export function settingsWelshFrom(value: unknown): SettingsWelsh {
  const parsed = settingsWelshSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

export interface QuestionWelsh {
  prompt: string | null;
  helpText: string | null;
  settings: SettingsWelsh;
}

/** The parts of a survey its Welsh form has a box for: each section and question by id. */
export interface WelshFormContent {
  sections: readonly { id: number; questions: readonly { id: number; config: QuestionSettings }[] }[];
}

export interface SurveyWelshInput {
  version: number;
  bilingual: boolean;
  title: string | null;
  introduction: string | null;
  sections: { id: number; title: string | null; introduction: string | null }[];
  questions: { id: number; prompt: string | null; helpText: string | null; settings: SettingsWelsh }[];
}

const welshText = (what: string, englishMax: number) =>
  optionalText(`the Welsh ${what}`, Math.round(englishMax * WELSH_SLACK));

/**
 * The Welsh text form of one survey: a box beside each English text (limits as the builder's, with
 * room for longer Welsh), empty meaning "not translated" (stored as NULL, so pages fall back).
 */
export function surveyWelshSchema(content: WelshFormContent): z.ZodType<SurveyWelshInput> {
  const shape: Record<string, z.ZodType<string | null>> = {
    title: welshText("title", 200),
    introduction: welshText("introduction", 5000),
  };
  for (const section of content.sections) {
    shape[welshField.section(section.id, "title")] = welshText("section title", 200);
    shape[welshField.section(section.id, "introduction")] = welshText("section introduction", 2000);
    for (const question of section.questions) {
      shape[welshField.question(question.id, "prompt")] = welshText("question", 500);
      shape[welshField.question(question.id, "helpText")] = welshText("help text", 1000);
      const config = question.config;
      if (config.kind === "single_choice" || config.kind === "multiple_choice") {
        for (const choice of config.settings.choices) {
          shape[welshField.choice(question.id, choice.key)] = welshText("choice", 200);
        }
      } else if (config.kind === "scale") {
        shape[welshField.question(question.id, "minLabel")] = welshText("label", 100);
        shape[welshField.question(question.id, "maxLabel")] = welshText("label", 100);
      } else if (config.kind === "number") {
        shape[welshField.question(question.id, "unit")] = welshText("unit", 40);
      }
    }
  }
  return z
    .object({
      ...shape,
      version: idField("The form is missing the version it started from: reload the page"),
      bilingual: z
        .string()
        .optional()
        .transform((value) => value === "yes"),
    })
    .transform((form): SurveyWelshInput => {
      const texts: Record<string, unknown> = form;
      const text = (name: string) => {
        const value = texts[name];
        return typeof value === "string" && value ? value : null;
      };
      const present = (value: string | null) => value ?? undefined;
      return {
        version: form.version,
        bilingual: form.bilingual,
        title: text("title"),
        introduction: text("introduction"),
        sections: content.sections.map((section) => ({
          id: section.id,
          title: text(welshField.section(section.id, "title")),
          introduction: text(welshField.section(section.id, "introduction")),
        })),
        questions: content.sections.flatMap((section) =>
          section.questions.map((question) => {
            const config = question.config;
            const settings: SettingsWelsh = {};
            if (config.kind === "single_choice" || config.kind === "multiple_choice") {
              const choices: Record<string, string> = {};
              for (const choice of config.settings.choices) {
                const label = text(welshField.choice(question.id, choice.key));
                if (label) choices[choice.key] = label;
              }
              settings.choices = choices;
            } else if (config.kind === "scale") {
              settings.minLabel = present(text(welshField.question(question.id, "minLabel")));
              settings.maxLabel = present(text(welshField.question(question.id, "maxLabel")));
            } else if (config.kind === "number") {
              settings.unit = present(text(welshField.question(question.id, "unit")));
            }
            return {
              id: question.id,
              prompt: text(welshField.question(question.id, "prompt")),
              helpText: text(welshField.question(question.id, "helpText")),
              settings,
            };
          }),
        ),
      };
    });
}

/** A letter's Welsh title and body, beside the English; empty means not translated. */
export const letterWelshSchema = z.object({
  version: idField("The form is missing the version it started from: reload the page"),
  bilingual: z
    .string()
    .optional()
    .transform((value) => value === "yes"),
  titleCy: optionalText("the Welsh title", 300),
  bodyCy: optionalText("the Welsh text of the letter", 30_000),
});

export type LetterWelshInput = z.output<typeof letterWelshSchema>;
