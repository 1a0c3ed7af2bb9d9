import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CampaignFields } from "~/components/campaigns/campaign-fields.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { getCampaign, listCampaignOwners } from "~/models/campaigns/campaigns.server.ts";
import { campaignStamp, editCampaign } from "~/models/campaigns/editing.server.ts";
import { campaignStateChoices } from "~/models/campaigns/lifecycle.server.ts";
import { campaignEditSchema } from "~/schemas/campaigns.ts";
import { parseCampaignForm } from "~/utils/campaign-form.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { formValues } from "~/utils/forms.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: `Edit: ${page?.campaign.name ?? "campaign"} · Campaigns · Mutual Voice` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const campaign = await getCampaign(context.db, user, params.slug ?? "");
  return {
    campaign: {
      slug: campaign.slug,
      name: campaign.name,
      ask: campaign.ask,
      targets: campaign.targets,
      topics: campaign.topics,
      ownerId: String(campaign.ownerId),
      state: campaign.state,
      stamp: campaignStamp(campaign),
    },
    owners: await listCampaignOwners(context.db),
    states: campaignStateChoices(user, campaign),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const campaign = await getCampaign(context.db, user, params.slug ?? "");
  const formData = await readForm(request);
  const form = parseCampaignForm(formData, campaignEditSchema);
  if (!form.ok)
    return data(
      { errors: form.errors, values: form.values, targets: form.targets, topics: form.topics, refusal: null },
      { status: 400 },
    );
  try {
    await editCampaign(context.db, user, campaign.id, form.data);
  } catch (error) {
    // The typing stays on the page, so nothing is lost while they look at the newer version.
    return refusalAnswer(error, {
      values: formValues(formData),
      targets: form.data.targets,
      topics: form.data.topics,
    });
  }
  context.purgeCachedPage(`/campaign/${campaign.slug}`);
  return redirect(`/campaigns/${campaign.slug}`, 303);
}

export default function EditCampaign() {
  const { campaign, owners, states } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? campaign;
  const errors = actionData?.errors;
  const busy = useNavigation().state === "submitting";
  const hasFieldErrors = errors && Object.keys(errors).length > 0;
  return (
    <div className="narrow">
      <p className="breadcrumbs">
        <Link to={`/campaigns/${campaign.slug}`}>{campaign.name}</Link>
      </p>
      <ErrorSummary errors={errors} />
      {hasFieldErrors ? null : <RefusalPanel message={actionData?.refusal} />}
      {actionData?.refusal && !hasFieldErrors ? (
        <p>
          <Link to={`/campaigns/${campaign.slug}`} target="_blank">
            Open the campaign as it is now in a new tab
          </Link>
        </p>
      ) : null}
      <h1>Edit the campaign</h1>
      <Form method="post" noValidate>
        {/* When the campaign last changed as this form saw it: a save on top of a newer change is refused. */}
        <input type="hidden" name="stamp" value={values.stamp ?? campaign.stamp} />
        <CampaignFields
          values={values}
          targets={actionData?.targets ?? campaign.targets}
          topics={actionData?.topics ?? campaign.topics}
          owners={owners}
          errors={errors}
        />
        <SelectField
          name="state"
          label="State"
          hint="Only an active campaign flags new consultations on the radar. A won or closed campaign can be reopened."
          options={states}
          defaultValue={values.state ?? campaign.state}
          error={errors?.state}
        />
        <button type="submit" className="button" disabled={busy}>
          Save changes
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
