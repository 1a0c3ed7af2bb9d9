import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CampaignSelect } from "~/components/campaigns/campaign-select.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { SettingsFields } from "~/components/surveys/settings-fields.tsx";
import { createSurvey } from "~/models/surveys/surveys.server.ts";
import { newSurveySchema, settingsFormInput } from "~/schemas/survey-builder.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { createInCampaign, listCampaignChoices } from "~/models/campaigns/choices.server.ts";
import { fieldErrors } from "~/utils/forms.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "New survey · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  return { campaigns: await listCampaignChoices(context.db, user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const input = settingsFormInput(await readForm(request));
  const parsed = newSurveySchema.safeParse(input);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: input }, { status: 400 });
  try {
    const { item: survey, campaignSlug } = await createInCampaign(
      context.db,
      user,
      parsed.data.campaignId,
      "survey",
      (trx) => createSurvey(trx, user, parsed.data),
    );
    if (campaignSlug) context.purgeCachedPage(`/campaign/${campaignSlug}`);
    return redirect(`/surveys/${survey.id}`, 303);
  } catch (error) {
    return refusalAnswer(error, { values: input });
  }
}

export default function NewSurvey() {
  const { campaigns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <h1>New survey</h1>
      <p>A draft is visible to staff only. Add sections and questions next; open it when it is ready.</p>
      <Form method="post" noValidate>
        <SettingsFields
          values={actionData?.values ?? { mode: "organisation", anonymity: "named" }}
          errors={actionData?.errors}
        />
        <CampaignSelect
          campaigns={campaigns}
          defaultValue={actionData?.values.campaignId}
          error={actionData?.errors.campaignId}
        />
        <button type="submit" className="button" disabled={submitting}>
          Save draft
        </button>{" "}
        <Link to="/surveys">Cancel</Link>
      </Form>
    </div>
  );
}
