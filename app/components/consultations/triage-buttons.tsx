import { Form, Link } from "@remix-run/react";
import type { TriageState } from "~/schemas/consultations.ts";

/** Adopt, dismiss (with an optional reason) or undo, for one consultation in the radar's list. */
export function TriageButtons({
  id,
  title,
  state,
  returnTo,
  busy,
}: {
  id: number;
  title: string;
  state: TriageState;
  returnTo: string;
  busy: boolean;
}) {
  if (state === "adopted") {
    return (
      <p>
        <Link to={`/submissions/new?consultation=${id}`}>
          Start the submission<span className="visually-hidden"> for {title}</span>
        </Link>
      </p>
    );
  }
  if (state === "dismissed") {
    return (
      <Form method="post">
        <input type="hidden" name="consultationId" value={id} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <button
          type="submit"
          name="intent"
          value="undo-dismiss"
          className="button button--small button--secondary"
          disabled={busy}
        >
          Undo dismissal<span className="visually-hidden"> of {title}</span>
        </button>
      </Form>
    );
  }
  return (
    <div className="radar-item__actions">
      <Form method="post">
        <input type="hidden" name="consultationId" value={id} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <button type="submit" name="intent" value="adopt" className="button button--small" disabled={busy}>
          Adopt<span className="visually-hidden"> {title}</span>
        </button>
      </Form>
      <details className="details">
        <summary>
          Dismiss<span className="visually-hidden"> {title}</span>
        </summary>
        <Form method="post" className="details__body">
          <input type="hidden" name="consultationId" value={id} />
          <input type="hidden" name="returnTo" value={returnTo} />
          {/* Several of these forms share the page, so each field has its own id. */}
          <div className="field">
            <label className="field__label" htmlFor={`reason-${id}`}>
              Reason (optional)
            </label>
            <p className="field__hint" id={`reason-${id}-hint`}>
              For example: not about public service mutuals
            </p>
            <input
              className="input"
              id={`reason-${id}`}
              name="reason"
              maxLength={500}
              aria-describedby={`reason-${id}-hint`}
            />
          </div>
          <button
            type="submit"
            name="intent"
            value="dismiss"
            className="button button--small button--secondary"
            disabled={busy}
          >
            Dismiss<span className="visually-hidden"> {title}</span>
          </button>
        </Form>
      </details>
    </div>
  );
}
