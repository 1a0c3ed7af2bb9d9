import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";

/** A Welsh box with its English text above it as the hint, marked lang="en" for screen readers. */
export function WelshTextField({
  name,
  label,
  english,
  defaultValue,
  error,
  long,
}: {
  name: string;
  label: string;
  english: string;
  defaultValue: string;
  error: string | undefined;
  long: boolean;
}) {
  const hint = (
    <>
      English:{" "}
      <span lang="en" className="welsh-source">
        {english}
      </span>
    </>
  );
  return long ? (
    <TextareaField
      name={name}
      label={label}
      hint={hint}
      defaultValue={defaultValue}
      error={error}
      rows={4}
      lang="cy"
    />
  ) : (
    <TextField name={name} label={label} hint={hint} defaultValue={defaultValue} error={error} lang="cy" />
  );
}
