import type { InputHTMLAttributes, ReactNode } from "react";
import { controlAria, Field } from "~/components/field.tsx";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id"> {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Defaults to `name`; set it when another element on the page already has that id. */
  id?: string;
}

export function TextField({ name, label, hint, error, id = name, className, ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        className={`input${className ? ` ${className}` : ""}`}
        {...controlAria(id, hint, error)}
        {...input}
      />
    </Field>
  );
}
