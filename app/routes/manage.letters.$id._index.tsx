import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ItemCampaignsRow } from "~/components/campaigns/item-campaigns.tsx";
import { campaignsOfItem } from "~/models/campaigns/choices.server.ts";
import { z } from "zod";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { LetterStateTag } from "~/components/letters/state-tag.tsx";
import { useStaffLetter } from "~/components/letters/use-staff-letter.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { listDeliveries } from "~/models/letters/deliveries.server.ts";
import { listLetterDocuments } from "~/models/letters/documents.server.ts";
import { getLetterForStaffPage } from "~/models/letters/letters.server.ts";
import { closeLetter, withdrawLetter, type LetterMove } from "~/models/letters/lifecycle.server.ts";
import { invitationSummary, letterHistory, listSignaturesForStaff } from "~/models/letters/staff.server.ts";
import {
  deliveryMethodLabels,
  LETTERS_PAGE_SIZE,
  pageParamSchema,
  withdrawLetterSchema,
} from "~/schemas/letters.ts";
import { formatDateTime } from "~/utils/format.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { formatCalendarDate, formatLongDate, rangeText } from "~/utils/letter-format.ts";
import { renderMarkdown } from "~/utils/markdown.server.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.title} · Open letters · Mutual Voice` : "Open letter · Mutual Voice" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const letter = await getLetterForStaffPage(context, user, idParam(params, "id"));
  const url = new URL(request.url);
  const page = pageParamSchema.parse(url.searchParams.get("page") ?? undefined);
  const [signatures, invitations, documents, deliveries, history] = await Promise.all([
    listSignaturesForStaff(context.db, user, letter, { page, pageSize: LETTERS_PAGE_SIZE }),
    invitationSummary(context.db, user, letter.id),
    listLetterDocuments(context.db, user, letter.id),
    listDeliveries(context.db, user, letter.id),
    letterHistory(context.db, user, letter.id),
  ]);
  const confirm = url.searchParams.get("confirm");
  const invited = z.coerce
    .number()
    .int()
    .min(0)
    .safeParse(url.searchParams.get("invited") ?? undefined);
  return {
    campaigns: await campaignsOfItem(context.db, user, "letter", letter.id),
    title: letter.title,
    invited: invited.success ? invited.data : null,
    bodyHtml: renderMarkdown(letter.bodyMarkdown).html,
    signatures,
    invitations,
    documents,
    deliveries,
    history,
    page,
    confirm: confirm === "close" || confirm === "withdraw" ? confirm : null,
  };
}

const intentSchema = z.object({
  intent: z.enum(["close", "withdraw"], { error: "That action is not recognised." }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const formData = await readForm(request);
  const values = formValues(formData);
  const intent = parseForm(intentSchema, formData);
  if (!intent.ok) return data({ errors: intent.errors, values, refusal: null }, { status: 400 });
  try {
    if (intent.data.intent === "close") {
      const letter = await closeLetter(context.db, user, id);
      context.purgeCachedPage(`/letters/${letter.slug}`);
    } else {
      const form = parseForm(withdrawLetterSchema, formData);
      if (!form.ok) return data({ errors: form.errors, values, refusal: null }, { status: 400 });
      const letter = await withdrawLetter(context.db, user, id, form.data.reason);
      context.purgeCachedPage(`/letters/${letter.slug}`);
    }
  } catch (error) {
    // `conflict` repeats the reason for callers that read it by that name.
    return refusalAnswer(error, { values });
  }
  return redirect(`/manage/letters/${id}`, 303);
}

/** Where each move's button goes: its own page, or this page asking to confirm. */
function moveButtons(letterId: number): Partial<Record<LetterMove, { to: string; primary: boolean }>> {
  const page = `/manage/letters/${letterId}`;
  return {
    open: { to: `${page}/open`, primary: true },
    edit: { to: `${page}/edit`, primary: false },
    invite: { to: `${page}/open`, primary: false },
    close: { to: "?confirm=close", primary: true },
    deliver: { to: `${page}/deliver`, primary: true },
    // The same page records further deliveries and corrections.
    recordDelivery: { to: `${page}/deliver`, primary: false },
    withdraw: { to: "?confirm=withdraw", primary: false },
  };
}

const plural = (count: number, one: string) => `${count} ${count === 1 ? one : `${one}s`}`;

export default function ManageLetter() {
  const { letter, moves } = useStaffLetter();
  const {
    bodyHtml,
    signatures,
    invitations,
    documents,
    deliveries,
    history,
    page,
    confirm,
    invited,
    campaigns,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const askWithdraw = confirm === "withdraw" || actionData?.values.intent === "withdraw";
  const can = (move: LetterMove) => moves.some(({ name }) => name === move);
  const buttons = moveButtons(letter.id);
  const publicUrl = `/letters/${letter.slug}`;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={actionData?.refusal} />
      {invited !== null && !actionData ? (
        <div className="panel panel--success" role="status">
          <p>{invited === 1 ? "1 invitation is on its way." : `${invited} invitations are on their way.`}</p>
        </div>
      ) : null}
      <p className="letter-kicker">
        <Link to="/manage/letters">Open letters</Link> <LetterStateTag state={letter.state} />
      </p>
      <h1>{letter.title}</h1>
      <dl className="summary-list">
        <ItemCampaignsRow campaigns={campaigns} kind="letter" itemId={letter.id} />
        <div>
          <dt>To</dt>
          <dd>{letter.addressee}</dd>
        </div>
        <div>
          <dt>Public page</dt>
          <dd>
            {letter.state === "draft" ? (
              "Published when the letter opens"
            ) : (
              <Link to={publicUrl}>{publicUrl}</Link>
            )}
          </dd>
        </div>
        <div>
          <dt>Closing date</dt>
          <dd>{letter.closesOn ? formatCalendarDate(letter.closesOn) : "None: close it by hand"}</dd>
        </div>
        <div>
          <dt>Languages</dt>
          <dd>
            {letter.bilingual ? "English and Welsh" : "English only"}
            {letter.state === "draft" ? (
              <>
                {" "}
                <Link to={`/manage/letters/${letter.id}/welsh`}>
                  {letter.bilingual ? "Change the Welsh text" : "Add Welsh text"}
                </Link>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Signature goal</dt>
          <dd>{letter.signatureGoal ? `${letter.signatureGoal} organisations` : "None"}</dd>
        </div>
        {letter.state !== "draft" ? (
          <div>
            <dt>Invitations</dt>
            <dd>
              {plural(invitations.invited, "leader")} invited from{" "}
              {plural(invitations.organisations, "organisation")}; {invitations.signed} of those organisations
              signed
            </dd>
          </div>
        ) : null}
        {letter.withdrawnReason ? (
          <div>
            <dt>Why withdrawn</dt>
            <dd>{letter.withdrawnReason}</dd>
          </div>
        ) : null}
      </dl>

      <h2>What next</h2>
      <div className="letter-actions">
        {moves.map(({ name, label }) => {
          const button = buttons[name];
          const asking = (name === "close" && confirm === "close") || (name === "withdraw" && askWithdraw);
          if (!button || asking) return null;
          return (
            <Link
              key={name}
              className={button.primary ? "button" : "button button--secondary"}
              to={button.to}
            >
              {label}
            </Link>
          );
        })}
      </div>

      {confirm === "close" && can("close") ? (
        <Form method="post" className="panel panel--warning">
          <h3>Close this letter for signatures?</h3>
          <p>
            Closing freezes the letter and its {signatures.total} signatories, ends every personal link, and
            makes the PDF and CSV that you deliver. It cannot be undone.
          </p>
          <input type="hidden" name="intent" value="close" />
          <button type="submit" className="button" disabled={submitting}>
            Yes, close for signatures
          </button>{" "}
          <Link to="?">Cancel</Link>
        </Form>
      ) : null}
      {askWithdraw && can("withdraw") ? (
        <Form method="post" className="panel panel--warning" noValidate>
          <h3>Withdraw this letter?</h3>
          <p>
            A withdrawn letter is never sent. Its public page says it was withdrawn and no longer lists
            signatories.
          </p>
          <input type="hidden" name="intent" value="withdraw" />
          <TextareaField
            name="reason"
            label="Why is it withdrawn?"
            hint="Kept in the letter's record, for staff only"
            rows={3}
            defaultValue={actionData?.values.reason}
            error={actionData?.errors?.reason}
          />
          <button type="submit" className="button button--danger" disabled={submitting}>
            Yes, withdraw the letter
          </button>{" "}
          <Link to="?">Cancel</Link>
        </Form>
      ) : null}

      {documents.length ? (
        <>
          <h2>Documents</h2>
          <p>
            Made when the letter closed. These exact files are what you deliver; their SHA-256 goes in every
            delivery record.
          </p>
          <ul className="letter-documents">
            {documents.map((document) => (
              <li key={document.kind}>
                <a href={`/manage/letters/${letter.id}/documents/${document.kind}`} download>
                  Download the {document.kind === "pdf" ? "letter as PDF" : "signatories as CSV"}
                </a>{" "}
                ({Math.max(1, Math.round(document.bytes / 1024))} KB)
                <br />
                <span className="letter-hash">SHA-256 {document.sha256}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {deliveries.length ? (
        <>
          <h2>Delivery record</h2>
          <table className="table">
            <caption className="visually-hidden">Deliveries of this letter</caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">How</th>
                <th scope="col">Delivered on</th>
                <th scope="col">Reference</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    {delivery.recipient}
                    {delivery.correctsId ? (
                      <span className="field__hint"> (corrects record {delivery.correctsId})</span>
                    ) : null}
                    {delivery.notes ? (
                      <span className="field__hint">
                        <br />
                        {delivery.notes}
                      </span>
                    ) : null}
                  </td>
                  <td>{deliveryMethodLabels[delivery.method]}</td>
                  <td>{formatCalendarDate(delivery.deliveredOn)}</td>
                  <td>{delivery.reference ?? "None"}</td>
                  <td>
                    Record {delivery.id}, {formatDateTime(delivery.recordedAt)}
                    {delivery.recordedBy ? ` by ${delivery.recordedBy}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <h2>Signatures</h2>
      <p>
        {rangeText(page, LETTERS_PAGE_SIZE, signatures.total)}
        {signatures.withdrawn ? `; ${signatures.withdrawn} withdrawn` : ""}.
        {letter.state === "closed" || letter.state === "delivered"
          ? " The list was frozen when the letter closed."
          : ""}
      </p>
      {signatures.signatures.length ? (
        <table className="table">
          <caption className="visually-hidden">Signatures</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Signed by</th>
              <th scope="col">When</th>
              <th scope="col">Verified by</th>
            </tr>
          </thead>
          <tbody>
            {signatures.signatures.map((signature, index) => (
              <tr key={index}>
                <td>{signature.organisation}</td>
                <td>
                  {signature.name}
                  {signature.jobTitle ? `, ${signature.jobTitle}` : ""}
                </td>
                <td>{formatDateTime(signature.signedAt)}</td>
                <td>{signature.via === "link" ? "Personal link" : "Signed in"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pagination
        page={page}
        pageCount={Math.ceil(signatures.total / LETTERS_PAGE_SIZE)}
        search=""
        label="Pages of signatures"
      />

      <h2>The letter</h2>
      <article
        className="letter-body letter-body--preview"
        aria-label="Text of the letter"
        dangerouslySetInnerHTML={{ __html: bodyHtml }}
      />

      <h2>History</h2>
      <ol className="letter-history">
        {history.map((entry, index) => (
          <li key={index}>
            {entry.action}, {formatDateTime(entry.at)}
            {entry.actor ? ` (${entry.actor})` : ""}
          </li>
        ))}
      </ol>
      {letter.closedAt ? <p className="field__hint">Closed on {formatLongDate(letter.closedAt)}.</p> : null}
    </>
  );
}
