import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { IntentButton } from "~/components/intent-forms.tsx";
import { PasskeyForm } from "~/components/passkey-form.tsx";
import { TextField } from "~/components/text-field.tsx";
import { requireSecuritySetUp } from "~/models/accounts/auth.server.ts";
import {
  confirmAuthenticatorApp,
  pendingAuthenticatorApp,
  removeAuthenticatorApp,
  startAuthenticatorApp,
} from "~/models/accounts/authenticator-app.server.ts";
import {
  addPasskey,
  passkeyRegistrationOptions,
  relyingPartyOf,
  removePasskey,
} from "~/models/accounts/passkeys.server.ts";
import {
  getSecondFactorOverview,
  issueRecoveryCodes,
  takeSecondFactorAttempt,
} from "~/models/accounts/second-factor.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { readSecurityIntent } from "~/utils/account-forms.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { safeRedirectPath } from "~/utils/redirect.ts";

export const meta: MetaFunction = () => [{ title: "Second factor · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { person, sessionId, stage } = await requireSecuritySetUp(request, context);
  const sealing = { sealKey: context.env.sessionSecret };
  const [overview, passkeyOptions, pendingApp] = await Promise.all([
    getSecondFactorOverview(context.db, person.id),
    passkeyRegistrationOptions(context.db, person, sessionId, relyingPartyOf(context.appUrl)),
    pendingAuthenticatorApp(context.db, person, sealing),
  ]);
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
  return { overview, passkeyOptions, pendingApp, mustSetUp: stage === "set-up", redirectTo };
}

type Answer = { message?: string; recoveryCodes?: string[] | null; errors?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const { person, sessionId } = await requireSecuritySetUp(request, context);
  const formData = await readForm(request);
  const { form, values } = readSecurityIntent(formData);
  if (!form.ok) return data({ errors: form.errors, values }, { status: 400 });
  const input = form.data;
  const sealing = { sealKey: context.env.sessionSecret };
  try {
    const answer = await (async (): Promise<Answer | null> => {
      switch (input.intent) {
        case "add-passkey": {
          const added = await addPasskey(context.db, person, sessionId, {
            response: { ...input.response, clientExtensionResults: {} },
            name: input.name,
            rp: relyingPartyOf(context.appUrl),
          });
          if (!added.ok) return null;
          return { message: `Passkey “${input.name}” added.`, recoveryCodes: added.recoveryCodes };
        }
        case "remove-passkey":
          await removePasskey(context.db, person, input.id);
          return { message: "Passkey removed." };
        case "start-app":
          await startAuthenticatorApp(context.db, person, sealing);
          return { message: "Add Mutual Voice to your authenticator app, then enter the code it shows." };
        case "confirm-app": {
          if (!(await takeSecondFactorAttempt(context.db, person.id))) {
            return { errors: { code: "Too many tries. Wait 15 minutes and try again." } };
          }
          const confirmed = await confirmAuthenticatorApp(context.db, person, sessionId, input.code, sealing);
          if (!confirmed.ok)
            return { errors: { code: "That code is not right: check the app and try the next one" } };
          return { message: "Authenticator app added.", recoveryCodes: confirmed.recoveryCodes };
        }
        case "remove-app":
          await removeAuthenticatorApp(context.db, person);
          return { message: "Authenticator app removed." };
        case "new-recovery-codes":
          return {
            message: "New recovery codes made: the old ones no longer work.",
            recoveryCodes: await issueRecoveryCodes(context.db, person.id),
          };
      }
    })();
    if (!answer)
      return data(
        { errors: { response: "The passkey could not be added: try again" }, values },
        { status: 400 },
      );
    if (answer.errors) return data({ errors: answer.errors, values }, { status: 400 });
    return { message: answer.message, recoveryCodes: answer.recoveryCodes ?? null };
  } catch (error) {
    return refusalAnswer(error, { values });
  }
}

function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo: string | null }) {
  return (
    <div className="panel panel--warning" role="region" aria-labelledby="codes-heading">
      <h2 id="codes-heading">Your recovery codes</h2>
      <p>
        Save these somewhere safe now: they are shown only this once. Each signs you in once if you lose your
        passkey or phone.
      </p>
      <ul className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      {continueTo ? (
        <p>
          <Link className="button" to={continueTo}>
            I have saved them: continue
          </Link>
        </p>
      ) : null}
    </div>
  );
}

export default function AccountSecurity() {
  const { overview, passkeyOptions, pendingApp, mustSetUp, redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> | undefined =
    actionData && "errors" in actionData ? actionData.errors : undefined;
  const values = actionData && "values" in actionData ? actionData.values : undefined;
  const codes = actionData && "recoveryCodes" in actionData ? actionData.recoveryCodes : null;
  const hasFactor = overview.passkeys.length > 0 || overview.authenticatorApp === "on";
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Second factor</h1>
      {actionData && "message" in actionData && actionData.message ? (
        <p className="panel" role="status">
          {actionData.message}
        </p>
      ) : null}
      {codes ? (
        <RecoveryCodes codes={codes} continueTo={mustSetUp || redirectTo !== "/" ? redirectTo : null} />
      ) : null}
      {mustSetUp && !hasFactor ? (
        <p className="panel panel--warning">
          Staff accounts need a second factor. Add a passkey or an authenticator app to finish signing in.
        </p>
      ) : null}
      <p>
        {hasFactor
          ? "After the emailed link, signing in asks for one of these."
          : "Signing in takes only the emailed link. Add a passkey or an authenticator app and it will also ask for one of them."}
      </p>

      <h2>Passkeys</h2>
      {overview.passkeys.length ? (
        <DataTable
          caption="Your passkeys"
          rows={overview.passkeys}
          rowKey={(passkey) => passkey.id}
          columns={[
            { header: "Name", cell: (passkey) => passkey.name },
            { header: "Added", cell: (passkey) => formatDateTime(passkey.createdAt) },
            {
              header: "Last used",
              cell: (passkey) => (passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt) : "Not yet"),
            },
            {
              header: "Remove",
              cell: (passkey) => (
                <IntentButton
                  intent="remove-passkey"
                  fields={{ id: passkey.id }}
                  className="button button--secondary button--small"
                >
                  Remove<span className="visually-hidden"> passkey {passkey.name}</span>
                </IntentButton>
              ),
            },
          ]}
        />
      ) : (
        <p>No passkeys yet.</p>
      )}
      <PasskeyForm
        ceremony={{ kind: "register", options: passkeyOptions }}
        intent="add-passkey"
        label="Add a passkey"
      >
        <TextField
          name="name"
          label="Name for the passkey (optional)"
          hint="So you can tell it apart later, like “Work laptop”."
          maxLength={60}
          defaultValue={values?.name}
          error={errors?.name ?? errors?.response}
        />
      </PasskeyForm>

      <h2>Authenticator app</h2>
      {overview.authenticatorApp === "on" ? (
        <>
          <p>On: signing in can ask for a code from your app.</p>
          <IntentButton intent="remove-app" className="button button--secondary">
            Remove the authenticator app
          </IntentButton>
        </>
      ) : pendingApp ? (
        <>
          <p>
            In your authenticator app, add an account with this key (time-based, 6 digits, every 30 seconds):
          </p>
          <p>
            <code className="secret">{pendingApp.secret}</code>
          </p>
          <p>
            Or open this address on the phone with the app: <a href={pendingApp.uri}>{pendingApp.uri}</a>
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="confirm-app" />
            <TextField
              name="code"
              label="Code from the app"
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              defaultValue={values?.code}
              error={errors?.code}
            />
            <button type="submit" className="button">
              Turn on the authenticator app
            </button>
          </Form>
        </>
      ) : (
        <IntentButton intent="start-app" className="button button--secondary">
          Set up an authenticator app
        </IntentButton>
      )}

      {hasFactor ? (
        <>
          <h2>Recovery codes</h2>
          <p>
            {overview.recoveryCodesLeft === 1 ? "1 code left." : `${overview.recoveryCodesLeft} codes left.`}{" "}
            Making new ones replaces them all.
          </p>
          <IntentButton intent="new-recovery-codes" className="button button--secondary">
            Make new recovery codes
          </IntentButton>
        </>
      ) : null}
      {!mustSetUp ? (
        <p>
          <Link to="/account">Back to your account</Link>
        </p>
      ) : null}
    </>
  );
}
