import { z } from "zod";
import { governmentSchema } from "./governments.ts";

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
export const positionReviewOutcomeSchema = z.enum(positionReviewOutcomes);

export const MAX_BODY_CHARS = 400_000;

const title = z
  .string({ error: "Enter a title" })
  .trim()
  .min(1, "Enter a title")
  .max(200, "Title must be 200 characters or fewer");
const summary = z.string().trim().max(1000, "Summary must be 1,000 characters or fewer").default("");
const body = z.string().max(MAX_BODY_CHARS, "The text must be 400,000 characters or fewer").default("");
const note = z.string().trim().max(300, "The note must be 300 characters or fewer").default("");
const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);

/** Topics arrive as several `topics` fields; the route gathers them into one list before parsing. */
const topics = z
  .array(positionTopicSchema, { error: "Choose a topic from the list" })
  .min(1, "Choose at least one topic");

export const newPositionSchema = z.object({
  title,
  summary,
  topics,
  ownerId: id("Choose an owner"),
  isPublic: z.literal("on").optional(),
  body,
  note,
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

export const requestReviewSchema = z.object({
  intent: z.literal("request-review"),
  reviewerId: id("Choose a reviewer"),
  message: z.string().trim().max(1000, "The message must be 1,000 characters or fewer").default(""),
});

export const sendBackSchema = z.object({
  intent: z.literal("send-back"),
  comment: z
    .string({ error: "Say what needs to change" })
    .trim()
    .min(1, "Say what needs to change")
    .max(4000, "The comment must be 4,000 characters or fewer"),
});

const optionalComment = z
  .string()
  .trim()
  .max(4000, "The comment must be 4,000 characters or fewer")
  .default("");

export const approveSchema = z.object({ intent: z.literal("approve"), comment: optionalComment });
export const publishSchema = z.object({ intent: z.literal("publish") });
export const urgentPublishSchema = z.object({
  intent: z.literal("urgent-publish"),
  reason: z
    .string({ error: "Say why this cannot wait for review" })
    .trim()
    .min(1, "Say why this cannot wait for review")
    .max(1000, "The reason must be 1,000 characters or fewer"),
  confirm: z.literal("yes", { error: "Confirm that you want to publish without review" }),
});
export const retrospectiveSchema = z.object({
  intent: z.literal("retrospective-review"),
  comment: optionalComment,
});
export const retireSchema = z.object({
  intent: z.literal("retire"),
  confirm: z.literal("yes", { error: "Confirm that you want to retire this position" }),
});
export const reopenSchema = z.object({ intent: z.literal("reopen") });

export const compareSchema = z.object({
  from: id("Choose a version to compare from"),
  to: id("Choose a version to compare to"),
});
