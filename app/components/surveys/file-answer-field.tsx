import { controlAria, Field } from "~/components/field.tsx";
import { ACCEPT_ATTRIBUTE } from "~/schemas/files.ts";
import type { Messages } from "~/utils/i18n.ts";
import { fieldName, type AnswerableQuestion } from "~/utils/survey-answers.ts";

/** The box that removes a saved file (the action reads it). */
export const removeFileFieldName = (questionId: number) => `q${questionId}-remove`;

/** A file question: a file input, what is saved already, and a box to remove it. */
export function FileAnswerField({
  question,
  maxMegabytes,
  savedFileName,
  error,
  t,
}: {
  question: AnswerableQuestion;
  maxMegabytes: number;
  savedFileName: string | null;
  error: string | undefined;
  t: Messages;
}) {
  const name = fieldName(question.id);
  const label = `${question.prompt}${question.required ? "" : ` ${t.optional}`}`;
  const hint = `${t.fileHint(question.helpText || null, maxMegabytes)}${savedFileName ? t.fileReplace(savedFileName) : ""}`;
  return (
    <div className="survey-question">
      <Field id={name} label={label} hint={hint} error={error}>
        <input
          id={name}
          name={name}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          {...controlAria(name, hint, error)}
        />
      </Field>
      {savedFileName ? (
        <div className="checkbox field">
          <input
            id={removeFileFieldName(question.id)}
            type="checkbox"
            name={removeFileFieldName(question.id)}
            value="yes"
          />
          <label htmlFor={removeFileFieldName(question.id)}>{t.removeSavedFile(savedFileName)}</label>
        </div>
      ) : null}
    </div>
  );
}
