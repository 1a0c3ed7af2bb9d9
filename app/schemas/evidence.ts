import { z } from "zod";
import { campaignChoice } from "./campaign-choice.ts";
import { optionalText, requiredLine, requiredText, say } from "./messages.ts";
import { pageSchema } from "./paging.ts";

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

const label = requiredLine("a short label", 200);
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
const webUrl = requiredText("the web address", 2000).pipe(
  z.url({ protocol: /^https?$/, error: "Enter a web address starting with https:// or http://" }),
);

const whereFrom = "Say where the figure came from";
const whyWithdrawn = "Say why it is withdrawn";

const sourceEvidenceSchema = z.object({
  kind: z.literal("source"),
  label,
  campaignId: campaignChoice,
  title: requiredLine("the title of the publication", 500),
  publisher: requiredLine("the publisher", 200),
  url: webUrl,
  publishedOn: optionalDate("Enter the publication date as YYYY-MM-DD, like 2025-03-31"),
});

/** A document staff upload to the library: the file comes beside these fields. */
export const documentEvidenceSchema = z.object({
  title: requiredText("the title of the document", 500),
  publisher: requiredText("who published or wrote it", 200),
  publishedOn: optionalDate("Enter the publication date as YYYY-MM-DD, like 2025-03-31"),
});

const figureEvidenceSchema = z.object({
  kind: z.literal("figure"),
  label,
  campaignId: campaignChoice,
  value: z
    .string({ error: say.enter("the number") })
    .trim()
    .min(1, say.enter("the number"))
    .transform((value) => value.replace(/,/g, ""))
    .pipe(z.string().regex(/^-?\d{1,12}(\.\d{1,4})?$/, "Enter the number using digits, like 42 or 1250.5")),
  unit: optionalText("the unit", 40),
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
    .string({ error: whereFrom })
    .trim()
    .min(1, whereFrom)
    .max(1000, say.tooLong("where it came from", 1000)),
  url: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(webUrl.nullable()),
});

const quoteEvidenceSchema = z
  .object({
    kind: z.literal("quote"),
    label,
    campaignId: campaignChoice,
    quoteText: requiredText("the quote", 4000),
    anonymous: z.enum(["yes", "no"], { error: "Say whether the quote is anonymous" }),
    attribution: optionalText("the attribution", 300),
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
    .string({ error: whyWithdrawn })
    .trim()
    .min(1, whyWithdrawn)
    .max(1000, say.tooLong("the reason", 1000)),
  confirm: z.literal("yes", { error: "Confirm that you want to withdraw this evidence" }),
});

/** The library's filters, from the query string: anything odd is ignored rather than refused. */
export const evidenceListQuerySchema = z.object({
  kind: evidenceKindSchema.optional().catch(undefined),
  status: evidenceStatusSchema.optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: pageSchema,
});

/** `[@ev:12]` in Markdown cites evidence item 12. */
export const citationText = (id: number) => `[@ev:${id}]`;
