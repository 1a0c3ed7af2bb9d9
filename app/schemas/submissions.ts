import { z } from "zod";
import { governmentSchema } from "./governments.ts";

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

export const submissionChannels = ["online_form", "email", "post"] as const;
export type SubmissionChannel = (typeof submissionChannels)[number];
export const submissionChannelLabels: Record<SubmissionChannel, string> = {
  online_form: "Online form",
  email: "Email",
  post: "Post",
};

export const submissionFileKinds = ["docx", "markdown", "paste_pack"] as const;
export type SubmissionFileKind = (typeof submissionFileKinds)[number];

export const MAX_ANSWER_CHARS = 100_000;
export const MAX_QUESTIONS = 300;

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);
const isoDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    }, message);

const questionText = z
  .string({ error: "Enter the question" })
  .trim()
  .min(1, "Enter the question")
  .max(5000, "A question must be 5,000 characters or fewer");

export const newSubmissionSchema = z.object({
  intent: z.enum(["preview", "create"]),
  consultationId: id("Choose a consultation"),
  government: governmentSchema,
  leadId: id("Choose a lead"),
  internalDeadline: isoDate("Enter the internal deadline as a date, like 2027-01-15"),
  questions: z
    .string()
    .max(200_000, "The pasted questions must be 200,000 characters or fewer")
    .refine((value) => value.trim() !== "", "Paste the consultation's questions"),
});

export const saveAnswerSchema = z.object({
  intent: z.literal("save-answer"),
  questionId: id("The form is missing its question: reload the page"),
  baseVersion: id("The form is missing the version it started from: reload the page"),
  answer: z.string().max(MAX_ANSWER_CHARS, "An answer must be 100,000 characters or fewer"),
});

export const editQuestionSchema = z.object({
  intent: z.literal("edit-question"),
  questionId: id("The form is missing its question: reload the page"),
  baseVersion: id("The form is missing the version it started from: reload the page"),
  number: z.string().trim().max(20, "A question number must be 20 characters or fewer").default(""),
  question: questionText,
});

export const addQuestionSchema = z.object({
  intent: z.literal("add-question"),
  number: z.string().trim().max(20, "A question number must be 20 characters or fewer").default(""),
  question: questionText,
});

export const deleteQuestionSchema = z.object({
  intent: z.literal("delete-question"),
  questionId: id("The form is missing its question: reload the page"),
});

export const requestSubmissionReviewSchema = z.object({
  intent: z.literal("request-review"),
  reviewerId: id("Choose a reviewer"),
  message: z.string().trim().max(1000, "The note must be 1,000 characters or fewer").default(""),
});

export const reviewDecisionSchema = z.object({
  intent: z.enum(["approve", "send-back"]),
  comment: z.string().trim().max(2000, "The comment must be 2,000 characters or fewer").default(""),
});

export const withdrawSubmissionSchema = z.object({
  intent: z.literal("withdraw"),
  reason: z
    .string({ error: "Say why it is withdrawn" })
    .trim()
    .min(1, "Say why it is withdrawn")
    .max(1000, "The reason must be 1,000 characters or fewer"),
});

export const publishSubmissionSchema = z.object({ intent: z.literal("publish") });

export const markSubmittedSchema = z.object({
  channel: z.enum(submissionChannels, { error: "Choose how it was sent" }),
  reference: z.string().trim().max(300, "The reference must be 300 characters or fewer").default(""),
  sentOn: isoDate("Enter the date it was sent, like 2027-01-15"),
  note: z.string().trim().max(2000, "The note must be 2,000 characters or fewer").default(""),
  /** Set when this record corrects an earlier one. */
  correctsId: z.preprocess((value) => (value === "" ? undefined : value), id("Choose a record").optional()),
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
  note: z.string().trim().max(4000, "The note must be 4,000 characters or fewer").default(""),
});
