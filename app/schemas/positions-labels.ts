// Split from positions.ts: what a page may need in the browser, without zod (see the javascript budget test).

/** The lifecycle: the same list is the CHECK constraint on positions.state. */
export const positionStates = ["draft", "in_review", "approved", "published", "retired"] as const;

export type PositionState = (typeof positionStates)[number];

export const positionStateLabels: Record<PositionState, string> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  published: "Published",
  retired: "Retired",
};

/** Text may change only while nobody has signed it off. */
export const editableStates: readonly PositionState[] = ["draft", "in_review"];

export const positionTopics = [
  "vat",
  "pensions",
  "commissioning",
  "procurement",
  "workforce",
  "governance",
  "funding",
  "other",
] as const;

export type PositionTopic = (typeof positionTopics)[number];

export const positionTopicLabels: Record<PositionTopic, string> = {
  vat: "VAT",
  pensions: "Pensions",
  commissioning: "Commissioning",
  procurement: "Procurement",
  workforce: "Workforce",
  governance: "Governance and ownership",
  funding: "Funding",
  other: "Other",
};

export const positionReviewOutcomes = ["requested", "sent_back", "approved", "retrospective"] as const;

export type PositionReviewOutcome = (typeof positionReviewOutcomes)[number];

export const MAX_BODY_CHARS = 400_000;

export const whatToChange = "Say what needs to change";

export const whyUrgent = "Say why this cannot wait for review";
