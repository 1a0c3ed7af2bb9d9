import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { SelectField } from "~/components/select-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import type { FieldErrors } from "~/utils/forms.ts";

/** What an action on a page with several intents sends back: the intent, its errors and the typing. */
export interface IntentActionData {
  intent: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

/** Each form's own values and errors, so a refused form keeps its typing and the others stay empty. */
export function intentFeedback(actionData: IntentActionData | undefined) {
  return {
    valuesFor: (intent: string) => (actionData?.intent === intent ? (actionData.values ?? {}) : {}),
    error: (intent: string, field: string) => actionData?.errors?.[`${intent}-${field}`],
  };
}

type Feedback = ReturnType<typeof intentFeedback>;

/** Asking a colleague to review a document (positions, submissions). */
export function RequestReviewForm({
  reviewers,
  feedback: { valuesFor, error },
}: {
  reviewers: { id: number; name: string }[];
  feedback: Feedback;
}) {
  return (
    <Form method="post" className="action-form" noValidate>
      <h3>Ask for review</h3>
      <input type="hidden" name="intent" value="request-review" />
      <SelectField
        id="request-review-reviewerId"
        name="reviewerId"
        label="Reviewer"
        hint="A colleague who did not write it. They get an email."
        placeholder="Choose a reviewer"
        options={reviewers.map((person) => ({ value: String(person.id), label: person.name }))}
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
  );
}

/** The reviewer's two answers: approve, or send back with what needs to change. */
export function ReviewDecisionForms({
  feedback: { valuesFor, error },
  approveNote,
  sendBackHeading,
}: {
  feedback: Feedback;
  approveNote?: ReactNode;
  sendBackHeading: string;
}) {
  return (
    <div className="action-pair">
      <Form method="post" className="action-form" noValidate>
        <h3>Approve</h3>
        {approveNote}
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
        <h3>{sendBackHeading}</h3>
        <input type="hidden" name="intent" value="send-back" />
        <TextareaField
          id="send-back-comment"
          name="comment"
          label="What needs to change"
          hint="The author gets this by email."
          rows={3}
          defaultValue={valuesFor("send-back").comment}
          error={error("send-back", "comment")}
        />
        <button type="submit" className="button button--secondary">
          Send back
        </button>
      </Form>
    </div>
  );
}
