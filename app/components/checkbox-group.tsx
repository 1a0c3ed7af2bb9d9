interface CheckboxGroupProps {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  hint?: string;
  error?: string;
}

/** The first box carries the group's name as its id, so an error summary link lands on it. */
export function CheckboxGroup({ name, legend, options, checked, hint, error }: CheckboxGroupProps) {
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
      <div className="checkboxes">
        {options.map((option, index) => {
          const id = index === 0 ? name : `${name}-${option.value}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                id={id}
                type="checkbox"
                name={name}
                value={option.value}
                defaultChecked={checked.includes(option.value)}
              />
              <label htmlFor={id}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
