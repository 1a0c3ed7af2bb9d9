import { Form } from "@remix-run/react";
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useRef, useState, useSyncExternalStore, type ReactNode } from "react";

const noSubscription = () => () => {};

type Ceremony =
  | { kind: "register"; options: PublicKeyCredentialCreationOptionsJSON }
  | { kind: "authenticate"; options: PublicKeyCredentialRequestOptionsJSON };

/**
 * A passkey needs the browser's WebAuthn API, so this form is the one part of signing in that needs
 * JavaScript; the authenticator app and recovery codes beside it work without. The browser's
 * answer goes in a hidden field and the form posts as any other, for the server to check.
 * Only the pages that use it load @simplewebauthn/browser (Remix bundles it with their route).
 */
export function PasskeyForm({
  ceremony,
  intent,
  label,
  children,
}: {
  ceremony: Ceremony;
  intent: string;
  label: string;
  /** More fields to send with it (a name for a new passkey). */
  children?: ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const responseRef = useRef<HTMLInputElement>(null);
  // False in the server's HTML, true once the page runs JavaScript (without importing the editor's copy).
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const rpId = ceremony.kind === "register" ? ceremony.options.rp.id : ceremony.options.rpId;
  const state = !hydrated
    ? "waiting"
    : !browserSupportsWebAuthn()
      ? "unsupported"
      : rpId && window.location.hostname !== rpId
        ? "elsewhere"
        : busy
          ? "busy"
          : "ready";

  async function run() {
    setProblem(null);
    setBusy(true);
    try {
      const answer =
        ceremony.kind === "register"
          ? await startRegistration({ optionsJSON: ceremony.options })
          : await startAuthentication({ optionsJSON: ceremony.options });
      if (responseRef.current) responseRef.current.value = JSON.stringify(answer);
      formRef.current?.requestSubmit();
    } catch {
      setProblem("The passkey was not used. Try again, or use another way.");
      setBusy(false);
    }
  }

  return (
    <Form method="post" ref={formRef}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="response" ref={responseRef} defaultValue="" />
      {state === "unsupported" || state === "elsewhere" ? null : children}
      {state === "unsupported" ? (
        <p>This browser cannot use passkeys.</p>
      ) : state === "elsewhere" ? (
        <p>
          Passkeys for Mutual Voice work at <strong>{rpId}</strong>: open this page there to use one.
        </p>
      ) : (
        <button type="button" className="button" onClick={run} disabled={state !== "ready"}>
          {label}
        </button>
      )}
      {state === "waiting" ? <p className="field__hint">Passkeys need JavaScript in your browser.</p> : null}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </Form>
  );
}
