import { Form } from "@remix-run/react";
import { SelectField } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import type { QuestionView } from "~/models/surveys/results-view.server.ts";
import type { FieldErrors } from "~/utils/forms.ts";

/** What the results page's action answered a refused save with: messages and what was typed. */
export interface EvidenceFormAnswer {
  errors?: FieldErrors;
  values?: Record<string, string>;
}

/** Saves a percentage, count, mean or median of one question as a live figure in the evidence library. */
export function SaveFigure({
  question,
  filter,
  actionData,
}: {
  question: QuestionView;
  filter: string;
  actionData?: EvidenceFormAnswer;
}) {
  const mine = actionData?.values?.questionId === String(question.id) ? actionData : undefined;
  const choice =
    question.kind === "single_choice" || question.kind === "multiple_choice" || question.kind === "yes_no";
  const numeric = question.kind === "scale" || question.kind === "number";
  if (!choice && !numeric) return null;
  const prefix = `q${question.id}`;
  return (
    <details className="save-evidence" open={mine ? true : undefined}>
      <summary>Save a figure from this question as evidence</summary>
      <Form method="post" noValidate className="save-evidence__form">
        <input type="hidden" name="intent" value="save-figure" />
        <input type="hidden" name="questionId" value={question.id} />
        <input type="hidden" name="filter" value={filter} />
        {choice ? (
          <>
            <SelectField
              id={`${prefix}-choiceKey`}
              name="choiceKey"
              label="Answer"
              options={(question.table?.columns ?? []).map((label, k) => ({
                value: question.table?.columnKeys[k] ?? label,
                label,
              }))}
              defaultValue={mine?.values?.choiceKey}
            />
            <SelectField
              id={`${prefix}-measure`}
              name="measure"
              label="Figure"
              options={[
                { value: "percent", label: "Share of respondents giving this answer (%)" },
                { value: "count", label: "Number of respondents giving this answer" },
              ]}
              defaultValue={mine?.values?.measure}
            />
          </>
        ) : (
          <SelectField
            id={`${prefix}-measure`}
            name="measure"
            label="Figure"
            options={[
              { value: "mean", label: "Mean (average)" },
              { value: "median", label: "Median (middle answer)" },
            ]}
            defaultValue={mine?.values?.measure}
          />
        )}
        <TextField
          id={`${prefix}-label`}
          name="label"
          label="Label in the evidence library"
          defaultValue={mine?.values?.label}
          error={mine?.errors?.label}
        />
        <p className="field__hint">
          The figure stays live (recomputed with disclosure control) until a document citing it is approved.
          {filter ? " It keeps this page's filter." : ""} It is read from the published tables, so a figure
          that would let a small group be worked out (from those tables, from the figure for everyone else, or
          from a value published earlier) is refused with the reason.
        </p>
        <button type="submit" className="button button--secondary">
          Save figure
        </button>
      </Form>
    </details>
  );
}

/** Saves one case study answer, given with consent to publish, as a quote in the evidence library. */
export function SaveQuote({
  questionId,
  responseId,
  actionData,
}: {
  questionId: number;
  responseId: number;
  actionData?: EvidenceFormAnswer;
}) {
  const mine =
    actionData?.values?.responseId === String(responseId) &&
    actionData?.values?.questionId === String(questionId);
  return (
    <Form method="post" noValidate className="inline-form save-quote">
      <input type="hidden" name="intent" value="save-quote" />
      <input type="hidden" name="questionId" value={questionId} />
      <input type="hidden" name="responseId" value={responseId} />
      <TextField
        id={`quote-${questionId}-${responseId}`}
        name="label"
        label="Label for the quote"
        defaultValue={mine ? actionData?.values?.label : undefined}
        error={mine ? actionData?.errors?.label : undefined}
      />
      <button type="submit" className="button button--secondary">
        Save as a quote
      </button>
    </Form>
  );
}
