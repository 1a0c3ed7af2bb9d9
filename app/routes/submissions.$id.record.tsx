import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { SubmissionBreadcrumbs, useSubmission } from "~/components/submissions/area.tsx";
import { sentForm } from "~/components/submissions/sent-form.ts";
import { SubmissionStateTag } from "~/components/submissions/state-tag.tsx";
import { TextField } from "~/components/text-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { markSubmitted, recordOutcome, submissionActions } from "~/models/submissions/lifecycle.server.ts";
import { listOutcomes, listSubmissionRecords } from "~/models/submissions/records.server.ts";
import { getSubmission, submissionForPage } from "~/models/submissions/submissions.server.ts";
import { submissionChannelLabels, submissionChannels } from "~/schemas/submissions-labels.ts";
import { markSubmittedSchema, recordOutcomeSchema } from "~/schemas/submissions.ts";
import { formatDate, formatDateTime } from "~/utils/format.ts";
import { idParam } from "~/utils/ids.ts";
import { londonToday } from "~/utils/london-time.ts";
import { intentForms } from "~/utils/submission-forms.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

const fileLabels = {
  docx: "Word document",
  markdown: "Markdown",
  paste_pack: "Paste pack (plain text)",
} as const;

export const meta: MetaFunction = () => [{ title: "Record of sending · Submissions · Mutual Voice" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, submission } = await submissionForPage(request, context, params);
  const { moves, correctRecord } = submissionActions(user, submission);
  return {
    can: {
      markSubmitted: moves.includes("markSubmitted"),
      recordOutcome: moves.includes("recordOutcome") || moves.includes("addOutcome"),
      correctRecord,
    },
    records: await listSubmissionRecords(context.db, user, submission.id),
    outcomes: await listOutcomes(context.db, user, submission.id),
    today: londonToday(),
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const { id: submissionId } = await getSubmission(context.db, user, idParam(params, "id"));
  // The outcome's note has its own id here: the correction form has a "note" too.
  const { intent, run, unrecognised } = intentForms(await readForm(request), (intent, field) =>
    intent === "record-outcome" && field === "note" ? "outcome-note" : field,
  );
  const done = () => redirect(`/submissions/${submissionId}/record?done=${intent}`);
  switch (intent) {
    case "mark-submitted":
    case "correct":
      return run(markSubmittedSchema, async (sending) => {
        const correctsId = intent === "correct" ? sending.correctsId : undefined;
        await markSubmitted(context.db, user, { ...sending, submissionId, correctsId });
        return done();
      });
    case "record-outcome":
      return run(recordOutcomeSchema, async (outcome) => {
        await recordOutcome(context.db, user, { ...outcome, submissionId });
        return done();
      });
    default:
      return unrecognised();
  }
}

/** How it was sent: the same fields mark it as submitted and correct the record. */
function SendingFields({ field, today }: { field: ReturnType<typeof sentForm>; today: string }) {
  const channel = field("channel");
  return (
    <>
      <fieldset className={`field fieldset${channel.error ? " field--error" : ""}`}>
        <legend className="field__label">How was it sent?</legend>
        {channel.error ? (
          <p className="field__error" id="channel-error">
            <span className="visually-hidden">Error: </span>
            {channel.error}
          </p>
        ) : null}
        <div className="checkboxes">
          {submissionChannels.map((value, index) => {
            const id = index === 0 ? "channel" : `channel-${value}`;
            return (
              <div className="checkbox" key={value}>
                <input
                  id={id}
                  type="radio"
                  name="channel"
                  value={value}
                  defaultChecked={channel.defaultValue === value}
                />
                <label htmlFor={id}>{submissionChannelLabels[value]}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
      <TextField
        {...field("reference")}
        label="Reference (optional)"
        hint="The form's receipt number, or the email's subject."
      />
      <TextField
        {...field("sentOn")}
        defaultValue={field("sentOn").defaultValue ?? today}
        label="Date sent"
        type="date"
      />
      <TextareaField {...field("note")} label="Note (optional)" rows={2} />
    </>
  );
}

export default function RecordPage() {
  const { can, records, outcomes, today, done } = useLoaderData<typeof loader>();
  const submission = useSubmission();
  const actionData = useActionData<typeof action>();
  const outcome = sentForm(actionData, "record-outcome");
  const latest = records.find((record) => record.correctedById === null);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={actionData?.refusal} />
      {done ? (
        <p className="panel panel--success" role="status">
          {done === "record-outcome"
            ? "Outcome recorded."
            : "Recorded. The files as sent are kept with their hashes."}
        </p>
      ) : null}
      <SubmissionBreadcrumbs />
      <h1>Record of sending</h1>
      <p>
        <SubmissionStateTag state={submission.state} />
      </p>
      {can.markSubmitted ? (
        <Form method="post" className="action-form" noValidate>
          <h2>Mark as submitted</h2>
          <p>
            The Word document, the Markdown file and the paste pack are kept exactly as they are now, with
            their SHA-256. This record cannot be edited afterwards; a mistake is put right with a correction.
          </p>
          <input type="hidden" name="intent" value="mark-submitted" />
          <SendingFields field={sentForm(actionData, "mark-submitted")} today={today} />
          <button type="submit" className="button">
            Mark as submitted
          </button>
        </Form>
      ) : null}
      {!can.markSubmitted && !can.correctRecord ? (
        <p className="panel">It can be marked as submitted once it has been approved.</p>
      ) : null}
      {records.length ? (
        <section aria-labelledby="records-title">
          <h2 id="records-title">What was sent</h2>
          <ol className="timeline">
            {records.map((record) => (
              <li key={record.id}>
                <strong>
                  {submissionChannelLabels[record.channel]}
                  {record.reference ? `, reference ${record.reference}` : ""}
                </strong>
                , sent {formatDateTime(record.sentAt)}; recorded by{" "}
                {record.recordedByName ?? "a former colleague"} on {formatDateTime(record.recordedAt)}.
                {record.correctsId ? <p>Corrects the record made before it.</p> : null}
                {record.correctedById ? <p>Corrected by a later record.</p> : null}
                {record.note ? <p className="timeline__comment">{record.note}</p> : null}
                <ul>
                  {record.files.map((file) => (
                    <li key={file.kind}>
                      {fileLabels[file.kind]} ({file.filename}, {file.bytes.toLocaleString("en-GB")} bytes),
                      SHA-256 <code className="hash">{file.sha256}</code>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          <p>
            Download the files as sent:{" "}
            <a href={`/submissions/${submission.id}/export.docx`}>Word document</a>,{" "}
            <a href={`/submissions/${submission.id}/export.md`}>Markdown</a>.
          </p>
        </section>
      ) : null}
      {can.correctRecord && latest ? (
        <details className="details">
          <summary>Correct the record</summary>
          <Form method="post" className="details__body" noValidate>
            <p>The record stays as it is; the correction is added after it and points back to it.</p>
            <input type="hidden" name="intent" value="correct" />
            <input type="hidden" name="correctsId" value={latest.id} />
            <SendingFields field={sentForm(actionData, "correct")} today={today} />
            <button type="submit" className="button button--secondary">
              Add the correction
            </button>
          </Form>
        </details>
      ) : null}
      {can.recordOutcome ? (
        <section aria-labelledby="outcome-title">
          <h2 id="outcome-title">The government’s response</h2>
          {outcomes.length ? (
            <ol className="timeline">
              {outcomes.map((outcome) => (
                <li key={outcome.id}>
                  {outcome.responseUrl ? <a href={outcome.responseUrl}>Government response</a> : "Response"}
                  {outcome.responseOn ? `, ${formatDate(outcome.responseOn)}` : ""}; recorded by{" "}
                  {outcome.recordedByName ?? "a former colleague"}
                  {outcome.note ? <p className="timeline__comment">{outcome.note}</p> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p>No response recorded yet.</p>
          )}
          <Form method="post" className="action-form" noValidate>
            <h3>Record the outcome</h3>
            <input type="hidden" name="intent" value="record-outcome" />
            <TextField
              {...outcome("responseUrl")}
              label="Link to the government’s response (optional)"
              type="url"
            />
            <TextField {...outcome("responseOn")} label="Date of the response (optional)" type="date" />
            <TextareaField {...outcome("note", "outcome-note")} label="What happened (optional)" rows={3} />
            <button type="submit" className="button button--secondary">
              Record the outcome
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
