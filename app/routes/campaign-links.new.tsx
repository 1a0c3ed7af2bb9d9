import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import {
  addItemToCampaign,
  campaignsOfItem,
  linkableItem,
  listCampaignChoices,
} from "~/models/campaigns/choices.server.ts";
import { campaignLinkKindLabels } from "~/schemas/campaign-labels.ts";
import { addToCampaignSchema, itemKindSchema } from "~/schemas/campaigns.ts";
import { idField } from "~/schemas/ids.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { refusalAnswer, Refusal } from "~/utils/refusal.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: `Add to a campaign · ${page?.item.title ?? "Item"} · Mutual Voice` },
];

const querySchema = z.object({ kind: itemKindSchema, item: idField() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw Refusal.notFound();
  const { kind, item: itemId } = query.data;
  const [item, current, choices] = await Promise.all([
    linkableItem(context.db, user, kind, itemId),
    campaignsOfItem(context.db, user, kind, itemId),
    listCampaignChoices(context.db, user),
  ]);
  const held = new Set(current.map((campaign) => campaign.id));
  return {
    kind,
    itemId,
    item,
    current,
    choices: choices.filter((campaign) => !held.has(campaign.id)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const formData = await readForm(request);
  const form = parseForm(addToCampaignSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values, refusal: null }, { status: 400 });
  const { kind, itemId, campaignId } = form.data;
  try {
    // Where to go back to comes from the item, never from the form.
    const item = await linkableItem(context.db, user, kind, itemId);
    const campaign = await addItemToCampaign(context.db, user, campaignId, { kind, itemId });
    context.purgeCachedPage(`/campaign/${campaign.slug}`);
    return redirect(item.path, 303);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
}

export default function AddToCampaign() {
  const { kind, itemId, item, current, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      <p className="breadcrumbs">
        <Link to={item.path}>{item.title}</Link>
      </p>
      <ErrorSummary errors={errors} />
      {errors && Object.keys(errors).length ? null : <RefusalPanel message={actionData?.refusal} />}
      <h1>Add to a campaign</h1>
      <p>
        {campaignLinkKindLabels[kind]}: <strong>{item.title}</strong>
      </p>
      {current.length ? (
        <p>
          Already in:{" "}
          {current.map((campaign, index) => (
            <span key={campaign.id}>
              {index > 0 ? ", " : null}
              <Link to={`/campaigns/${campaign.slug}`}>{campaign.name}</Link>
            </span>
          ))}
          .
        </p>
      ) : null}
      {choices.length === 0 ? (
        <p>
          There is no other campaign to add it to. <Link to="/campaigns/new">Start a campaign</Link>
        </p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="itemId" value={itemId} />
          <SelectField
            name="campaignId"
            label="Campaign"
            placeholder="Choose a campaign"
            options={choices.map((campaign) => ({ value: String(campaign.id), label: campaign.label }))}
            defaultValue={actionData?.values.campaignId ?? ""}
            error={errors?.campaignId}
          />
          <button type="submit" className="button" disabled={busy}>
            Add to the campaign
          </button>{" "}
          <Link to={item.path}>Cancel</Link>
        </Form>
      )}
    </div>
  );
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no such item to add to a campaign.",
  back: { to: "/campaigns", label: "Back to campaigns" },
});
