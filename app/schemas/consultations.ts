import { z } from "zod";
import { idField } from "./ids.ts";
import { isRealDate } from "~/utils/london-time.ts";
import { nations } from "./directory.ts";
import { requiredLine, requiredText, say } from "./messages.ts";
import {
  consultationLevels,
  triageStates,
  sourceKinds,
  syncRunStatuses,
  radarViews,
} from "./consultations-labels.ts";

export * from "./consultations-labels.ts";

export { nationLabels, nationSchema, type Nation } from "./directory.ts";

export const consultationLevelSchema = z.enum(consultationLevels, {
  error: say.choose("a level of government"),
});

export const triageStateSchema = z.enum(triageStates);

export const sourceKindSchema = z.enum(sourceKinds);

export const syncRunStatusSchema = z.enum(syncRunStatuses);

// ---- forms ----

/** A day typed as 'YYYY-MM-DD' (the date input's value): "the opening date". */
const day = (what: string) => {
  const notReal = `${say.enter(what)} as a real date, for example 31 1 2027`;
  return z
    .string({ error: say.enter(what) })
    .trim()
    .min(1, say.enter(what))
    .refine(isRealDate, notReal);
};

/** Add or edit a consultation entered by hand (Welsh Government, councils...). */
export const manualConsultationSchema = z
  .object({
    title: requiredLine("a title", 300),
    body: requiredLine("the government body", 200),
    level: consultationLevelSchema,
    nation: z
      .union([z.enum(nations, { error: say.choose("a nation from the list") }), z.literal("")])
      .default(""),
    url: z
      .string({ error: say.enter("the link to the consultation") })
      .trim()
      .min(1, say.enter("the link to the consultation"))
      .pipe(
        z.url({ protocol: /^https?$/, error: say.enter("the link as a full web address starting https://") }),
      ),
    description: z.string().trim().max(4000, say.tooLong("the description", 4000)).default(""),
    opensOn: day("the opening date"),
    closesOn: day("the closing date"),
  })
  .superRefine((value, ctx) => {
    if (value.level !== "national" && value.nation === "") {
      ctx.addIssue({
        code: "custom",
        path: ["nation"],
        message: say.choose("the nation of the devolved government or council"),
      });
    }
    if (value.closesOn < value.opensOn) {
      ctx.addIssue({
        code: "custom",
        path: ["closesOn"],
        message: "The closing date must be the same as or after the opening date",
      });
    }
  });

export type ManualConsultationInput = z.output<typeof manualConsultationSchema>;

export const editManualConsultationSchema = z.intersection(
  manualConsultationSchema,
  z.object({
    version: idField("The form is missing the version it started from: reload the page"),
  }),
);

export const triageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("adopt") }),
  z.object({
    intent: z.literal("dismiss"),
    reason: z.string().trim().max(500, say.tooLong("the reason", 500)).default(""),
  }),
  z.object({ intent: z.literal("undo-dismiss") }),
]);

export type TriageForm = z.output<typeof triageSchema>;

/** A triage form's intent is the name of the move it asks of the triage table (models/consultations/triage). */
export type TriageMove = TriageForm["intent"];

export const syncNowSchema = z.object({ intent: z.literal("sync-now") });

export const addKeywordSchema = z.object({
  intent: z.literal("add-keyword"),
  topic: z.string({ error: say.choose("a topic") }).min(1, say.choose("a topic")),
  keyword: requiredText("a keyword", 80)
    .regex(/[\p{L}\p{N}]/u, "A keyword needs at least one letter or digit")
    .transform((value) => value.toLowerCase().replace(/\s+/g, " ")),
});

export const removeKeywordSchema = z.object({
  intent: z.literal("remove-keyword"),
  keywordId: idField("The form is missing the keyword: reload the page"),
});

/** The radar's query string; anything odd falls back to the default rather than failing. */
export const radarFilterSchema = z.object({
  view: z.enum(radarViews).catch("relevant"),
  source: z.union([sourceKindSchema, z.literal("")]).catch(""),
  level: z.union([consultationLevelSchema, z.literal("")]).catch(""),
  nation: z.union([z.enum(nations), z.literal("")]).catch(""),
  q: z.string().trim().max(200).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type RadarFilter = z.output<typeof radarFilterSchema>;

/** Used by routes/consultations._index.tsx. */
export const triageFormSchema = z.intersection(
  triageSchema,
  z.object({ consultationId: idField(), returnTo: z.string().default("") }),
);

/** Used by routes/consultations.topics.tsx. */
export const topicFormSchema = z.discriminatedUnion("intent", [addKeywordSchema, removeKeywordSchema]);
