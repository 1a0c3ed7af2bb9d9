import { controlAria, FieldMessages } from "~/components/field.tsx";
import { datePartNames, shownDateParts } from "~/utils/date-parts.ts";

/**
 * GOV.UK's date input: day, month and year in three boxes inside a fieldset. The day box carries
 * the field's id, so the error summary's link lands on it. Works without JavaScript; the server
 * joins the parts (app/utils/date-parts.ts).
 */
export function DateInput({
  name,
  label,
  hint = "For example, 27 3 2027",
  error,
  values,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** The form's values: the typed parts, or the saved date under `name`. */
  values: Partial<Record<string, string>>;
}) {
  const parts = datePartNames(name);
  const shown = shownDateParts(name, values);
  const aria = controlAria(name, hint, error);
  const box = (part: "day" | "month" | "year", text: string, width: string) => (
    <div className="date-input__item">
      <label className="field__label date-input__label" htmlFor={part === "day" ? name : parts[part]}>
        {text}
      </label>
      <input
        id={part === "day" ? name : parts[part]}
        name={parts[part]}
        className={`input ${width}`}
        inputMode="numeric"
        defaultValue={shown[part]}
        aria-invalid={aria["aria-invalid"]}
      />
    </div>
  );
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <fieldset className="date-input" aria-describedby={aria["aria-describedby"]}>
        <legend className="field__label">{label}</legend>
        <FieldMessages id={name} hint={hint} error={error} />
        <div className="date-input__row">
          {box("day", "Day", "input--width-2")}
          {box("month", "Month", "input--width-2")}
          {box("year", "Year", "input--width-4")}
        </div>
      </fieldset>
    </div>
  );
}
