import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { setWeeklyDigest } from "~/models/homes/preferences.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { readUnsubscribeToken } from "~/utils/unsubscribe.server.ts";

export const meta: MetaFunction = () => [{ title: "Stop the weekly digest · Mutual Voice" }];

// The token is in the address: it must not reach another site in a Referer header.
const linkHeaders = { "Referrer-Policy": "same-origin", "Cache-Control": "no-store" };

export const headers: HeadersFunction = () => linkHeaders;

const personOf = (request: Request, secret: string) =>
  readUnsubscribeToken(new URL(request.url).searchParams.get("token") ?? "", secret);

/** Opening the link only reads (mail scanners open every link); the button, or a mail client's POST, acts. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const usable = personOf(request, context.env.sessionSecret) !== null;
  return data({ usable }, { status: usable ? 200 : 400, headers: linkHeaders });
}

/**
 * RFC 8058 one-click: a mail client POSTs `List-Unsubscribe=One-Click` to the link itself, without
 * cookies or sign-in, so the signed token in the address is all the authority there is.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request);
  const personId = personOf(request, context.env.sessionSecret);
  const done =
    personId !== null &&
    (await setWeeklyDigest(context.db, personId, { on: false, via: "unsubscribe_link" }));
  return data({ done }, { status: done ? 200 : 400, headers: linkHeaders });
}

export default function Unsubscribe() {
  const { usable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const token = useSearchParams()[0].get("token") ?? "";
  if (actionData?.done) {
    return (
      <div className="narrow">
        <h1>The weekly digest is off</h1>
        <p>
          You will not get the Monday digest any more. Other emails, such as survey invitations, still come.
        </p>
        <p>
          Changed your mind? Turn it back on in <Link to="/account">your account</Link>.
        </p>
      </div>
    );
  }
  if (!usable || actionData) {
    return (
      <div className="narrow">
        <h1>This link does not work</h1>
        <p>
          Check that the whole link was copied from the email. You can also turn the weekly digest off in{" "}
          <Link to="/account">your account</Link>.
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Stop the weekly digest?</h1>
      <p>
        The Monday email lists what is asked of you and where your evidence was used. Other emails still come.
      </p>
      <Form method="post" action={`/unsubscribe?token=${encodeURIComponent(token)}`}>
        <button type="submit" className="button">
          Stop the weekly digest
        </button>
      </Form>
    </div>
  );
}
