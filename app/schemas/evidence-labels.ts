// Split from evidence.ts: what a page may need in the browser, without zod (see the javascript budget test).

export const evidenceKinds = ["source", "figure", "quote"] as const;

export type EvidenceKind = (typeof evidenceKinds)[number];

export const evidenceKindLabels: Record<EvidenceKind, string> = {
  source: "Source (a publication)",
  figure: "Figure (a number)",
  quote: "Quote",
};

export const evidenceStatuses = ["active", "withdrawn"] as const;

export type EvidenceStatus = (typeof evidenceStatuses)[number];

/** How a quote's speaker agreed to be quoted. */
export const consentMethods = ["written", "survey", "verbal", "published"] as const;

export type ConsentMethod = (typeof consentMethods)[number];

export const consentMethodLabels: Record<ConsentMethod, string> = {
  written: "In writing (email or letter)",
  survey: "Ticked consent to quote in a survey",
  verbal: "Verbally, noted at the time",
  published: "Already published by the speaker",
};

export const whereFrom = "Say where the figure came from";

export const whyWithdrawn = "Say why it is withdrawn";

/** `[@ev:12]` in Markdown cites evidence item 12. */
export const citationText = (id: number) => `[@ev:${id}]`;
