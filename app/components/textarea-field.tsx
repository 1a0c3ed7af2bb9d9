import type { ReactNode, TextareaHTMLAttributes } from "react";
import { controlAria, Field } from "~/components/field.tsx";

interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id"> {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Defaults to `name`; set it when one page has two fields of the same name. */
  id?: string;
}

export function TextareaField({
  name,
  label,
  hint,
  error,
  id = name,
  className,
  ...textarea
}: TextareaFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        className={`textarea${className ? ` ${className}` : ""}`}
        {...controlAria(id, hint, error)}
        {...textarea}
      />
    </Field>
  );
}
