import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { redeemSignInToken } from "~/models/accounts/sign-in.server.ts";
import { startSession } from "~/models/accounts/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Sign-in link · Mutual Voice" }];

// The token is in this page's address: it must never travel in a Referer header.
export const headers: HeadersFunction = () => ({
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const redeemed = await redeemSignInToken(context.db, token);
  // A redirect takes the spent token out of the address bar and the history.
  if (redeemed) throw await startSession(context, redeemed.personId, redeemed.redirectTo);
  return data(null, {
    status: 400,
    headers: { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" },
  });
}

export default function VerifySignInLink() {
  return (
    <div className="narrow">
      <h1>This sign-in link has expired or has already been used</h1>
      <p>Sign-in links work once and only for 10 minutes.</p>
      <p>
        <a className="button" href="/login">
          Ask for a new link
        </a>
      </p>
    </div>
  );
}
