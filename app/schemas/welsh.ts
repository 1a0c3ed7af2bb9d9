import { z } from "zod";

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

export interface SectionWelsh {
  title: string | null;
  introduction: string | null;
}

export interface QuestionWelsh {
  prompt: string | null;
  helpText: string | null;
  settings: SettingsWelsh;
}
