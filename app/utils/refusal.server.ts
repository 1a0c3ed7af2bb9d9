import { data } from "@remix-run/node";
import type { FieldErrors } from "./forms.ts";
import { messagesFor, type Language, type RefusalCode } from "./i18n.ts";

export type RefusalKind = "not_found" | "forbidden" | "conflict" | "invalid";

const statuses = { not_found: 404, forbidden: 403, conflict: 409, invalid: 400 } as const satisfies Record<
  RefusalKind,
  number
>;

/**
 * The one way a model says no. It is a Response, so a refusal thrown in a loader reaches the
 * route's ErrorBoundary with its status like any thrown Response; in an action, `refusalAnswer`
 * hands a conflict, a forbidden move or invalid input back to the form that sent it.
 */
export class Refusal extends Response {
  readonly kind: RefusalKind;
  readonly message: string;
  /** Messages against fields, keyed as the form's field names (invalid input). */
  readonly fieldErrors: FieldErrors;
  /** Both sides of a stale edit, for the page to show side by side (conflict). */
  readonly versions: { yours: string; current: string } | null;
  /** A refusal members may meet has a code, so a Welsh page can say it in Welsh. */
  readonly code: RefusalCode | null;

  constructor(
    kind: RefusalKind,
    message: string,
    extra: {
      fieldErrors?: FieldErrors;
      versions?: { yours: string; current: string };
      code?: RefusalCode;
    } = {},
  ) {
    super(message, { status: statuses[kind], headers: { "Content-Type": "text/plain; charset=utf-8" } });
    this.kind = kind;
    this.message = message;
    this.fieldErrors = extra.fieldErrors ?? {};
    this.versions = extra.versions ?? null;
    this.code = extra.code ?? null;
  }

  /** The same refusal with a body of its own: a Response's body can be read only once. */
  copy() {
    return new Refusal(this.kind, this.message, {
      fieldErrors: this.fieldErrors,
      versions: this.versions ?? undefined,
      code: this.code ?? undefined,
    });
  }

  static notFound(message = "Not found") {
    return new Refusal("not_found", message);
  }

  static forbidden(message = "You do not have access to this page.") {
    return new Refusal("forbidden", message);
  }

  static conflict(message: string, versions?: { yours: string; current: string }) {
    return new Refusal("conflict", message, { versions });
  }

  static invalid(message: string, fieldErrors: FieldErrors = {}) {
    return new Refusal("invalid", message, { fieldErrors });
  }

  /** A refusal in the members' message catalogue: its English words, and its code for the Welsh. */
  static said(kind: RefusalKind, code: RefusalCode, fieldErrors: FieldErrors = {}) {
    return new Refusal(kind, messagesFor("en").refusals[code], { fieldErrors, code });
  }

  /** The refusal's words in a member's language (the model's own words when it has no code). */
  messageIn(language: Language) {
    return this.code ? messagesFor(language).refusals[this.code] : this.message;
  }
}

export const isRefusal = (error: unknown): error is Refusal => error instanceof Refusal;

/** A refused action's answer as the page shows it: the reason, the field messages and what was typed. */
export interface RefusedAction {
  refusal: string;
  errors: FieldErrors;
}

/**
 * For an action's catch: a refusal the person can act on comes back to the form with its status
 * (400, 403 or 409) and `extra` (the intent, the typing); "not found" and anything that is not a
 * refusal go on to the ErrorBoundary.
 */
export function refusalAnswer<Extra extends object>(error: unknown, extra: Extra, language: Language = "en") {
  if (!isRefusal(error) || error.kind === "not_found") throw error;
  return data<Extra & RefusedAction>(
    { ...extra, refusal: error.messageIn(language), errors: error.fieldErrors },
    { status: error.status },
  );
}
