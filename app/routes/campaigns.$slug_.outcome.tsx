import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { getCampaign } from "~/models/campaigns/campaigns.server.ts";
import { recordOutcome } from "~/models/campaigns/outcomes.server.ts";
import { campaignTargetLabels, outcomeKindLabels } from "~/schemas/campaign-labels.ts";
import { outcomeSchema } from "~/schemas/campaigns.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { londonToday } from "~/utils/london-time.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: `Record an outcome · ${page?.campaign.name ?? "Campaign"} · Mutual Voice` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const campaign = await getCampaign(context.db, user, params.slug ?? "");
  return { campaign: { name: campaign.name, slug: campaign.slug, ask: campaign.ask }, today: londonToday() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const campaign = await getCampaign(context.db, user, params.slug ?? "");
  const form = parseForm(outcomeSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  await recordOutcome(context.db, user, campaign.id, form.data);
  // The public page shows links, outcomes and the state: the shared cache renders it afresh.
  context.purgeCachedPage(`/campaign/${campaign.slug}`);
  return redirect(`/campaigns/${campaign.slug}`, 303);
}

export default function RecordOutcome() {
  const { campaign, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? {};
  const errors = actionData?.errors;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <p className="breadcrumbs">
        <Link to={`/campaigns/${campaign.slug}`}>{campaign.name}</Link>
      </p>
      <ErrorSummary errors={errors} />
      <h1>Record an outcome</h1>
      <p>
        Progress against the ask: {campaign.ask} It shows on the campaign&apos;s timeline, on its public page
        and to the members whose evidence or signatures backed it.
      </p>
      <Form method="post" noValidate>
        <SelectField
          name="kind"
          label="What happened"
          options={optionsFrom(outcomeKindLabels)}
          defaultValue={values.kind}
          error={errors?.kind}
        />
        <TextField
          name="outcomeOn"
          label="Date"
          type="date"
          className="input--date"
          defaultValue={values.outcomeOn ?? today}
          error={errors?.outcomeOn}
        />
        <SelectField
          name="government"
          label="Government or body"
          options={optionsFrom(campaignTargetLabels)}
          defaultValue={values.government}
          error={errors?.government}
        />
        <TextField
          name="sourceUrl"
          label="Source (optional)"
          hint="A web address that shows it, for example a minister's statement or the new guidance, starting https://"
          type="url"
          defaultValue={values.sourceUrl}
          error={errors?.sourceUrl}
        />
        <TextareaField
          name="note"
          label="Note (optional)"
          rows={4}
          defaultValue={values.note}
          error={errors?.note}
        />
        <button type="submit" className="button" disabled={busy}>
          Record the outcome
        </button>{" "}
        <Link to={`/campaigns/${campaign.slug}`}>Cancel</Link>
      </Form>
    </div>
  );
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no campaign at this address.",
  back: { to: "/campaigns", label: "Back to campaigns" },
});
