// Split from survey-builder.ts: what a page may need in the browser, without zod (see the javascript budget test).
import { type Condition } from "~/utils/survey-conditions.ts";
import { OTHER_CHOICE_KEY } from "~/schemas/surveys-labels.ts";
import { datePartNames, withJoinedDates } from "~/utils/date-parts.ts";

export const SHOW_WHEN_PATTERN = /^(\d{1,9}):(yes|no|between|chosen|not_chosen)(?::(.+))?$/;

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
