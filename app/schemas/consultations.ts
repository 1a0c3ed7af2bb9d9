import { z } from "zod";
import { nations, type Nation } from "./directory.ts";
import type { Government } from "./governments.ts";

export { nations, nationLabels, nationSchema, type Nation } from "./directory.ts";

/** The same lists are the CHECK constraints in db/migrations/20261126150000_consultations.ts. */
export const consultationLevels = ["national", "devolved", "local"] as const;
export type ConsultationLevel = (typeof consultationLevels)[number];
export const consultationLevelSchema = z.enum(consultationLevels, { error: "Choose a level of government" });
export const consultationLevelLabels: Record<ConsultationLevel, string> = {
  national: "National (UK Government)",
  devolved: "Devolved government",
  local: "Local (council)",
};

/**
 * Triage of a consultation on the radar: untouched, adopted (a submission will answer it) or
 * dismissed (not for us, with an optional reason; undoable).
 */
export const triageStates = ["untriaged", "adopted", "dismissed"] as const;
export type TriageState = (typeof triageStates)[number];
export const triageStateSchema = z.enum(triageStates);
export const triageStateLabels: Record<TriageState, string> = {
  untriaged: "Not yet triaged",
  adopted: "Adopted",
  dismissed: "Dismissed",
};

/** Relevance is computed from topic keywords, never set by hand. */
export const relevanceStates = ["relevant", "not_relevant"] as const;
export type RelevanceState = (typeof relevanceStates)[number];
export const relevanceStateLabels: Record<RelevanceState, string> = {
  relevant: "Relevant",
  not_relevant: "Not matched",
};

/** Where a consultation came from. */
export const sourceKinds = ["govuk", "citizen_space", "manual"] as const;
export type SourceKind = (typeof sourceKinds)[number];
export const sourceKindSchema = z.enum(sourceKinds);
export const sourceKindLabels: Record<SourceKind, string> = {
  govuk: "GOV.UK",
  citizen_space: "Citizen Space",
  manual: "Entered by hand",
};

export const syncRunStatuses = ["running", "succeeded", "partial", "failed"] as const;
export type SyncRunStatus = (typeof syncRunStatuses)[number];
export const syncRunStatusSchema = z.enum(syncRunStatuses);
export const syncRunStatusLabels: Record<SyncRunStatus, string> = {
  running: "Running",
  succeeded: "Succeeded",
  partial: "Imported with records skipped",
  failed: "Failed",
};

export const syncTriggers = ["scheduled", "manual"] as const;
export type SyncTrigger = (typeof syncTriggers)[number];

/** The radar's tabs. */
export const radarViews = ["relevant", "open", "adopted", "dismissed"] as const;
export type RadarView = (typeof radarViews)[number];
export const radarViewLabels: Record<RadarView, string> = {
  relevant: "Relevant",
  open: "All open",
  adopted: "Adopted",
  dismissed: "Dismissed",
};

/** The deadlines view: adopted consultations closed already, closing within 7 days, later. */
export const deadlineGroups = ["overdue", "this_week", "later"] as const;
export type DeadlineGroup = (typeof deadlineGroups)[number];

/** The government a submission to a consultation is addressed to, as far as level and nation tell. */
export function governmentOfConsultation(level: ConsultationLevel, nation: Nation | null): Government {
  if (level === "national" || nation === null) return "uk_government";
  if (level === "devolved") {
    return nation === "scotland"
      ? "scottish_government"
      : nation === "wales"
        ? "welsh_government"
        : nation === "northern_ireland"
          ? "northern_ireland_executive"
          : "uk_government";
  }
  const local: Record<Nation, Government> = {
    england: "local_authority_england",
    scotland: "local_authority_scotland",
    wales: "local_authority_wales",
    northern_ireland: "local_authority_northern_ireland",
  };
  return local[nation];
}

export const isNation = (value: string): value is Nation => nations.some((nation) => nation === value);

// ---- forms ----

const trimmed = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(
      max,
      `${label[0]?.toUpperCase()}${label.slice(1)} must be ${max.toLocaleString("en-GB")} characters or fewer`,
    );

const day = (label: string) =>
  z
    .string({ error: `Enter the ${label} date` })
    .trim()
    .min(1, `Enter the ${label} date`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} date as a real date, for example 2027-01-31`)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    }, `Enter the ${label} date as a real date, for example 2027-01-31`);

/** Add or edit a consultation entered by hand (Welsh Government, councils...). */
export const manualConsultationSchema = z
  .object({
    title: trimmed("a title", 300),
    body: trimmed("the government body", 200),
    level: consultationLevelSchema,
    nation: z.union([nationSchemaForForm(), z.literal("")]).default(""),
    url: z
      .string({ error: "Enter the link to the consultation" })
      .trim()
      .min(1, "Enter the link to the consultation")
      .pipe(z.url({ protocol: /^https?$/, error: "Enter the link as a full web address starting https://" })),
    description: z.string().trim().max(4000, "The description must be 4,000 characters or fewer").default(""),
    opensOn: day("opening"),
    closesOn: day("closing"),
  })
  .superRefine((value, ctx) => {
    if (value.level !== "national" && value.nation === "") {
      ctx.addIssue({
        code: "custom",
        path: ["nation"],
        message: "Choose the nation of the devolved government or council",
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

function nationSchemaForForm() {
  return z.enum(nations, { error: "Choose a nation from the list" });
}

export const editManualConsultationSchema = z.intersection(
  manualConsultationSchema,
  z.object({
    version: z.coerce
      .number({ error: "The form is missing the version it started from: reload the page" })
      .int()
      .positive(),
  }),
);

export const adoptSchema = z.object({ intent: z.literal("adopt") });
export const dismissSchema = z.object({
  intent: z.literal("dismiss"),
  reason: z.string().trim().max(500, "The reason must be 500 characters or fewer").default(""),
});
export const undoDismissSchema = z.object({ intent: z.literal("undo-dismiss") });
export const triageSchema = z.discriminatedUnion("intent", [adoptSchema, dismissSchema, undoDismissSchema]);

export const syncNowSchema = z.object({ intent: z.literal("sync-now") });

export const addKeywordSchema = z.object({
  intent: z.literal("add-keyword"),
  topic: z.string({ error: "Choose a topic" }).min(1, "Choose a topic"),
  keyword: z
    .string({ error: "Enter a keyword" })
    .trim()
    .min(1, "Enter a keyword")
    .max(80, "A keyword must be 80 characters or fewer")
    .regex(/[\p{L}\p{N}]/u, "A keyword needs at least one letter or digit")
    .transform((value) => value.toLowerCase().replace(/\s+/g, " ")),
});
export const removeKeywordSchema = z.object({
  intent: z.literal("remove-keyword"),
  keywordId: z.coerce.number().int().positive(),
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
export const RADAR_PAGE_SIZE = 25;

export interface MatchedKeyword {
  topic: string;
  keyword: string;
}
