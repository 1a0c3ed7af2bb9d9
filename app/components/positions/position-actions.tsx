import { Form, Link } from "@remix-run/react";
import {
  intentFeedback,
  RequestReviewForm,
  ReviewDecisionForms,
  type IntentActionData,
} from "~/components/review-forms.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import type { PositionState } from "~/schemas/positions.ts";

export interface ActionsView {
  state: PositionState;
  awaiting: boolean;
  isAdmin: boolean;
  canDecide: boolean;
  isPublisher: boolean;
  reviewerName: string | null;
  reviewers: { id: number; name: string }[];
  hasProblems: boolean;
}

/** The next steps the lifecycle allows from here; the server checks each again. */
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
  const { valuesFor, error } = feedback;
  const editable = view.state === "draft" || view.state === "in_review";
  return (
    <section className="position-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">What happens next</h2>
      {editable ? (
        <p>
          <Link className="button" to={`/positions/${slug}/edit`}>
            Edit the text
          </Link>
        </p>
      ) : null}
      {view.state === "draft" ? <RequestReviewForm reviewers={view.reviewers} feedback={feedback} /> : null}
      {view.state === "in_review" && view.canDecide ? (
        <ReviewDecisionForms feedback={feedback} sendBackHeading="Send back to draft" />
      ) : null}
      {view.state === "in_review" && !view.canDecide ? (
        <p>Waiting for {view.reviewerName ?? "the reviewer"} to approve it or send it back.</p>
      ) : null}
      {view.state === "approved" ? (
        <div className="action-pair">
          <Form method="post" className="action-form">
            <h3>Publish</h3>
            <p>
              Members will be able to read it
              {view.hasProblems ? ", once the citation problems are fixed" : ""}.
            </p>
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="button">
              Publish
            </button>
          </Form>
          <Form method="post" className="action-form">
            <h3>Reopen for editing</h3>
            <p>The approval will no longer stand; it needs review again.</p>
            <input type="hidden" name="intent" value="reopen" />
            <button type="submit" className="button button--secondary">
              Reopen as a draft
            </button>
          </Form>
        </div>
      ) : null}
      {editable && view.isAdmin ? (
        <details className="details" open={actionData?.intent === "urgent-publish"}>
          <summary>Urgent: publish now, review afterwards</summary>
          <Form method="post" className="details__body" noValidate>
            <input type="hidden" name="intent" value="urgent-publish" />
            <TextareaField
              id="urgent-publish-reason"
              name="reason"
              label="Why it cannot wait for review"
              rows={2}
              defaultValue={valuesFor("urgent-publish").reason}
              error={error("urgent-publish", "reason")}
            />
            <div className={`field checkbox${error("urgent-publish", "confirm") ? " field--error" : ""}`}>
              {error("urgent-publish", "confirm") ? (
                <p className="field__error" id="urgent-publish-confirm-error">
                  <span className="visually-hidden">Error: </span>
                  {error("urgent-publish", "confirm")}
                </p>
              ) : null}
              <input id="urgent-publish-confirm" type="checkbox" name="confirm" value="yes" />
              <label htmlFor="urgent-publish-confirm">
                I understand it is published at once and marked “awaiting retrospective review”
              </label>
            </div>
            <button type="submit" className="button button--danger">
              Publish without review
            </button>
          </Form>
        </details>
      ) : null}
      {view.state === "published" && view.awaiting ? (
        view.isPublisher ? (
          <p>You published this without review: someone else must record the retrospective review.</p>
        ) : (
          <Form method="post" className="action-form" noValidate>
            <h3>Retrospective review</h3>
            <p>This was published without review. Read it and record that a second person has.</p>
            <input type="hidden" name="intent" value="retrospective-review" />
            <TextareaField
              id="retrospective-review-comment"
              name="comment"
              label="Comment (optional)"
              rows={3}
              defaultValue={valuesFor("retrospective-review").comment}
              error={error("retrospective-review", "comment")}
            />
            <button type="submit" className="button">
              Record my review
            </button>
          </Form>
        )
      ) : null}
      {view.state === "published" ? (
        <details className="details" open={actionData?.intent === "retire"}>
          <summary>Retire this position</summary>
          <Form method="post" className="details__body" noValidate>
            <input type="hidden" name="intent" value="retire" />
            <p>
              Members will no longer see it, nor will the public page. The text and its history stay here.
            </p>
            <div className={`field checkbox${error("retire", "confirm") ? " field--error" : ""}`}>
              {error("retire", "confirm") ? (
                <p className="field__error" id="retire-confirm-error">
                  <span className="visually-hidden">Error: </span>
                  {error("retire", "confirm")}
                </p>
              ) : null}
              <input id="retire-confirm" type="checkbox" name="confirm" value="yes" />
              <label htmlFor="retire-confirm">Yes, retire it</label>
            </div>
            <button type="submit" className="button button--danger">
              Retire position
            </button>
          </Form>
        </details>
      ) : null}
      {view.state === "retired" ? <p>This position is retired. Its text and history are kept.</p> : null}
    </section>
  );
}
