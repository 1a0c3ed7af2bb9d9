import { z } from "zod";
import { idField } from "./ids.ts";
import { requiredText } from "~/schemas/messages.ts";
import { nationLabels, nations, serviceAreaLabels, serviceAreas } from "~/schemas/directory.ts";
import { sizeBandLabels, sizeBands } from "~/schemas/surveys.ts";

/** The attributes a survey's results can be broken down or filtered by (copied onto each response). */
export const breakdownAttributes = ["nation", "service_area", "size_band"] as const;
export type BreakdownAttribute = (typeof breakdownAttributes)[number];
export const breakdownAttributeLabels: Record<BreakdownAttribute, string> = {
  nation: "Nation",
  service_area: "Service area",
  size_band: "Size",
};

export const attributeValues: Record<BreakdownAttribute, readonly string[]> = {
  nation: nations,
  service_area: serviceAreas,
  size_band: sizeBands,
};
const attributeValueLabels: Record<BreakdownAttribute, Record<string, string>> = {
  nation: nationLabels,
  service_area: serviceAreaLabels,
  size_band: sizeBandLabels,
};
const UNKNOWN_GROUP_LABEL = "Not known";
export const groupLabel = (attribute: BreakdownAttribute, value: string | null) =>
  value === null ? UNKNOWN_GROUP_LABEL : (attributeValueLabels[attribute][value] ?? value);

/** Every filter option as "attribute:value", for one select field. */
export const filterOptions = breakdownAttributes.flatMap((attribute) =>
  attributeValues[attribute].map((value) => ({
    value: `${attribute}:${value}`,
    label: `${breakdownAttributeLabels[attribute]}: ${groupLabel(attribute, value)}`,
  })),
);

export interface ResultsFilter {
  attribute: BreakdownAttribute;
  value: string;
}

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

export const filterText = (filter: ResultsFilter | null) =>
  filter
    ? `${breakdownAttributeLabels[filter.attribute]}: ${groupLabel(filter.attribute, filter.value)}`
    : null;

/** What a saved figure measures. */
const figureMeasures = ["percent", "count", "mean", "median"] as const;
export type FigureMeasure = (typeof figureMeasures)[number];

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
