import { z } from "zod";

export const evidenceKinds = ["source", "figure", "quote"] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];
export const evidenceKindSchema = z.enum(evidenceKinds, { error: "Choose what kind of evidence this is" });
export const evidenceKindLabels: Record<EvidenceKind, string> = {
  source: "Source (a publication)",
  figure: "Figure (a number)",
  quote: "Quote",
};

export const evidenceStatuses = ["active", "withdrawn"] as const;
export type EvidenceStatus = (typeof evidenceStatuses)[number];
export const evidenceStatusSchema = z.enum(evidenceStatuses);

/** How a quote's speaker agreed to be quoted. */
export const consentMethods = ["written", "survey", "verbal", "published"] as const;
export type ConsentMethod = (typeof consentMethods)[number];
export const consentMethodSchema = z.enum(consentMethods, { error: "Say how consent was given" });
export const consentMethodLabels: Record<ConsentMethod, string> = {
  written: "In writing (email or letter)",
  survey: "Ticked consent to quote in a survey",
  verbal: "Verbally, noted at the time",
  published: "Already published by the speaker",
};

const label = z
  .string({ error: "Enter a short label" })
  .trim()
  .min(1, "Enter a short label")
  .max(200, "The label must be 200 characters or fewer");
const optionalText = (max: number, name: string) =>
  z
    .string()
    .trim()
    .max(max, `${name} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .transform((value) => (value ? value : null));
const isoDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), message);
const optionalDate = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(isoDate(message).nullable());
const webUrl = z
  .string({ error: "Enter the web address" })
  .trim()
  .min(1, "Enter the web address")
  .max(2000, "The web address must be 2,000 characters or fewer")
  .pipe(z.url({ protocol: /^https?$/, error: "Enter a web address starting with https:// or http://" }));

export const sourceEvidenceSchema = z.object({
  kind: z.literal("source"),
  label,
  title: z
    .string({ error: "Enter the title of the publication" })
    .trim()
    .min(1, "Enter the title of the publication")
    .max(500, "The title must be 500 characters or fewer"),
  publisher: z
    .string({ error: "Enter who published it" })
    .trim()
    .min(1, "Enter who published it")
    .max(200, "The publisher must be 200 characters or fewer"),
  url: webUrl,
  publishedOn: optionalDate("Enter the publication date as YYYY-MM-DD, like 2025-03-31"),
});

export const figureEvidenceSchema = z.object({
  kind: z.literal("figure"),
  label,
  value: z
    .string({ error: "Enter the number" })
    .trim()
    .min(1, "Enter the number")
    .transform((value) => value.replace(/,/g, ""))
    .pipe(z.string().regex(/^-?\d{1,12}(\.\d{1,4})?$/, "Enter the number using digits, like 42 or 1250.5")),
  unit: optionalText(40, "The unit"),
  n: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value.replace(/,/g, "") : null))
    .pipe(
      z
        .string()
        .regex(/^\d{1,9}$/, "Enter how many answered (n) as a whole number, like 312")
        .transform(Number)
        .nullable(),
    ),
  asOf: isoDate("Enter the date the figure describes as YYYY-MM-DD, like 2025-03-31"),
  sourceNote: z
    .string({ error: "Say where the figure came from" })
    .trim()
    .min(1, "Say where the figure came from")
    .max(1000, "Where it came from must be 1,000 characters or fewer"),
  url: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(webUrl.nullable()),
});

export const quoteEvidenceSchema = z
  .object({
    kind: z.literal("quote"),
    label,
    quoteText: z
      .string({ error: "Enter the quote" })
      .trim()
      .min(1, "Enter the quote")
      .max(4000, "The quote must be 4,000 characters or fewer"),
    anonymous: z.enum(["yes", "no"], { error: "Say whether the quote is anonymous" }),
    attribution: optionalText(300, "The attribution"),
    consentMethod: consentMethodSchema,
    consentOn: isoDate("Enter the date consent was given as YYYY-MM-DD"),
  })
  .refine((quote) => quote.anonymous === "yes" || quote.attribution !== null, {
    path: ["attribution"],
    message: "Enter who said it, or mark the quote as anonymous",
  });

export const newEvidenceSchema = z.discriminatedUnion("kind", [
  sourceEvidenceSchema,
  figureEvidenceSchema,
  quoteEvidenceSchema,
]);
export type NewEvidence = z.output<typeof newEvidenceSchema>;

export const withdrawEvidenceSchema = z.object({
  intent: z.literal("withdraw"),
  reason: z
    .string({ error: "Say why it is withdrawn" })
    .trim()
    .min(1, "Say why it is withdrawn")
    .max(1000, "The reason must be 1,000 characters or fewer"),
  confirm: z.literal("yes", { error: "Confirm that you want to withdraw this evidence" }),
});

/** `[@ev:12]` in Markdown cites evidence item 12. */
export const citationText = (id: number) => `[@ev:${id}]`;
