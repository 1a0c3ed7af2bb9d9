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
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { createCampaign, listCampaignOwners } from "~/models/campaigns/campaigns.server.ts";
import { campaignSchema } from "~/schemas/campaigns.ts";
import { parseCampaignForm } from "~/utils/campaign-form.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { formValues } from "~/utils/forms.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";

export const meta: MetaFunction = () => [{ title: "Start a campaign · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  return { userId: user.id, owners: await listCampaignOwners(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const formData = await readForm(request);
  const form = parseCampaignForm(formData, campaignSchema);
  if (!form.ok)
    return data(
      { errors: form.errors, values: form.values, targets: form.targets, topics: form.topics, refusal: null },
      { status: 400 },
    );
  try {
    const campaign = await createCampaign(context.db, user, form.data);
    return redirect(`/campaigns/${campaign.slug}`, 303);
  } catch (error) {
    return refusalAnswer(error, {
      values: formValues(formData),
      targets: form.data.targets,
      topics: form.data.topics,
    });
  }
}

export default function NewCampaign() {
  const { userId, owners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? {};
  const errors = actionData?.errors;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1>Start a campaign</h1>
      <p>A campaign is one ask of government. Its public page stays off until you turn it on.</p>
      <Form method="post" noValidate>
        <CampaignFields
          values={{ ...values, ownerId: values.ownerId ?? String(userId) }}
          targets={actionData?.targets ?? []}
          topics={actionData?.topics ?? []}
          owners={owners}
          errors={errors}
        />
        <button type="submit" className="button" disabled={busy}>
          Start the campaign
        </button>{" "}
        <Link to="/campaigns">Cancel</Link>
      </Form>
    </div>
  );
}
