import { z } from "zod";
import { idField } from "./ids.ts";
import { optionalText, requiredText, say } from "./messages.ts";
import { positionTopicSchema } from "./positions.ts";

import { campaignLinkKinds, campaignStates, campaignTargets, outcomeKinds } from "./campaign-labels.ts";

export * from "./campaign-labels.ts";

export const campaignStateSchema = z.enum(campaignStates);
export const campaignTargetSchema = z.enum(campaignTargets, {
  error: say.choose("who the outcome came from"),
});
export const campaignLinkKindSchema = z.enum(campaignLinkKinds, { error: say.choose("what to link") });

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

/** Kinds an item's own page can add to a campaign (a consultation joins by adoption on the radar). */
export const itemKindSchema = z.enum(["position", "survey", "evidence", "submission", "letter"], {
  error: say.choose("what to add"),
});

/** "Add to a campaign" from an item's own page. */
export const addToCampaignSchema = z.object({
  kind: itemKindSchema,
  itemId: idField(),
  campaignId: idField(say.choose("a campaign from the list")),
});

/**
 * The edit form: the campaign's fields, the state it should be in (moved through the lifecycle
 * table) and `stamp`, when the campaign last changed as the form saw it, so a stale save is refused.
 */
export const campaignEditSchema = campaignSchema.extend({
  state: z.enum(campaignStates, { error: say.choose("a state from the list") }),
  stamp: z
    .string({ error: say.expiredForm })
    .regex(/^\d{1,16}$/, say.expiredForm)
    .transform(Number),
});
export type CampaignEditInput = z.output<typeof campaignEditSchema>;
