import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { TriageState } from "~/schemas/consultations-labels.ts";
import type { TriageMove } from "~/schemas/consultations.ts";

/** One triage form of one consultation: the radar's action reads which one, and where the list was. */
export function TriageMoveForm({
  id,
  returnTo,
  className,
  children,
}: {
  id: number;
  returnTo: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" className={className}>
      <input type="hidden" name="consultationId" value={id} />
      <input type="hidden" name="returnTo" value={returnTo} />
      {children}
    </Form>
  );
}

/**
 * The triage moves the table offers for one consultation in the radar's list (adopt, dismiss with
 * an optional reason, undo), or the way into its submission once adopted.
 */
export function TriageButtons({
  id,
  title,
  state,
  moves,
  returnTo,
  busy,
}: {
  id: number;
  title: string;
  state: TriageState;
  moves: readonly TriageMove[];
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
  return (
    <div className="radar-item__actions">
      {moves.includes("adopt") ? (
        <TriageMoveForm id={id} returnTo={returnTo}>
          <button type="submit" name="intent" value="adopt" className="button button--small" disabled={busy}>
            Adopt<span className="visually-hidden"> {title}</span>
          </button>
        </TriageMoveForm>
      ) : null}
      {moves.includes("dismiss") ? (
        <details className="details">
          <summary>
            Dismiss<span className="visually-hidden"> {title}</span>
          </summary>
          <TriageMoveForm id={id} returnTo={returnTo} className="details__body">
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
          </TriageMoveForm>
        </details>
      ) : null}
      {moves.includes("undo-dismiss") ? (
        <TriageMoveForm id={id} returnTo={returnTo}>
          <button
            type="submit"
            name="intent"
            value="undo-dismiss"
            className="button button--small button--secondary"
            disabled={busy}
          >
            Undo dismissal<span className="visually-hidden"> of {title}</span>
          </button>
        </TriageMoveForm>
      ) : null}
    </div>
  );
}
