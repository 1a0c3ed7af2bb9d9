import { submissionStateLabels, type SubmissionState } from "~/schemas/submissions-labels.ts";

export function SubmissionStateTag({ state }: { state: SubmissionState }) {
  const tone =
    state === "submitted" || state === "outcome_recorded"
      ? " status--success"
      : state === "withdrawn"
        ? " status--muted"
        : "";
  return <span className={`status${tone}`}>{submissionStateLabels[state]}</span>;
}
