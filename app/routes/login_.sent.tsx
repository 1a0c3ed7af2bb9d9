import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Check your email · Mutual Voice" }];

export default function LoginSent() {
  return (
    <div className="narrow">
      <h1>Check your email</h1>
      <p className="panel">If that address belongs to an account, a link is on its way.</p>
      <p>The link works once and expires after 10 minutes. It can take a minute or two to arrive; check your junk folder too.</p>
      <p>
        <a href="/login">Ask for another link</a>
      </p>
    </div>
  );
}
