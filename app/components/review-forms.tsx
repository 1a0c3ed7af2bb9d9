import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import type { FieldErrors } from "~/utils/forms.ts";

/**
 * The forms of a page that acts on a document (a position, a submission): each form sends its
 * `intent`, and a refused one comes back with its errors keyed `<intent>-<field>` and its typing.
 */

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

/** Above the page: what was wrong with the form just sent, why it was refused, or what it did. */
export function ActionOutcome({
  actionData,
  done,
}: {
  actionData?: { errors?: FieldErrors; refusal?: string | null };
  done?: string | null;
}) {
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={actionData?.refusal} />
      {done ? (
        <p className="panel panel--success" role="status">
          {done}
        </p>
      ) : null}
    </>
  );
}

const buttonTones = {
  primary: "button",
  secondary: "button button--secondary",
  danger: "button button--danger",
};

/** One form of the page: its heading, its intent, its fields and its button. */
export function IntentForm({
  intent,
  heading,
  button,
  tone = "primary",
  className = "action-form",
  children,
}: {
  intent: string;
  heading?: string;
  button: string;
  tone?: keyof typeof buttonTones;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <Form method="post" className={className} noValidate>
      {heading ? <h3>{heading}</h3> : null}
      <input type="hidden" name="intent" value={intent} />
      {children}
      <button type="submit" className={buttonTones[tone]}>
        {button}
      </button>
    </Form>
  );
}

/** A text box of one intent's form, showing that form's typing and errors only. */
export function IntentTextarea({
  feedback: { valuesFor, error },
  intent,
  name,
  label,
  hint,
  rows = 3,
}: {
  feedback: Feedback;
  intent: string;
  name: string;
  label: string;
  hint?: string;
  rows?: number;
}) {
  return (
    <TextareaField
      id={`${intent}-${name}`}
      name={name}
      label={label}
      hint={hint}
      rows={rows}
      defaultValue={valuesFor(intent)[name]}
      error={error(intent, name)}
    />
  );
}

/** "Yes, I mean it": a box to tick before something that cannot be taken back. */
export function ConfirmField({ id, label, error }: { id: string; label: string; error?: string }) {
  return (
    <div className={`field checkbox${error ? " field--error" : ""}`}>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <input id={id} type="checkbox" name="confirm" value="yes" />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** Asking a colleague to review a document (positions, submissions). */
export function RequestReviewForm({
  reviewers,
  feedback,
}: {
  reviewers: { id: number; name: string }[];
  feedback: Feedback;
}) {
  const intent = "request-review";
  return (
    <IntentForm intent={intent} heading="Ask for review" button="Ask for review">
      <SelectField
        id="request-review-reviewerId"
        name="reviewerId"
        label="Reviewer"
        hint="A colleague who did not write it. They get an email."
        placeholder="Choose a reviewer"
        options={reviewers.map((person) => ({ value: String(person.id), label: person.name }))}
        defaultValue={feedback.valuesFor(intent).reviewerId ?? ""}
        error={feedback.error(intent, "reviewerId")}
      />
      <IntentTextarea
        feedback={feedback}
        intent={intent}
        name="message"
        label="Message to the reviewer (optional)"
      />
    </IntentForm>
  );
}

/**
 * The reviewer's two answers: approve, or send back with what needs to change. `decisions` leaves
 * one out when the lifecycle does not offer it (four eyes: you cannot approve your own text).
 */
export function ReviewDecisionForms({
  feedback,
  approveNote,
  sendBackHeading,
  decisions = ["approve", "send-back"],
}: {
  feedback: Feedback;
  approveNote?: ReactNode;
  sendBackHeading: string;
  decisions?: readonly ("approve" | "send-back")[];
}) {
  return (
    <div className="action-pair">
      {decisions.includes("approve") ? (
        <IntentForm intent="approve" heading="Approve" button="Approve">
          {approveNote}
          <IntentTextarea feedback={feedback} intent="approve" name="comment" label="Comment (optional)" />
        </IntentForm>
      ) : null}
      {decisions.includes("send-back") ? (
        <IntentForm intent="send-back" heading={sendBackHeading} button="Send back" tone="secondary">
          <IntentTextarea
            feedback={feedback}
            intent="send-back"
            name="comment"
            label="What needs to change"
            hint="The author gets this by email."
          />
        </IntentForm>
      ) : null}
    </div>
  );
}
