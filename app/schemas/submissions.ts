import { z } from "zod";
import { campaignChoice } from "./campaign-choice.ts";
import { idField } from "./ids.ts";
import { governmentSchema } from "./governments.ts";
import { optionalText, requiredText, say } from "./messages.ts";

/** The lifecycle: the same list is the CHECK constraint on submissions.state. */
export const submissionStates = [
  "drafting",
  "in_review",
  "approved",
  "submitted",
  "outcome_recorded",
  "withdrawn",
] as const;
export type SubmissionState = (typeof submissionStates)[number];
export const submissionStateSchema = z.enum(submissionStates);
export const submissionStateLabels: Record<SubmissionState, string> = {
  drafting: "Drafting",
  in_review: "In review",
  approved: "Approved",
  submitted: "Submitted",
  outcome_recorded: "Outcome recorded",
  withdrawn: "Withdrawn",
};

/** Answers may change only while nobody has signed them off. */
export const editableSubmissionStates: readonly SubmissionState[] = ["drafting", "in_review"];
/** From approval on, figures and citations are frozen and the document no longer changes. */
export const frozenSubmissionStates: readonly SubmissionState[] = [
  "approved",
  "submitted",
  "outcome_recorded",
];
/** Sent to the government: the record of sending can be corrected and outcomes recorded. */
export const sentSubmissionStates: readonly SubmissionState[] = ["submitted", "outcome_recorded"];

export const submissionChannels = ["online_form", "email", "post"] as const;
export type SubmissionChannel = (typeof submissionChannels)[number];
export const submissionChannelLabels: Record<SubmissionChannel, string> = {
  online_form: "Online form",
  email: "Email",
  post: "Post",
};

export const submissionFileKinds = ["docx", "markdown", "paste_pack"] as const;
export type SubmissionFileKind = (typeof submissionFileKinds)[number];

const MAX_ANSWER_CHARS = 100_000;
export const MAX_QUESTIONS = 300;

const id = idField;
const formMissing = (what: string) => id(`The form is missing ${what}: reload the page`);
const isoDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    }, message);
/** Typing that may be left empty, kept as "" rather than null (an email's note, a record's reference). */
const blankable = (what: string, max: number) => optionalText(what, max).transform((value) => value ?? "");

export const newSubmissionSchema = z.object({
  intent: z.enum(["preview", "create"]),
  consultationId: id(say.choose("a consultation")),
  government: governmentSchema,
  leadId: id(say.choose("a lead")),
  internalDeadline: isoDate("Enter the internal deadline as a date, like 2027-01-15"),
  questions: z
    .string()
    .max(200_000, say.tooLong("the pasted questions", 200_000))
    .refine((value) => value.trim() !== "", "Paste the consultation's questions"),
  campaignId: campaignChoice,
});

export const saveAnswerSchema = z.object({
  intent: z.literal("save-answer"),
  questionId: formMissing("its question"),
  baseVersion: formMissing("the version it started from"),
  answer: z.string().max(MAX_ANSWER_CHARS, say.tooLong("the answer", MAX_ANSWER_CHARS)),
});

const questionFields = {
  number: optionalText("the question number", 20),
  question: requiredText("the question", 5000),
};

export const editQuestionSchema = z.object({
  intent: z.literal("edit-question"),
  questionId: formMissing("its question"),
  baseVersion: formMissing("the version it started from"),
  ...questionFields,
});

export const addQuestionSchema = z.object({ intent: z.literal("add-question"), ...questionFields });

export const deleteQuestionSchema = z.object({
  intent: z.literal("delete-question"),
  questionId: formMissing("its question"),
});

export const requestSubmissionReviewSchema = z.object({
  intent: z.literal("request-review"),
  reviewerId: id(say.choose("a reviewer")),
  message: blankable("the note", 1000),
});

export const reviewDecisionSchema = z.object({
  intent: z.literal("approve"),
  comment: blankable("the comment", 2000),
});

/** Sending back without saying what to change leaves the lead guessing: the comment is required. */
export const sendBackSchema = z.object({
  intent: z.literal("send-back"),
  comment: z
    .string({ error: "Say what needs to change" })
    .trim()
    .min(1, "Say what needs to change")
    .max(2000, say.tooLong("the comment", 2000)),
});

export const withdrawSubmissionSchema = z.object({
  intent: z.literal("withdraw"),
  reason: requiredText("the reason it is withdrawn", 1000),
});

export const publishSubmissionSchema = z.object({ intent: z.literal("publish") });

export const markSubmittedSchema = z.object({
  channel: z.enum(submissionChannels, { error: say.choose("how it was sent") }),
  reference: blankable("the reference", 300),
  sentOn: isoDate("Enter the date it was sent, like 2027-01-15"),
  note: blankable("the note", 2000),
  /** Set when this record corrects an earlier one. */
  correctsId: z.preprocess(
    (value) => (value === "" ? undefined : value),
    id(say.choose("a record")).optional(),
  ),
});

export const recordOutcomeSchema = z.object({
  responseUrl: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.url({ protocol: /^https?$/, error: "Enter the response's web address, starting https://" }).optional(),
  ),
  responseOn: z.preprocess(
    (value) => (value === "" ? undefined : value),
    isoDate("Enter the date of the response, like 2027-03-01").optional(),
  ),
  note: blankable("the note", 4000),
});
