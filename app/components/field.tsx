import type { ReactNode } from "react";

/**
 * What every form field shares, GOV.UK style: a label, then a hint and an error message that the
 * control points at with aria-describedby, so a screen reader reads them with the field.
 */
export function describedBy(id: string, hint: ReactNode, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return ids || undefined;
}

/** The attributes that tie a control to its hint and error. */
export const controlAria = (id: string, hint: ReactNode, error: string | undefined) => ({
  "aria-invalid": error ? true : undefined,
  "aria-describedby": describedBy(id, hint, error),
});

/** A hint that is more than a sentence (a list, a link) needs a block, not a paragraph. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && typeof hint === "string" ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : hint ? (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A labelled field around one control (input, select, textarea). */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}
