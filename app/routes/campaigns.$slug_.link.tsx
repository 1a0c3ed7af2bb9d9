import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { FilterForm } from "~/components/filter-form.tsx";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { getCampaign } from "~/models/campaigns/campaigns.server.ts";
import { linkToCampaign, listLinkCandidates } from "~/models/campaigns/links.server.ts";
import { campaignLinkKindLabels } from "~/schemas/campaign-labels.ts";
import { campaignLinkKindSchema, linkSchema } from "~/schemas/campaigns.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: `Link an item · ${page?.campaign.name ?? "Campaign"} · Mutual Voice` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const campaign = await getCampaign(context.db, user, params.slug ?? "");
  const kind = campaignLinkKindSchema.catch("position").parse(new URL(request.url).searchParams.get("kind"));
  return {
    campaign: { name: campaign.name, slug: campaign.slug },
    kind,
    candidates: await listLinkCandidates(context.db, user, campaign.id, kind),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const campaign = await getCampaign(context.db, user, params.slug ?? "");
  const formData = await readForm(request);
  const form = parseForm(linkSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values, refusal: null }, { status: 400 });
  try {
    await linkToCampaign(context.db, user, campaign.id, form.data);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
  // The public page shows links, outcomes and the state: the shared cache renders it afresh.
  context.purgeCachedPage(`/campaign/${campaign.slug}`);
  return redirect(`/campaigns/${campaign.slug}`, 303);
}

export default function LinkItem() {
  const { campaign, kind, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const what = campaignLinkKindLabels[kind].toLowerCase();
  return (
    <div className="narrow">
      <p className="breadcrumbs">
        <Link to={`/campaigns/${campaign.slug}`}>{campaign.name}</Link>
      </p>
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={actionData?.refusal} />
      <h1>Link an item to {campaign.name}</h1>
      <FilterForm label="What to link" button="Show">
        <SelectField
          name="kind"
          label="Kind of item"
          options={optionsFrom(campaignLinkKindLabels)}
          defaultValue={kind}
        />
      </FilterForm>
      {candidates.length === 0 ? (
        <p>
          There is no {what} left to link.
          {kind === "consultation"
            ? " A consultation joins once it is adopted: adopt it on the radar first."
            : ""}
        </p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="kind" value={kind} />
          <SelectField
            name="itemId"
            label={campaignLinkKindLabels[kind]}
            placeholder={`Choose a ${what}`}
            options={candidates.map((item) => ({ value: String(item.id), label: item.label }))}
            defaultValue={actionData?.values?.itemId ?? ""}
            error={actionData?.errors?.itemId}
          />
          <button type="submit" className="button" disabled={busy}>
            Link to the campaign
          </button>{" "}
          <Link to={`/campaigns/${campaign.slug}`}>Cancel</Link>
        </Form>
      )}
    </div>
  );
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no campaign at this address.",
  back: { to: "/campaigns", label: "Back to campaigns" },
});
