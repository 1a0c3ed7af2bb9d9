import type { ReactNode } from "react";

interface RadioGroupProps {
  name: string;
  legend: ReactNode;
  options: readonly { value: string; label: ReactNode }[];
  value: string | undefined;
  hint?: ReactNode;
  error?: string;
  inline?: boolean;
}

/** The first radio carries the group's name as its id, so an error summary link lands on it. */
export function RadioGroup({ name, legend, options, value, hint, error, inline }: RadioGroupProps) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset
      className={`field fieldset${error ? " field--error" : ""}`}
      aria-describedby={describedBy || undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${name}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className={`radios${inline ? " radios--inline" : ""}`}>
        {options.map((option, index) => {
          const id = index === 0 ? name : `${name}-${option.value}`;
          return (
            <div className="radio" key={option.value}>
              <input
                id={id}
                type="radio"
                name={name}
                value={option.value}
                defaultChecked={value === option.value}
              />
              <label htmlFor={id}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
