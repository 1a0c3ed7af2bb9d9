import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listMailbox } from "~/models/email/mailbox.server.ts";
import { requireDemoMode } from "~/utils/dev.server.ts";
import { formatDateTime } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: "Dev mailbox · Mutual Voice" }];

// Sign-in links sit on this page: they must not leak through a Referer header.
export const headers: HeadersFunction = () => ({
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
});

export async function loader({ context }: LoaderFunctionArgs) {
  requireDemoMode(context);
  return { messages: await listMailbox(context.db, { limit: 50 }) };
}

export default function DevMailbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Dev mailbox</h1>
      <p>
        Demo mode sends no email: every message stays in the outbox and appears here, newest first. Set{" "}
        <code>SMTP_URL</code> to deliver for real. The same list is at{" "}
        <a href="/dev/mailbox.json">/dev/mailbox.json</a>.
      </p>
      {messages.length === 0 ? (
        <p className="panel">No emails yet. Ask for a sign-in link and it will appear here.</p>
      ) : (
        messages.map((message) => (
          <article key={message.id} className="card mail" aria-labelledby={`mail-${message.id}`}>
            <h2 id={`mail-${message.id}`}>{message.subject}</h2>
            <p>
              To <strong>{message.to}</strong> · {formatDateTime(message.createdAt)}
            </p>
            {/* A link, not a framed preview: fifty frames made the page slow to open and to check. */}
            <p>
              <a href={`/dev/mailbox/${message.id}.html`}>
                HTML version<span className="visually-hidden"> of “{message.subject}”</span>
              </a>
            </p>
            <h3>Plain text</h3>
            <pre>{message.text}</pre>
          </article>
        ))
      )}
    </>
  );
}
