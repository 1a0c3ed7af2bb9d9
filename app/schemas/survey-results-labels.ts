// Split from survey-results.ts: what a page may need in the browser, without zod (see the javascript budget test).
import { nationLabels, nations, serviceAreaLabels, serviceAreas } from "~/schemas/directory-labels.ts";
import { sizeBandLabels, sizeBands } from "~/schemas/surveys-labels.ts";

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

export const filterText = (filter: ResultsFilter | null) =>
  filter
    ? `${breakdownAttributeLabels[filter.attribute]}: ${groupLabel(filter.attribute, filter.value)}`
    : null;

/** What a saved figure measures. */
export const figureMeasures = ["percent", "count", "mean", "median"] as const;

export type FigureMeasure = (typeof figureMeasures)[number];
