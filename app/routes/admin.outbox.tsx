import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table.tsx";
import { IntentButton } from "~/components/intent-forms.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { listOutbox, retryFailedEmail, type OutboxListEntry } from "~/models/email/admin-outbox.server.ts";
import { outboxStatuses, outboxStatusLabels as statusLabels } from "~/schemas/outbox.ts";
import { PAGE_SIZE } from "~/schemas/paging-labels.ts";
import { requireAdmin } from "~/models/accounts/auth.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { outboxFilterSchema } from "~/schemas/outbox-filters.ts";
import { outboxRetrySchema } from "~/schemas/outbox-filters.ts";

export const meta: MetaFunction = () => [{ title: "Email outbox · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const filter = outboxFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const outbox = await listOutbox(context.db, admin, { ...filter, pageSize: PAGE_SIZE });
  return { ...outbox, ...filter, demoMode: context.env.demoMode };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const parsed = outboxRetrySchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ message: "That action is not recognised." }, { status: 400 });
  const retried = await retryFailedEmail(context.db, admin, parsed.data.id);
  return retried
    ? { message: "The email will be tried again within a minute." }
    : data({ message: "That email has already been sent or is not waiting for a retry." }, { status: 409 });
}

/** How sending one email is going, and a retry for a failed one. */
function Delivery({ entry }: { entry: OutboxListEntry }) {
  const tone =
    entry.status === "failed" ? " status--error" : entry.status === "sent" ? " status--success" : "";
  return (
    <>
      <span className={`status${tone}`}>{statusLabels[entry.status]}</span>
      {entry.sentAt ? <div>{formatDateTime(entry.sentAt)}</div> : null}
      {entry.status === "retrying" ? <div>Next try {formatDateTime(entry.nextAttemptAt)}</div> : null}
      {entry.lastError ? <div className="field__hint">{entry.lastError}</div> : null}
      {entry.status === "failed" ? (
        <IntentButton
          intent="retry"
          fields={{ id: entry.id }}
          className="button button--secondary button--small"
        >
          Try again<span className="visually-hidden"> to send to {entry.to}</span>
        </IntentButton>
      ) : null}
    </>
  );
}

export default function AdminOutbox() {
  const { entries, total, counts, status, page, demoMode } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const params = new URLSearchParams(status ? { status } : {});
  return (
    <>
      <h1>Email outbox</h1>
      <p>
        Every email Mutual Voice sends is written here first, with the change that caused it, and sent by the
        background loop, which retries failures with growing pauses.
        {demoMode ? " Demo mode: nothing is delivered; read messages in the dev mailbox." : ""}
      </p>
      {actionData ? (
        <p className="panel" role="status">
          {actionData.message}
        </p>
      ) : null}
      <nav aria-label="Filter by status">
        <ul className="pagination">
          <li>{status ? <a href="?">All</a> : <strong>All</strong>}</li>
          {outboxStatuses.map((value) => (
            <li key={value}>
              {status === value ? (
                <strong>
                  {statusLabels[value]} ({counts[value]})
                </strong>
              ) : (
                <a href={`?status=${value}`}>
                  {statusLabels[value]} ({counts[value]})
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {entries.length === 0 ? (
        <p className="panel">{status ? "No emails with this status." : "No emails yet."}</p>
      ) : (
        <DataTable
          caption="Emails, newest first"
          rows={entries}
          rowKey={(entry) => entry.id}
          columns={[
            { header: "To", cell: (entry) => entry.to },
            { header: "Subject", cell: (entry) => entry.subject },
            { header: "Written", cell: (entry) => formatDateTime(entry.createdAt) },
            { header: "Status", cell: (entry) => <Delivery entry={entry} /> },
            { header: "Attempts", cell: (entry) => entry.attempts },
          ]}
        />
      )}
      <Pagination page={page} pageCount={Math.ceil(total / PAGE_SIZE)} search={params.toString()} />
    </>
  );
}
