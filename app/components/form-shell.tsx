import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import type { FieldErrors } from "~/utils/forms.ts";

/**
 * The frame of a page whose one form adds or edits something: the error summary, a refusal that
 * belongs to no one field (an archived organisation, say), the fields, and a submit button that
 * says it is busy.
 */
export function FormShell({
  errors,
  refusal,
  submitLabel,
  children,
}: {
  errors: FieldErrors | undefined;
  refusal: string | undefined;
  submitLabel: string;
  children: ReactNode;
}) {
  const busy = useNavigation().state === "submitting";
  const shownAgainstAField = Object.values(errors ?? {}).some((message) => message === refusal);
  return (
    <>
      <ErrorSummary errors={errors} />
      <RefusalPanel message={shownAgainstAField ? null : refusal} />
      <Form method="post" noValidate className="narrow">
        {children}
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
      </Form>
    </>
  );
}
