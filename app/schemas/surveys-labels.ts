// Split from surveys.ts: what a page may need in the browser, without zod (see the javascript budget test).

/** The lifecycle of a survey; the same list is the CHECK constraint on surveys.state. */
export const surveyStates = ["draft", "open", "closed", "archived"] as const;

export type SurveyState = (typeof surveyStates)[number];

export const surveyStateLabels: Record<SurveyState, string> = {
  draft: "Draft",
  open: "Open for answers",
  closed: "Closed",
  archived: "Archived",
};

/** Who answers: one response per organisation, written together by its contacts, or one per person. */
export const surveyModes = ["organisation", "person"] as const;

export type SurveyMode = (typeof surveyModes)[number];

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

export const questionKinds = [
  "single_choice",
  "multiple_choice",
  "scale",
  "number",
  "yes_no",
  "short_text",
  "long_text",
  "case_study",
  "file",
] as const;

export type QuestionKind = (typeof questionKinds)[number];

export const questionKindLabels: Record<QuestionKind, string> = {
  single_choice: "Single choice",
  multiple_choice: "Multiple choice",
  scale: "Scale",
  number: "Number",
  yes_no: "Yes or no",
  short_text: "Short text",
  long_text: "Long text",
  case_study: "Case study (a titled story, with consent to publish)",
  file: "File (a document as evidence: not on anonymous surveys)",
};

/** The key stored in survey_answers.choices for the "other, please say" box. */
export const OTHER_CHOICE_KEY = "other";

/**
 * The longest answer each field takes, in characters as characterCount (utils/survey-answer-checks.ts)
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

/** Consent to publish a case study (survey_answers.consent). */
export const consentChoices = ["none", "anonymous", "attributed"] as const;

export type Consent = (typeof consentChoices)[number];

export const consentLabels: Record<Consent, string> = {
  none: "Do not publish this story",
  anonymous: "You may publish it without naming us",
  attributed: "You may publish it and name our organisation",
};

/** survey_reminders.kind: sent by staff, or by the background loop before closing. */
export type ReminderKind = "manual" | "automatic";

export const SURVEYS_PAGE_SIZE = 25;
