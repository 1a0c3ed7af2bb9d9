import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * One button that posts an `intent` to the page's own action (archive, invite, retry...), for
 * pages where several forms share one action; it is disabled while any form is being sent.
 */
export function IntentButton({
  intent,
  className = "button",
  fields = {},
  children,
}: {
  intent: string;
  className?: string;
  /** Other hidden fields the action needs, such as the id of a row. */
  fields?: Record<string, string | number>;
  children: ReactNode;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} disabled={busy}>
        {children}
      </button>
    </Form>
  );
}

/** "Archive X?": what will happen, a button that does it, and a way back that does nothing. */
export function ConfirmPanel({
  title,
  intent,
  confirmLabel,
  backTo,
  backLabel = "No, go back",
  fields = {},
  children,
}: {
  title: string;
  intent: string;
  /** Other hidden fields the action needs, such as the id of a row. */
  fields?: Record<string, string | number>;
  confirmLabel: string;
  backTo: string;
  backLabel?: string;
  children: ReactNode;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <div className="panel panel--warning" role="region" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">{title}</h2>
      {children}
      <Form method="post" className="inline-actions">
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className="button button--danger" disabled={busy}>
          {confirmLabel}
        </button>
        <Link to={backTo}>{backLabel}</Link>
      </Form>
    </div>
  );
}
