import { z } from "zod";
import { idField } from "./ids.ts";
import { requiredText } from "~/schemas/messages.ts";
import {
  breakdownAttributes,
  attributeValues,
  ResultsFilter,
  figureMeasures,
} from "./survey-results-labels.ts";

export * from "./survey-results-labels.ts";

const filterSchema = z
  .string()
  .transform((text, ctx): ResultsFilter | null => {
    if (!text) return null;
    const [attribute, value] = text.split(":");
    const parsed = z.enum(breakdownAttributes).safeParse(attribute);
    if (!parsed.success || !value || !attributeValues[parsed.data].includes(value)) {
      ctx.addIssue({ code: "custom", message: "Choose a filter from the list" });
      return z.NEVER;
    }
    return { attribute: parsed.data, value };
  })
  .catch(null);

/** The results page's query string: odd values fall back to "everything, no breakdown". */
export const resultsQuerySchema = z.object({
  by: z.enum(["none", ...breakdownAttributes]).catch("none"),
  filter: z.string().default("").pipe(filterSchema),
  /** Unset: exact counts with marks, unless the survey is anonymous. */
  view: z.enum(["published", "exact"]).optional().catch(undefined),
});

/** evidence_items.origin of an item computed from a survey. */
export const surveyFigureOriginSchema = z.object({
  type: z.literal("survey_figure"),
  surveyId: z.number().int().positive(),
  questionId: z.number().int().positive(),
  measure: z.enum(figureMeasures),
  /** The answer counted, for percent and count of a choice question ("yes"/"no" for yes or no). */
  choiceKey: z.string().nullable(),
  filter: z.object({ attribute: z.enum(breakdownAttributes), value: z.string() }).nullable(),
});

export type SurveyFigureOrigin = z.output<typeof surveyFigureOriginSchema>;

/** The form that saves a figure from the results page. */
export const saveFigureSchema = z.object({
  intent: z.literal("save-figure"),
  questionId: idField("The form is missing its question: reload the page"),
  measure: z.enum(figureMeasures),
  choiceKey: z
    .string()
    .optional()
    .transform((value) => value || null),
  filter: z.string().default("").pipe(filterSchema),
  label: requiredText("a short label for the figure", 200),
});

export const saveQuoteSchema = z.object({
  intent: z.literal("save-quote"),
  questionId: idField("The form is missing its question: reload the page"),
  responseId: idField("The form is missing its answer: reload the page"),
  label: requiredText("a short label for the quote", 200),
});

/** Used by routes/surveys.$id.results.tsx. */
export const resultsIntentSchema = z.object({
  intent: z.enum(["save-figure", "save-quote"], { error: "That action is not recognised." }),
});
