import { z } from "zod";
import { idField } from "./ids.ts";
import { optionalText, requiredText, say } from "./messages.ts";
import { positionTopicSchema } from "./positions.ts";

/** The lifecycle: the same list is the CHECK constraint on campaigns.state. */
export const campaignStates = ["active", "paused", "won", "closed"] as const;
export type CampaignState = (typeof campaignStates)[number];
export const campaignStateSchema = z.enum(campaignStates);
export const campaignStateLabels: Record<CampaignState, string> = {
  active: "Active",
  paused: "Paused",
  won: "Won",
  closed: "Closed",
};

/** Who a campaign presses: the four governments, councils and regulators. */
export const campaignTargets = [
  "uk_government",
  "scottish_government",
  "welsh_government",
  "northern_ireland_executive",
  "councils",
  "regulators",
] as const;
export type CampaignTarget = (typeof campaignTargets)[number];
export const campaignTargetSchema = z.enum(campaignTargets, {
  error: say.choose("who the outcome came from"),
});
export const campaignTargetLabels: Record<CampaignTarget, string> = {
  uk_government: "UK Government",
  scottish_government: "Scottish Government",
  welsh_government: "Welsh Government",
  northern_ireland_executive: "Northern Ireland Executive",
  councils: "Councils",
  regulators: "Regulators",
};

/** What a campaign holds; the same list is the CHECK constraint on campaign_links.kind. */
export const campaignLinkKinds = [
  "position",
  "survey",
  "evidence",
  "consultation",
  "submission",
  "letter",
] as const;
export type CampaignLinkKind = (typeof campaignLinkKinds)[number];
export const campaignLinkKindSchema = z.enum(campaignLinkKinds, { error: say.choose("what to link") });
export const campaignLinkKindLabels: Record<CampaignLinkKind, string> = {
  position: "Position",
  survey: "Survey",
  evidence: "Evidence item",
  consultation: "Adopted consultation",
  submission: "Consultation response",
  letter: "Open letter",
};

export const outcomeKinds = ["commitment", "policy_change", "meeting", "rejection"] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];
export const outcomeKindLabels: Record<OutcomeKind, string> = {
  commitment: "Government commitment",
  policy_change: "Policy or guidance change",
  meeting: "Meeting",
  rejection: "Rejection",
};

/** One outcome as every page shows it (staff, public, members). */
export interface CampaignOutcome {
  id: number;
  kind: OutcomeKind;
  kindLabel: string;
  outcomeOn: string;
  government: string;
  sourceUrl: string | null;
  /** What happened, in staff's words: public (named so it is not taken for an internal note). */
  statement: string;
}

const isoDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    }, message);

/** Targets and topics arrive as repeated fields; the route gathers them into lists before parsing. */
export const campaignSchema = z.object({
  name: requiredText("a name", 120),
  ask: requiredText("the ask", 400),
  ownerId: idField(say.choose("an owner")),
  targets: z
    .array(z.enum(campaignTargets, { error: say.choose("who the campaign targets from the list") }))
    .min(1, say.choose("at least one government or body")),
  topics: z
    .array(positionTopicSchema, { error: say.choose("a topic from the list") })
    .min(1, say.choose("at least one topic")),
});
export type CampaignInput = z.output<typeof campaignSchema>;

/** The forms of the staff campaign page, one intent each. */
export const campaignPageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), move: z.enum(["pause", "resume", "win", "close", "reopen"]) }),
  z.object({ intent: z.literal("publish"), isPublic: z.enum(["on", "off"]) }),
  z.object({ intent: z.literal("unlink"), kind: campaignLinkKindSchema, itemId: idField() }),
  z.object({ intent: z.literal("adopt"), consultationId: idField() }),
]);
export type CampaignPageForm = z.output<typeof campaignPageSchema>;

export const linkSchema = z.object({
  kind: campaignLinkKindSchema,
  itemId: idField(say.choose("an item to link")),
});

export const outcomeSchema = z.object({
  kind: z.enum(outcomeKinds, { error: say.choose("what kind of progress it is") }),
  outcomeOn: isoDate("Enter the date as a real date, like 2027-03-01"),
  government: campaignTargetSchema,
  sourceUrl: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z
      .url({ protocol: /^https?$/, error: "Enter the source's web address, starting https://" })
      .max(2000, say.tooLong("the web address", 2000))
      .optional(),
  ),
  note: optionalText("the note", 2000).transform((value) => value ?? ""),
});
export type OutcomeInput = z.output<typeof outcomeSchema>;
