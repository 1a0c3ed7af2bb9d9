import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CampaignSelect } from "~/components/campaigns/campaign-select.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { PositionFields } from "~/components/positions/position-fields.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { EditorHelp } from "~/components/positions/editor.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { createInCampaign, listCampaignChoices } from "~/models/campaigns/choices.server.ts";
import { createPosition, listPolicyStaff } from "~/models/positions/positions.server.ts";
import { newPositionSchema } from "~/schemas/positions.ts";
import { formValues } from "~/utils/forms.ts";
import { parsePositionForm } from "~/utils/position-form.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "New position · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  return {
    userId: user.id,
    staff: await listPolicyStaff(context.db),
    campaigns: await listCampaignChoices(context.db, user),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const formData = await readForm(request);
  const form = parsePositionForm(newPositionSchema, formData);
  if (!form.ok)
    return data({ errors: form.errors, values: form.values, topics: form.topics }, { status: 400 });
  try {
    const { item: position, campaignSlug } = await createInCampaign(
      context.db,
      user,
      form.data.campaignId,
      "position",
      (trx) => createPosition(trx, user, { ...form.data, isPublic: form.data.isPublic === "on" }),
    );
    if (campaignSlug) context.purgeCachedPage(`/campaign/${campaignSlug}`);
    return redirect(`/positions/${position.slug}`);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData), topics: form.data.topics });
  }
}

export default function NewPosition() {
  const { userId, staff, campaigns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? {};
  return (
    <div className="narrow-wide">
      <ErrorSummary errors={actionData?.errors} />
      <h1>New position</h1>
      <EditorHelp />
      <Form method="post" noValidate>
        <PositionFields
          values={{ title: values.title, summary: values.summary, isPublic: values.isPublic === "on" }}
          topics={actionData?.topics ?? []}
          errors={actionData?.errors}
        />
        <SelectField
          name="ownerId"
          label="Owner"
          hint="Who answers for this position."
          options={staff.map((person) => ({ value: String(person.id), label: person.name }))}
          defaultValue={values.ownerId ?? String(userId)}
          error={actionData?.errors.ownerId}
        />
        <CampaignSelect
          campaigns={campaigns}
          defaultValue={values.campaignId}
          error={actionData?.errors.campaignId}
        />
        <TextareaField
          name="body"
          label="Text (Markdown)"
          hint="You can also start with an empty text and write it on the next page, with a live preview."
          rows={12}
          defaultValue={values.body}
          error={actionData?.errors.body}
        />
        <button type="submit" className="button">
          Create draft
        </button>
      </Form>
    </div>
  );
}
