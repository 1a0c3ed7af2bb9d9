import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { isSignInTokenUsable, redeemSignInToken } from "~/models/accounts/sign-in.server.ts";
import { startSession } from "~/models/accounts/auth.server.ts";
import { verifySignInSchema } from "~/schemas/auth.ts";
import { parseForm } from "~/utils/forms.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Sign-in link · Mutual Voice" }];

/**
 * The token is in this page's address: it must never travel to another site in a Referer header.
 * "same-origin" rather than "no-referrer", because under "no-referrer" browsers send `Origin: null`
 * with the button's POST, and the cross-site check would rightly refuse it.
 */
const linkHeaders = { "Referrer-Policy": "same-origin", "Cache-Control": "no-store" };

export const headers: HeadersFunction = () => linkHeaders;

/**
 * Opening the link only reads: mail scanners (Safe Links, Mimecast) open every link, often more
 * than once, before the person does. The page's button spends the token.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  // The page reads the token from its own address: loader data never carries one.
  if (await isSignInTokenUsable(context.db, token)) return data({ usable: true }, { headers: linkHeaders });
  return data({ usable: false }, { status: 400, headers: linkHeaders });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(verifySignInSchema, await readForm(request));
  const redeemed = form.ok ? await redeemSignInToken(context.db, form.data.token) : null;
  // A redirect, so going back or reloading never posts the spent token again.
  if (redeemed) {
    const userAgent = request.headers.get("User-Agent");
    throw await startSession(context, redeemed.personId, redeemed.redirectTo, userAgent);
  }
  return data({ expired: true }, { status: 400, headers: linkHeaders });
}

export default function VerifySignInLink() {
  const { usable } = useLoaderData<typeof loader>();
  const token = useSearchParams()[0].get("token") ?? "";
  const actionData = useActionData<typeof action>();
  if (usable && !actionData?.expired) {
    return (
      <div className="narrow">
        <h1>Sign in to Mutual Voice</h1>
        <p>Your link is ready. It works once: choose the button to sign in on this device.</p>
        {/* A whole-page post: the session cookie and the redirect arrive as a browser expects. */}
        <Form method="post" action="/login/verify" reloadDocument>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button">
            Sign in to Mutual Voice
          </button>
        </Form>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>This sign-in link has expired or has already been used</h1>
      <p>
        A sign-in link works once and only for 10 minutes; the link in an invitation works once and for 7
        days.
      </p>
      <p>
        <a className="button" href="/login">
          Ask for a new link
        </a>
      </p>
    </div>
  );
}
