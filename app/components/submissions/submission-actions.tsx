import { Form, Link } from "@remix-run/react";
import {
  intentFeedback,
  RequestReviewForm,
  ReviewDecisionForms,
  type IntentActionData,
} from "~/components/review-forms.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import {
  editableSubmissionStates,
  frozenSubmissionStates,
  type SubmissionState,
} from "~/schemas/submissions-labels.ts";

interface SubmissionActionsView {
  id: number;
  state: SubmissionState;
  /** The lifecycle's moves this person may make now, by name ("approve", "withdraw"...). */
  moves: readonly string[];
  publish: boolean;
  reviewerName: string | null;
  reviewers: { id: number; name: string }[];
  problems: number;
}

/** The next steps the lifecycle offers this person; the server checks each again. */
export function SubmissionActions({
  view,
  actionData,
}: {
  view: SubmissionActionsView;
  actionData?: IntentActionData;
}) {
  const feedback = intentFeedback(actionData);
  const { valuesFor, error } = feedback;
  const can = (move: string) => view.moves.includes(move);
  const sendable = frozenSubmissionStates.includes(view.state);
  return (
    <section className="submission-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">What happens next</h2>
      {view.problems > 0 && editableSubmissionStates.includes(view.state) ? (
        <p className="panel panel--warning">
          {view.problems === 1 ? "1 citation needs" : `${view.problems} citations need`} fixing before this
          can be reviewed or approved: see the flagged answers below.
        </p>
      ) : null}
      {can("requestReview") ? <RequestReviewForm reviewers={view.reviewers} feedback={feedback} /> : null}
      {view.state === "in_review" && !can("approve") ? (
        <p>Waiting for {view.reviewerName ?? "the reviewer"} to approve it or send it back.</p>
      ) : null}
      {can("approve") ? (
        <ReviewDecisionForms
          feedback={feedback}
          sendBackHeading="Send back"
          approveNote={<p>Approval freezes every cited figure and the network figures as they stand now.</p>}
        />
      ) : null}
      {sendable ? (
        <ul className="submission-exports">
          <li>
            <a href={`/submissions/${view.id}/export.docx`} download>
              Download the Word document (DOCX)
            </a>
          </li>
          <li>
            <a href={`/submissions/${view.id}/export.md`} download>
              Download as Markdown
            </a>
          </li>
          <li>
            <Link to={`/submissions/${view.id}/paste-pack`}>Paste pack for an online form</Link>
          </li>
          <li>
            <Link to={`/submissions/${view.id}/record`}>
              {can("markSubmitted") ? "Mark as submitted" : "Record of sending and outcome"}
            </Link>
          </li>
        </ul>
      ) : (
        <p>
          Drafts can be previewed: <a href={`/submissions/${view.id}/export.docx`}>DOCX</a>,{" "}
          <a href={`/submissions/${view.id}/export.md`}>Markdown</a>,{" "}
          <Link to={`/submissions/${view.id}/paste-pack`}>paste pack</Link>.
        </p>
      )}
      {view.publish ? (
        <Form method="post" className="action-form" noValidate>
          <h3>Publish</h3>
          <p>Give it a public page that anyone can read and print.</p>
          <input type="hidden" name="intent" value="publish" />
          <button type="submit" className="button button--secondary">
            Publish on a public page
          </button>
        </Form>
      ) : null}
      {can("withdraw") ? (
        <details className="details">
          <summary>Withdraw this submission</summary>
          <Form method="post" className="details__body" noValidate>
            <input type="hidden" name="intent" value="withdraw" />
            <TextareaField
              id="withdraw-reason"
              name="reason"
              label="Why it is withdrawn"
              rows={2}
              defaultValue={valuesFor("withdraw").reason}
              error={error("withdraw", "reason")}
            />
            <button type="submit" className="button button--danger">
              Withdraw
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
