import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { PasskeyForm } from "~/components/passkey-form.tsx";
import { TextField } from "~/components/text-field.tsx";
import { requireSecondStep } from "~/models/accounts/auth.server.ts";
import { signInWithAuthenticatorApp } from "~/models/accounts/authenticator-app.server.ts";
import {
  passkeySignInOptions,
  relyingPartyOf,
  signInWithPasskey,
} from "~/models/accounts/passkeys.server.ts";
import {
  getSecondFactorOverview,
  takeSecondFactorAttempt,
  spendRecoveryCode,
} from "~/models/accounts/second-factor.server.ts";
import { readSecondStep } from "~/utils/account-forms.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { safeRedirectPath } from "~/utils/redirect.ts";

export const meta: MetaFunction = () => [{ title: "Confirm it is you · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { person, sessionId } = await requireSecondStep(request, context);
  const [overview, passkeyOptions] = await Promise.all([
    getSecondFactorOverview(context.db, person.id),
    passkeySignInOptions(context.db, person.id, sessionId, relyingPartyOf(context.appUrl)),
  ]);
  return { passkeyOptions, hasApp: overview.authenticatorApp === "on" };
}

const wrong = {
  "app-code": { code: "That code is not right or has been used: wait for the next one and try again" },
  "recovery-code": { recoveryCode: "That recovery code is not right or has been used" },
  passkey: { response: "That passkey is not one of yours, or it did not answer: try again" },
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const { person, sessionId } = await requireSecondStep(request, context);
  const formData = await readForm(request);
  const { form, values } = readSecondStep(formData);
  if (!form.ok) return data({ errors: form.errors, values }, { status: 400 });
  if (!(await takeSecondFactorAttempt(context.db, person.id))) {
    const errors = { form: "Too many tries. Wait 15 minutes, or sign in with a recovery code later." };
    return data({ errors, values }, { status: 429 });
  }
  const input = form.data;
  const passed =
    input.intent === "app-code"
      ? await signInWithAuthenticatorApp(context.db, person, sessionId, input.code, {
          sealKey: context.env.sessionSecret,
        })
      : input.intent === "recovery-code"
        ? await spendRecoveryCode(context.db, person.id, sessionId, input.recoveryCode)
        : await signInWithPasskey(context.db, person.id, sessionId, {
            response: { ...input.response, clientExtensionResults: {} },
            rp: relyingPartyOf(context.appUrl),
          });
  if (!passed) return data({ errors: wrong[input.intent], values }, { status: 400 });
  throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
}

export default function SecondFactor() {
  const { passkeyOptions, hasApp } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1>Confirm it is you</h1>
      <p>Your emailed link worked. Your account also has a second factor: use it to finish signing in.</p>
      {passkeyOptions ? (
        <section aria-labelledby="passkey-heading">
          <h2 id="passkey-heading">With your passkey</h2>
          <PasskeyForm
            ceremony={{ kind: "authenticate", options: passkeyOptions }}
            intent="passkey"
            label="Use your passkey"
          />
        </section>
      ) : null}
      {hasApp ? (
        <section aria-labelledby="app-heading">
          <h2 id="app-heading">With your authenticator app</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="app-code" />
            <TextField
              name="code"
              label="Code from your authenticator app"
              hint="The 6 digits the app shows for Mutual Voice."
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              defaultValue={actionData?.values.code}
              error={errors && "code" in errors ? errors.code : undefined}
            />
            <button type="submit" className="button">
              Confirm with the code
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="recovery-heading">
        <h2 id="recovery-heading">With a recovery code</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="recovery-code" />
          <TextField
            name="recoveryCode"
            label="Recovery code"
            hint="One of the codes you saved when you added your second factor. Each works once."
            autoComplete="off"
            spellCheck={false}
            defaultValue={actionData?.values.recoveryCode}
            error={errors && "recoveryCode" in errors ? errors.recoveryCode : undefined}
          />
          <button type="submit" className="button button--secondary">
            Confirm with a recovery code
          </button>
        </Form>
      </section>
      <p>Lost them all? Ask an administrator to reset your second factor, then sign in again.</p>
      <Form method="post" action="/logout">
        <button type="submit" className="button button--secondary">
          Sign out
        </button>
      </Form>
    </div>
  );
}
