import { z } from "zod";
import { type QuestionSettings } from "~/schemas/surveys.ts";

export * from "./survey-condition-rules.ts";

/**
 * When a question or a whole section is asked: only when an earlier question's answer matches.
 * Client-safe; the server is what decides (pages, check answers, submit and results all call
 * askedQuestions), so it works without JavaScript.
 */
export const conditionSchema = z.discriminatedUnion("test", [
  z.object({ questionId: z.number().int().positive(), test: z.enum(["yes", "no"]) }),
  z.object({
    questionId: z.number().int().positive(),
    test: z.enum(["chosen", "not_chosen"]),
    choice: z.string().min(1),
  }),
  z.object({
    questionId: z.number().int().positive(),
    test: z.literal("between"),
    min: z.number().nullable(),
    max: z.number().nullable(),
  }),
]);

export type Condition = z.output<typeof conditionSchema>;

/** survey_*.condition as stored: NULL, or a condition; anything else reads as always asked. */
export function conditionFrom(stored: unknown): Condition | null {
  if (stored === null || stored === undefined) return null;
  const parsed = conditionSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export interface ConditionalQuestion {
  id: number;
  prompt: string;
  config: QuestionSettings;
  condition: Condition | null;
}

export interface ConditionalSection<Q extends ConditionalQuestion> {
  id: number;
  title: string;
  condition: Condition | null;
  questions: readonly Q[];
}
