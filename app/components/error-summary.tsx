import { useEffect, useRef } from "react";
import type { FieldErrors } from "~/utils/forms.ts";

/**
 * GOV.UK pattern: a summary at the top of the form that takes focus, each message linking to
 * its field, so screen reader and keyboard users learn what went wrong straight away.
 */
export function ErrorSummary({
  errors,
  title = "There is a problem",
}: {
  errors: FieldErrors | undefined;
  /** The heading in the page's language ("Mae problem" on a Welsh page). */
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [entries.length, errors]);
  if (!entries.length) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary__title">
        {title}
      </h2>
      <ul className="error-summary__list">
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
