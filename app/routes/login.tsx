import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { TextField } from "~/components/text-field.tsx";
import { requestSignInLink } from "~/models/accounts/sign-in.server.ts";
import { signInSchema } from "~/schemas/auth.ts";
import { getUser } from "~/models/accounts/auth.server.ts";
import { submitForm } from "~/utils/forms.server.ts";
import { safeRedirectPath } from "~/utils/redirect.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Sign in · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
  if (await getUser(request, context)) throw redirect(redirectTo);
  return { redirectTo };
}

/** Known addresses cost a token and an email; a floor on the answer time hides that difference. */
const ANSWER_FLOOR_MS = 250;

export async function action({ request, context }: ActionFunctionArgs) {
  const asked = await submitForm(await readForm(request), signInSchema, async ({ email, redirectTo }) => {
    const floor = new Promise((resolve) => setTimeout(resolve, ANSWER_FLOOR_MS));
    await requestSignInLink(context.db, {
      email,
      ip: context.clientIp,
      redirectTo: safeRedirectPath(redirectTo),
      appUrl: context.appUrl,
      tokenMinutes: context.env.LOGIN_TOKEN_MINUTES,
      limits: { perEmail: context.env.SIGN_IN_LIMIT_PER_EMAIL, perIp: context.env.SIGN_IN_LIMIT_PER_IP },
    });
    await floor;
  });
  if (!asked.ok) return asked.answer;
  // The same answer whether or not the address has an account, and whether or not it was rate limited.
  return redirect("/login/sent");
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <h1>Sign in</h1>
      <p>
        Enter the email address you use for Mutual Voice and we will email you a link to sign in. There is no
        password.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          label="Email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={actionData?.values.email}
          error={actionData?.errors.email}
        />
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "Sending…" : "Email me a sign-in link"}
        </button>
      </Form>
    </div>
  );
}
