import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { JobStatus } from "~/components/job-status.tsx";
import {
  latestSyncRequest,
  listSyncStatus,
  requestConsultationSync,
} from "~/models/consultations/sync.server.ts";
import { syncRunStatusLabels, type SyncRunStatus } from "~/schemas/consultations-labels.ts";
import { syncNowSchema } from "~/schemas/consultations.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { parseForm } from "~/utils/forms.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Sources and sync · Consultation radar · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const [sources, syncRequest] = await Promise.all([
    listSyncStatus(context.db, user),
    latestSyncRequest(context.db, user),
  ]);
  return { sources, syncRequest };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const form = parseForm(syncNowSchema, await readForm(request));
  if (!form.ok) return data({ error: "The form could not be read: reload the page." }, { status: 400 });
  // The background loop runs it; the page shows how it goes. A sync already waiting is not doubled.
  await requestConsultationSync(context.db, user);
  return redirect("/consultations/sources", 303);
}

const statusTone: Record<SyncRunStatus, string> = {
  running: "status--muted",
  succeeded: "status--success",
  partial: "status--warning",
  failed: "status--error",
};

export default function ConsultationSources() {
  const { sources, syncRequest } = useLoaderData<typeof loader>();
  const active = syncRequest?.state === "queued" || syncRequest?.state === "running";
  const syncing = useNavigation().state === "submitting" || active;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/consultations">Consultation radar</Link>
      </p>
      <h1>Sources and sync</h1>
      <p>
        Open consultations are imported every day from GOV.UK and the Citizen Space sites below. A source that
        fails is tried again the next day, or when you sync now.
      </p>
      <Form method="post">
        <button type="submit" name="intent" value="sync-now" className="button" disabled={syncing}>
          {syncing ? "Syncing…" : "Sync now"}
        </button>
      </Form>
      {syncRequest ? <JobStatus job={syncRequest} label="Sync now" /> : null}
      {sources.length === 0 ? (
        <p className="panel">Nothing has been synced yet. Sync now to import the open consultations.</p>
      ) : (
        sources.map((source) => (
          <section key={source.id} aria-labelledby={`source-${source.id}`} className="source">
            <h2 id={`source-${source.id}`}>
              {source.name}
              {source.enabled ? "" : " (no longer configured)"}
            </h2>
            {source.runs.length === 0 ? (
              <p>Not synced yet.</p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">Latest runs of {source.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Started</th>
                    <th scope="col">Result</th>
                    <th scope="col">Imported</th>
                    <th scope="col">Updated</th>
                    <th scope="col">Skipped</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {source.runs.map((run) => (
                    <tr key={run.id}>
                      <td>
                        {formatDateTime(run.startedAt)}
                        <br />
                        <span className="field__hint">
                          {run.trigger === "manual"
                            ? `Sync now${run.startedBy ? ` by ${run.startedBy}` : ""}`
                            : "Daily"}
                        </span>
                      </td>
                      <td>
                        <span className={`status ${statusTone[run.status]}`}>
                          {syncRunStatusLabels[run.status]}
                        </span>
                      </td>
                      <td>{run.imported}</td>
                      <td>{run.updated}</td>
                      <td>{run.skippedCount}</td>
                      <td>
                        {run.errorMessage ? (
                          <>
                            {run.errorAt ? `${formatDateTime(run.errorAt)}: ` : ""}
                            {run.errorMessage}
                          </>
                        ) : null}
                        {run.skipped.length ? (
                          <details className="details">
                            <summary>Skipped records</summary>
                            <ul className="details__body">
                              {run.skipped.map((skip, index) => (
                                <li key={`${skip.ref}-${index}`}>
                                  {skip.ref}: {skip.reason}
                                </li>
                              ))}
                            </ul>
                          </details>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))
      )}
    </>
  );
}
