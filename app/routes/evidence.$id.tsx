import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ItemCampaignsRow } from "~/components/campaigns/item-campaigns.tsx";
import { campaignsOfItem } from "~/models/campaigns/choices.server.ts";
import { idField } from "~/schemas/ids.ts";
import { ActionOutcome, ConfirmField } from "~/components/review-forms.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { countFrozenCitations } from "~/models/evidence/citations.server.ts";
import { getEvidence, withdrawEvidence } from "~/models/evidence/evidence.server.ts";
import { evidenceValue } from "~/models/evidence/values.server.ts";
import {
  citationText,
  consentMethodLabels,
  evidenceKindLabels,
  withdrawEvidenceSchema,
} from "~/schemas/evidence.ts";
import { formatDateTime, formatDate } from "~/utils/format.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { Refusal, refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

const idSchema = idField();

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.item.label ?? "Evidence"} · Evidence library · Mutual Voice` },
];

function evidenceId(raw: string | undefined): number {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) throw Refusal.notFound();
  return parsed.data;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const item = await getEvidence(context.db, user, evidenceId(params.id));
  const url = new URL(request.url);
  return {
    item,
    value: await evidenceValue(context.db, item.id, { asOf: new Date() }),
    citedIn: await countFrozenCitations(context.db, item.id),
    campaigns: await campaignsOfItem(context.db, user, "evidence", item.id),
    message: url.searchParams.has("created")
      ? "Added to the library."
      : url.searchParams.has("withdrawn")
        ? "Withdrawn. Drafts citing it now show a warning; published texts leave it out."
        : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = evidenceId(params.id);
  const formData = await readForm(request);
  const form = parseForm(withdrawEvidenceSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values, refusal: null }, { status: 400 });
  try {
    await withdrawEvidence(context.db, user, id, form.data.reason);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
  return redirect(`/evidence/${id}?withdrawn=1`);
}

export default function EvidenceItemPage() {
  const { item, value, citedIn, message, campaigns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const rows: [string, string | null][] = [
    ["Kind", evidenceKindLabels[item.kind]],
    ["Title", item.title],
    ["Publisher", item.publisher],
    ["Published", item.publishedOn && formatDate(item.publishedOn)],
    ["Value", value && item.kind === "figure" ? value.text : null],
    ["n", item.n === null ? null : item.n.toLocaleString("en-GB")],
    ["Quote", item.quoteText],
    [
      "Said by",
      item.kind === "quote"
        ? item.anonymous
          ? "Anonymous (a member organisation)"
          : item.attribution
        : null,
    ],
    [
      "Consent",
      item.consentMethod && item.consentOn
        ? `${consentMethodLabels[item.consentMethod]}, ${formatDate(item.consentOn)}`
        : null,
    ],
    ["Web address", item.url],
    ["Added", formatDateTime(item.createdAt)],
  ];
  return (
    <>
      <ActionOutcome actionData={actionData} done={message} />
      <p className="breadcrumbs">
        <Link to="/evidence">Evidence library</Link>
      </p>
      <h1>{item.label}</h1>
      {item.status === "withdrawn" ? (
        <p className="panel panel--warning">
          Withdrawn {item.withdrawnAt ? formatDateTime(item.withdrawnAt) : ""}: {item.withdrawnReason}
        </p>
      ) : null}
      <p>
        Cite it as <code>{citationText(item.id)}</code>
      </p>
      {value ? (
        <p>
          Its footnote reads: <q>{value.text}</q>
        </p>
      ) : null}
      <dl className="summary-list">
        {rows
          .filter((row): row is [string, string] => Boolean(row[1]))
          .map(([label, text]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{label === "Web address" ? <a href={text}>{text}</a> : text}</dd>
            </div>
          ))}
        <ItemCampaignsRow campaigns={campaigns} kind="evidence" itemId={item.id} />
      </dl>
      <p>
        {citedIn === 0
          ? "No published document cites it yet."
          : `${citedIn} published ${citedIn === 1 ? "document cites" : "documents cite"} it, as it stood when each was published.`}
      </p>
      {item.status === "active" ? (
        <details className="details" open={Boolean(actionData)}>
          <summary>Withdraw this evidence</summary>
          <Form method="post" className="details__body" noValidate>
            <input type="hidden" name="intent" value="withdraw" />
            <p>
              Withdrawn evidence stays in the library but can no longer be cited: drafts show a warning and
              published texts leave it out.
            </p>
            <TextareaField
              name="reason"
              label="Why it is withdrawn"
              rows={3}
              defaultValue={actionData?.values.reason}
              error={actionData?.errors.reason}
            />
            <ConfirmField id="confirm" label="Yes, withdraw it" error={actionData?.errors.confirm} />
            <button type="submit" className="button button--danger">
              Withdraw evidence
            </button>
          </Form>
        </details>
      ) : null}
    </>
  );
}
