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
import { LetterFields } from "~/components/letters/letter-fields.tsx";
import { createLetter } from "~/models/letters/letters.server.ts";
import { newLetterSchema } from "~/schemas/letters.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { createInCampaign, listCampaignChoices } from "~/models/campaigns/choices.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Draft an open letter · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  return { campaigns: await listCampaignChoices(context.db, user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const formData = await readForm(request);
  const form = parseForm(newLetterSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const { item: letter, campaignSlug } = await createInCampaign(
      context.db,
      user,
      form.data.campaignId,
      "letter",
      (trx) => createLetter(trx, user, form.data),
    );
    if (campaignSlug) context.purgeCachedPage(`/campaign/${campaignSlug}`);
    return redirect(`/manage/letters/${letter.id}`, 303);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
}

export default function NewLetter() {
  const { campaigns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <h1>Draft an open letter</h1>
      <p>A draft is visible to staff only. You can edit it until you open it for signatures.</p>
      <Form method="post" noValidate>
        <LetterFields values={actionData?.values ?? {}} errors={actionData?.errors} />
        <CampaignSelect
          campaigns={campaigns}
          defaultValue={actionData?.values.campaignId}
          error={actionData?.errors?.campaignId}
        />
        <button type="submit" className="button" disabled={submitting}>
          Save draft
        </button>{" "}
        <Link to="/manage/letters">Cancel</Link>
      </Form>
    </div>
  );
}
