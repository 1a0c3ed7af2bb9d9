import type { ReactNode } from "react";
import { describedBy, FieldMessages } from "~/components/field.tsx";

interface CheckboxGroupProps {
  name: string;
  legend: ReactNode;
  options: readonly { value: string; label: ReactNode }[];
  checked: readonly string[];
  hint?: ReactNode;
  error?: string;
}

/** The first box carries the group's name as its id, so an error summary link lands on it. */
export function CheckboxGroup({ name, legend, options, checked, hint, error }: CheckboxGroupProps) {
  return (
    <fieldset
      className={`field fieldset${error ? " field--error" : ""}`}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend className="field__label">{legend}</legend>
      <FieldMessages id={name} hint={hint} error={error} />
      <div className="checkboxes">
        {options.map((option, index) => (
          <Checkbox
            key={option.value}
            id={index === 0 ? name : `${name}-${option.value}`}
            name={name}
            value={option.value}
            label={option.label}
            defaultChecked={checked.includes(option.value)}
          />
        ))}
      </div>
    </fieldset>
  );
}

interface CheckboxProps {
  name: string;
  label: ReactNode;
  defaultChecked: boolean;
  /** Defaults to `name`. */
  id?: string;
  /** What the form sends when it is ticked; "yes" for a single box. */
  value?: string;
}

function Checkbox({ name, label, defaultChecked, id = name, value = "yes" }: CheckboxProps) {
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" name={name} value={value} defaultChecked={defaultChecked} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** One yes-or-no box on its own, as a field of a form. */
export function CheckboxField(props: Omit<CheckboxProps, "value">) {
  return (
    <div className="field">
      <Checkbox {...props} />
    </div>
  );
}
