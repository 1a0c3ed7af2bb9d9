import { Form, Link } from "@remix-run/react";
import { SelectField } from "~/components/select-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import type { SubmissionState } from "~/schemas/submissions.ts";
import type { FieldErrors } from "~/utils/forms.ts";

export interface SubmissionActionsView {
  id: number;
  state: SubmissionState;
  canDecide: boolean;
  reviewerName: string | null;
  reviewers: { id: number; name: string }[];
  problems: number;
  published: boolean;
}

interface ActionData {
  intent: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

/** The next steps the lifecycle allows from here; the server checks each again. */
export function SubmissionActions({
  view,
  actionData,
}: {
  view: SubmissionActionsView;
  actionData?: ActionData;
}) {
  const valuesFor = (intent: string) => (actionData?.intent === intent ? (actionData.values ?? {}) : {});
  const error = (intent: string, field: string) => actionData?.errors?.[`${intent}-${field}`];
  const sendable = ["approved", "submitted", "outcome_recorded"].includes(view.state);
  return (
    <section className="submission-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">What happens next</h2>
      {view.problems > 0 && (view.state === "drafting" || view.state === "in_review") ? (
        <p className="panel panel--warning">
          {view.problems === 1 ? "1 citation needs" : `${view.problems} citations need`} fixing before this
          can be reviewed or approved: see the flagged answers below.
        </p>
      ) : null}
      {view.state === "drafting" ? (
        <Form method="post" className="action-form" noValidate>
          <h3>Ask for review</h3>
          <input type="hidden" name="intent" value="request-review" />
          <SelectField
            id="request-review-reviewerId"
            name="reviewerId"
            label="Reviewer"
            hint="A colleague who did not write it. They get an email."
            placeholder="Choose a reviewer"
            options={view.reviewers.map((person) => ({ value: String(person.id), label: person.name }))}
            defaultValue={valuesFor("request-review").reviewerId ?? ""}
            error={error("request-review", "reviewerId")}
          />
          <TextareaField
            id="request-review-message"
            name="message"
            label="Message to the reviewer (optional)"
            rows={3}
            defaultValue={valuesFor("request-review").message}
            error={error("request-review", "message")}
          />
          <button type="submit" className="button">
            Ask for review
          </button>
        </Form>
      ) : null}
      {view.state === "in_review" && !view.canDecide ? (
        <p>Waiting for {view.reviewerName ?? "the reviewer"} to approve it or send it back.</p>
      ) : null}
      {view.state === "in_review" && view.canDecide ? (
        <div className="action-pair">
          <Form method="post" className="action-form" noValidate>
            <h3>Approve</h3>
            <p>Approval freezes every cited figure and the network figures as they stand now.</p>
            <input type="hidden" name="intent" value="approve" />
            <TextareaField
              id="approve-comment"
              name="comment"
              label="Comment (optional)"
              rows={3}
              defaultValue={valuesFor("approve").comment}
              error={error("approve", "comment")}
            />
            <button type="submit" className="button">
              Approve
            </button>
          </Form>
          <Form method="post" className="action-form" noValidate>
            <h3>Send back</h3>
            <input type="hidden" name="intent" value="send-back" />
            <TextareaField
              id="send-back-comment"
              name="comment"
              label="What needs to change"
              rows={3}
              defaultValue={valuesFor("send-back").comment}
              error={error("send-back", "comment")}
            />
            <button type="submit" className="button button--secondary">
              Send back
            </button>
          </Form>
        </div>
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
              {view.state === "approved" ? "Mark as submitted" : "Record of sending and outcome"}
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
      {sendable && !view.published ? (
        <Form method="post" className="action-form" noValidate>
          <h3>Publish</h3>
          <p>Give it a public page that anyone can read and print.</p>
          <input type="hidden" name="intent" value="publish" />
          <button type="submit" className="button button--secondary">
            Publish on a public page
          </button>
        </Form>
      ) : null}
      {view.state === "drafting" || view.state === "in_review" || view.state === "approved" ? (
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
