import { z } from "zod";
import { campaignChoice } from "./campaign-choice.ts";
import { idField } from "./ids.ts";
import { governmentSchema } from "./governments.ts";
import { requiredLine, say } from "./messages.ts";
import { pageSchema } from "./paging.ts";

/** The lifecycle: the same list is the CHECK constraint on positions.state. */
export const positionStates = ["draft", "in_review", "approved", "published", "retired"] as const;
export type PositionState = (typeof positionStates)[number];
export const positionStateSchema = z.enum(positionStates);
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
export const positionTopicSchema = z.enum(positionTopics);
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

const MAX_BODY_CHARS = 400_000;

const title = requiredLine("a title", 200);
const summary = z.string().trim().max(1000, say.tooLong("the summary", 1000)).default("");
const body = z.string().max(MAX_BODY_CHARS, say.tooLong("the text", MAX_BODY_CHARS)).default("");
const note = z.string().trim().max(300, say.tooLong("the note", 300)).default("");
const id = idField;

/** Topics arrive as several `topics` fields; the route gathers them into one list before parsing. */
const topics = z
  .array(positionTopicSchema, { error: say.choose("a topic from the list") })
  .min(1, say.choose("at least one topic"));

export const newPositionSchema = z.object({
  title,
  summary,
  topics,
  ownerId: id(say.choose("an owner")),
  isPublic: z.literal("on").optional(),
  body,
  note,
  campaignId: campaignChoice,
});

export const savePositionSchema = z.object({
  intent: z.literal("save"),
  baseVersionId: id("The form is missing the version it started from: reload the page"),
  title,
  summary,
  topics,
  isPublic: z.literal("on").optional(),
  body,
  note,
});

export const previewSchema = z.object({
  body,
  government: z.union([governmentSchema, z.literal("all")]).default("all"),
});

const optionalComment = z.string().trim().max(4000, say.tooLong("the comment", 4000)).default("");
const whatToChange = "Say what needs to change";
const whyUrgent = "Say why this cannot wait for review";

/** The forms of the position page, one a lifecycle move, keyed by the move (the form's intent). */
export const positionMoveSchemas = {
  "request-review": z.object({
    reviewerId: id(say.choose("a reviewer")),
    message: z.string().trim().max(1000, say.tooLong("the message", 1000)).default(""),
  }),
  "send-back": z.object({
    comment: z
      .string({ error: whatToChange })
      .trim()
      .min(1, whatToChange)
      .max(4000, say.tooLong("the comment", 4000)),
  }),
  approve: z.object({ comment: optionalComment }),
  reopen: z.object({}),
  publish: z.object({}),
  "urgent-publish": z.object({
    reason: z
      .string({ error: whyUrgent })
      .trim()
      .min(1, whyUrgent)
      .max(1000, say.tooLong("the reason", 1000)),
    confirm: z.literal("yes", { error: "Confirm that you want to publish without review" }),
  }),
  "retrospective-review": z.object({ comment: optionalComment }),
  retire: z.object({
    confirm: z.literal("yes", { error: "Confirm that you want to retire this position" }),
  }),
};
export type PositionMoveName = keyof typeof positionMoveSchemas;
export const isPositionMoveName = (intent: string): intent is PositionMoveName =>
  Object.hasOwn(positionMoveSchemas, intent);

/** The list's filters, from the query string: anything odd is ignored rather than refused. */
export const positionListQuerySchema = z.object({
  state: positionStateSchema.optional().catch(undefined),
  topic: positionTopicSchema.optional().catch(undefined),
  page: pageSchema,
});

export const compareSchema = z.object({
  from: id("Choose a version to compare from"),
  to: id("Choose a version to compare to"),
});
