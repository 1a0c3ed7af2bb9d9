// Split from submissions.ts: what a page may need in the browser, without zod (see the javascript budget test).

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

export const MAX_ANSWER_CHARS = 100_000;

export const MAX_QUESTIONS = 300;
