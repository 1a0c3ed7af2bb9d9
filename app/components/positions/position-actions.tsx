import { Link } from "@remix-run/react";
import {
  ConfirmField,
  IntentForm,
  intentFeedback,
  IntentTextarea,
  RequestReviewForm,
  ReviewDecisionForms,
  type IntentActionData,
} from "~/components/review-forms.tsx";
import type { PositionState } from "~/schemas/positions-labels.ts";
import type { PositionMoveName } from "~/schemas/positions.ts";

export interface ActionsView {
  state: PositionState;
  /** The moves the lifecycle offers this person now; the server checks each again. */
  moves: PositionMoveName[];
  editable: boolean;
  reviewerName: string | null;
  reviewers: { id: number; name: string }[];
  hasProblems: boolean;
  /** Why this person may not approve, or record the retrospective review, when that is the reason. */
  cannotApprove: string | null;
  cannotReview: string | null;
}

/** The next steps the lifecycle allows from here. */
export function PositionActions({
  slug,
  view,
  actionData,
}: {
  slug: string;
  view: ActionsView;
  actionData?: IntentActionData;
}) {
  const feedback = intentFeedback(actionData);
  const offers = (move: PositionMoveName) => view.moves.includes(move);
  const decisions = (["approve", "send-back"] as const).filter(offers);
  return (
    <section className="position-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">What happens next</h2>
      {view.editable ? (
        <p>
          <Link className="button" to={`/positions/${slug}/edit`}>
            Edit the text
          </Link>
        </p>
      ) : null}
      {offers("request-review") ? <RequestReviewForm reviewers={view.reviewers} feedback={feedback} /> : null}
      {decisions.length ? (
        <ReviewDecisionForms feedback={feedback} sendBackHeading="Send back to draft" decisions={decisions} />
      ) : null}
      {view.state === "in_review" && !offers("approve") && view.cannotApprove && decisions.length ? (
        <p>{view.cannotApprove}</p>
      ) : null}
      {view.state === "in_review" && !decisions.length ? (
        <p>Waiting for {view.reviewerName ?? "the reviewer"} to approve it or send it back.</p>
      ) : null}
      {offers("publish") || offers("reopen") ? (
        <div className="action-pair">
          {offers("publish") ? (
            <IntentForm intent="publish" heading="Publish" button="Publish">
              <p>
                Members will be able to read it
                {view.hasProblems ? ", once the citation problems are fixed" : ""}.
              </p>
            </IntentForm>
          ) : null}
          {offers("reopen") ? (
            <IntentForm
              intent="reopen"
              heading="Reopen for editing"
              button="Reopen as a draft"
              tone="secondary"
            >
              <p>The approval will no longer stand; it needs review again.</p>
            </IntentForm>
          ) : null}
        </div>
      ) : null}
      {offers("urgent-publish") ? (
        <details className="details" open={actionData?.intent === "urgent-publish"}>
          <summary>Urgent: publish now, review afterwards</summary>
          <IntentForm
            intent="urgent-publish"
            button="Publish without review"
            tone="danger"
            className="details__body"
          >
            <IntentTextarea
              feedback={feedback}
              intent="urgent-publish"
              name="reason"
              label="Why it cannot wait for review"
              rows={2}
            />
            <ConfirmField
              id="urgent-publish-confirm"
              label="I understand it is published at once and marked “awaiting retrospective review”"
              error={feedback.error("urgent-publish", "confirm")}
            />
          </IntentForm>
        </details>
      ) : null}
      {offers("retrospective-review") ? (
        <IntentForm intent="retrospective-review" heading="Retrospective review" button="Record my review">
          <p>This was published without review. Read it and record that a second person has.</p>
          <IntentTextarea
            feedback={feedback}
            intent="retrospective-review"
            name="comment"
            label="Comment (optional)"
          />
        </IntentForm>
      ) : view.cannotReview ? (
        <p>{view.cannotReview}</p>
      ) : null}
      {offers("retire") ? (
        <details className="details" open={actionData?.intent === "retire"}>
          <summary>Retire this position</summary>
          <IntentForm intent="retire" button="Retire position" tone="danger" className="details__body">
            <p>
              Members will no longer see it, nor will the public page. The text and its history stay here.
            </p>
            <ConfirmField
              id="retire-confirm"
              label="Yes, retire it"
              error={feedback.error("retire", "confirm")}
            />
          </IntentForm>
        </details>
      ) : null}
      {view.state === "retired" ? <p>This position is retired. Its text and history are kept.</p> : null}
    </section>
  );
}
