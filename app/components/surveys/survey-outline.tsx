import type { ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { questionKindLabels } from "~/schemas/surveys-labels.ts";
import { type QuestionSettings } from "~/schemas/surveys.ts";
import type { FieldErrors } from "~/utils/forms.ts";

interface OutlineSection {
  id: number;
  title: string;
  introduction: string;
  questions: { id: number; prompt: string; helpText: string; required: boolean; config: QuestionSettings }[];
}

/** A small form that posts one intent about one section or question. */
function IntentButton({
  intent,
  id,
  direction,
  className,
  children,
}: {
  intent: string;
  id: number;
  direction?: "up" | "down";
  className: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        name={direction ? "direction" : undefined}
        value={direction}
        className={className}
      >
        {children}
      </button>
    </Form>
  );
}

function MoveButtons({
  intent,
  id,
  label,
  first,
  last,
}: {
  intent: "move-section" | "move-question";
  id: number;
  label: string;
  first: boolean;
  last: boolean;
}) {
  const moveButton = (direction: "up" | "down") => (
    <IntentButton
      intent={intent}
      id={id}
      direction={direction}
      className="button button--small button--secondary"
    >
      Move {direction}
      <span className="visually-hidden">: {label}</span>
    </IntentButton>
  );
  return (
    <span className="inline-actions">
      {first ? null : moveButton("up")}
      {last ? null : moveButton("down")}
    </span>
  );
}

/**
 * The survey's sections and questions as the builder shows them. `locked`: people have answered
 * (or the survey has closed), so only wording can change; `archived`: nothing can.
 */
export function SurveyOutline({
  surveyId,
  sections,
  locked,
  archived,
}: {
  surveyId: number;
  sections: OutlineSection[];
  locked: boolean;
  archived: boolean;
}) {
  return sections.map((section, sectionIndex) => (
    <section key={section.id} className="survey-section" aria-labelledby={`section-${section.id}`}>
      <h3 id={`section-${section.id}`}>
        Section {sectionIndex + 1}: {section.title}
      </h3>
      {section.introduction ? <p>{section.introduction}</p> : null}
      {archived ? null : (
        <p>
          <Link to={`/surveys/${surveyId}/sections/${section.id}`}>
            Edit the title and introduction<span className="visually-hidden"> of {section.title}</span>
          </Link>
        </p>
      )}
      {locked ? null : (
        <div className="button-group">
          <MoveButtons
            intent="move-section"
            id={section.id}
            label={section.title}
            first={sectionIndex === 0}
            last={sectionIndex === sections.length - 1}
          />
          <Link to={`/surveys/${surveyId}/questions/new?section=${section.id}`}>
            Add a question<span className="visually-hidden"> to {section.title}</span>
          </Link>
          {sections.length > 1 ? (
            <IntentButton
              intent="delete-section"
              id={section.id}
              className="button button--small button--danger"
            >
              Delete section<span className="visually-hidden">: {section.title}</span>
            </IntentButton>
          ) : null}
        </div>
      )}
      {section.questions.length ? (
        <ol className="survey-question-list">
          {section.questions.map((question, index) => (
            <li key={question.id}>
              <p>
                <strong>{question.prompt}</strong>{" "}
                <span className="status status--muted">{questionKindLabels[question.config.kind]}</span>{" "}
                {question.required ? <span className="status">Required</span> : null}
              </p>
              {question.helpText ? <p className="field__hint">{question.helpText}</p> : null}
              <div className="button-group">
                <Link to={`/surveys/${surveyId}/questions/${question.id}`}>
                  {locked ? "Fix the wording" : "Edit"}
                  <span className="visually-hidden">: {question.prompt}</span>
                </Link>
                {locked ? null : (
                  <>
                    <MoveButtons
                      intent="move-question"
                      id={question.id}
                      label={question.prompt}
                      first={index === 0}
                      last={index === section.questions.length - 1}
                    />
                    <IntentButton
                      intent="delete-question"
                      id={question.id}
                      className="button button--small button--danger"
                    >
                      Delete<span className="visually-hidden">: {question.prompt}</span>
                    </IntentButton>
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p>No questions in this section yet.</p>
      )}
    </section>
  ));
}

export function AddSectionForm({
  values,
  errors,
  submitting,
}: {
  values: Record<string, string> | undefined;
  errors: FieldErrors | undefined;
  submitting: boolean;
}) {
  return (
    <Form method="post" noValidate className="panel">
      <h3>Add a section</h3>
      <input type="hidden" name="intent" value="add-section" />
      <TextField name="title" label="Section title" defaultValue={values?.title} error={errors?.title} />
      <TextareaField
        name="introduction"
        label="Introduction (optional)"
        defaultValue={values?.introduction}
        error={errors?.introduction}
        rows={2}
      />
      <button type="submit" className="button button--secondary" disabled={submitting}>
        Add section
      </button>
    </Form>
  );
}
