import { CheckboxGroup } from "~/components/checkbox-group.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { ANSWER_LIMITS, OTHER_CHOICE_KEY, type AnonymityMode } from "~/schemas/surveys-labels.ts";
import type { FieldErrors } from "~/utils/forms.ts";
import { messagesFor, type Messages } from "~/utils/i18n.ts";
import {
  consentFieldName,
  fieldName,
  otherFieldName,
  otherInputId,
  titleFieldName,
  consentIn,
  type AnswerableQuestion,
  type AnswerValues,
} from "~/utils/survey-answers.ts";
import { FileAnswerField } from "./file-answer-field.tsx";
import { RadioGroup } from "./radio-group.tsx";
import { Marked } from "./marked.tsx";

const text = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");
const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

/**
 * One question as its form fields, showing what was saved or typed and any error. maxLength lets
 * the browser stop typing at the limit; parseAnswers is what enforces it, counting no more
 * strictly than browsers do (see characterCount).
 */
export function AnswerField({
  question,
  values,
  errors,
  anonymity,
  savedFileName = null,
  t = messagesFor("en"),
}: {
  /** `english` names the texts that fell back to English on a Welsh page (see sectionsIn). */
  question: AnswerableQuestion & { english?: readonly string[] };
  values: AnswerValues;
  errors: FieldErrors | undefined;
  anonymity: AnonymityMode;
  /** A file question's saved file, by name. */
  savedFileName?: string | null;
  /** The page furniture in the page's language. */
  t?: Messages;
}) {
  const name = fieldName(question.id);
  const english = question.english;
  const label = (
    <>
      <Marked english={english} field="prompt" text={question.prompt} />
      {question.required ? "" : ` ${t.optional}`}
    </>
  );
  const hint = question.helpText ? (
    <Marked english={english} field="helpText" text={question.helpText} />
  ) : undefined;
  const config = question.config;
  switch (config.kind) {
    case "single_choice":
    case "multiple_choice": {
      const options = [
        ...config.settings.choices.map((choice) => ({
          value: choice.key,
          label: <Marked english={english} field={`choice:${choice.key}`} text={choice.label} />,
        })),
        ...(config.settings.allowOther ? [{ value: OTHER_CHOICE_KEY, label: t.other }] : []),
      ];
      return (
        <div className="survey-question">
          {config.kind === "single_choice" ? (
            <RadioGroup
              name={name}
              legend={label}
              hint={hint}
              options={options}
              value={text(values[name])}
              error={errors?.[name]}
            />
          ) : (
            <CheckboxGroup
              name={name}
              legend={label}
              hint={hint ?? t.chooseAllThatApply}
              options={options}
              checked={list(values[name])}
              error={errors?.[name]}
            />
          )}
          {config.settings.allowOther ? (
            <TextField
              id={otherInputId(question.id)}
              name={otherFieldName(question.id)}
              label={t.ifOtherPleaseSay}
              defaultValue={text(values[otherFieldName(question.id)])}
              error={errors?.[otherInputId(question.id)]}
              maxLength={ANSWER_LIMITS.otherText}
            />
          ) : null}
        </div>
      );
    }
    case "scale": {
      const { min, max, minLabel, maxLabel } = config.settings;
      const options = Array.from({ length: max - min + 1 }, (_, index) => {
        const point = min + index;
        const field = point === min ? "minLabel" : "maxLabel";
        const end = point === min ? minLabel : point === max ? maxLabel : "";
        return {
          value: String(point),
          label: end ? (
            <>
              {point} (<Marked english={english} field={field} text={end} />)
            </>
          ) : (
            String(point)
          ),
        };
      });
      return (
        <RadioGroup
          name={name}
          legend={label}
          hint={
            hint ??
            t.scaleHint(
              `${min}${minLabel ? `, ${minLabel}` : ""}`,
              `${max}${maxLabel ? `, ${maxLabel}` : ""}`,
            )
          }
          options={options}
          value={text(values[name])}
          error={errors?.[name]}
          inline
        />
      );
    }
    case "number": {
      const { min, max, unit } = config.settings;
      const range = [
        min !== null ? t.numberAtLeast(String(min)) : null,
        max !== null ? t.numberAtMost(String(max)) : null,
      ]
        .filter(Boolean)
        .join(` ${t.and} `);
      return (
        <TextField
          name={name}
          label={
            <>
              {label}
              {unit ? (
                <>
                  {" "}
                  (<Marked english={english} field="unit" text={unit} />)
                </>
              ) : null}
            </>
          }
          hint={
            hint || range ? (
              <>
                {hint}
                {hint && range ? " " : null}
                {range ? t.numberRangeHint(range) : null}
              </>
            ) : undefined
          }
          defaultValue={text(values[name])}
          error={errors?.[name]}
          inputMode="decimal"
          className="input--short"
        />
      );
    }
    case "yes_no":
      return (
        <RadioGroup
          name={name}
          legend={label}
          hint={hint}
          options={[
            { value: "yes", label: t.yes },
            { value: "no", label: t.no },
          ]}
          value={text(values[name])}
          error={errors?.[name]}
          inline
        />
      );
    case "short_text":
      return (
        <TextField
          name={name}
          label={label}
          hint={hint}
          defaultValue={text(values[name])}
          error={errors?.[name]}
          maxLength={ANSWER_LIMITS.shortText}
        />
      );
    case "long_text":
      return (
        <TextareaField
          name={name}
          label={label}
          hint={hint}
          defaultValue={text(values[name])}
          error={errors?.[name]}
          rows={6}
          maxLength={ANSWER_LIMITS.longText}
        />
      );
    case "file":
      return (
        <FileAnswerField
          question={question}
          maxMegabytes={config.settings.maxMegabytes}
          savedFileName={savedFileName}
          error={errors?.[name]}
          t={t}
        />
      );
    case "case_study": {
      const consentOptions = Object.entries(consentIn(t))
        .filter(([value]) => anonymity !== "anonymous" || value !== "attributed")
        .map(([value, consentLabel]) => ({ value, label: consentLabel }));
      return (
        <fieldset className="fieldset survey-question">
          <legend className="field__label">{label}</legend>
          {hint ? <p className="field__hint">{hint}</p> : null}
          <TextField
            name={titleFieldName(question.id)}
            label={t.storyTitle}
            defaultValue={text(values[titleFieldName(question.id)])}
            error={errors?.[titleFieldName(question.id)]}
            maxLength={ANSWER_LIMITS.caseStudyTitle}
          />
          <TextareaField
            name={name}
            label={t.yourStory}
            hint={t.storyHint}
            defaultValue={text(values[name])}
            error={errors?.[name]}
            rows={8}
            maxLength={ANSWER_LIMITS.caseStudyText}
          />
          <RadioGroup
            name={consentFieldName(question.id)}
            legend={t.mayWePublish}
            options={consentOptions}
            value={text(values[consentFieldName(question.id)])}
            error={errors?.[consentFieldName(question.id)]}
          />
        </fieldset>
      );
    }
  }
}
