import type { SelectHTMLAttributes } from "react";
import { controlAria, Field } from "~/components/field.tsx";

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id"> {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  hint?: string;
  error?: string;
  id?: string;
  /** A first, empty choice such as "Choose a reviewer". */
  placeholder?: string;
}

export function SelectField({
  name,
  label,
  options,
  hint,
  error,
  id = name,
  placeholder,
  ...select
}: SelectFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <select id={id} name={name} {...controlAria(id, hint, error)} {...select}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Choices from a labels record, in the record's order. */
export const optionsFrom = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
