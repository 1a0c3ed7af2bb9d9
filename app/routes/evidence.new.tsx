import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CampaignSelect } from "~/components/campaigns/campaign-select.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { EvidenceFields } from "~/components/positions/evidence-fields.tsx";
import { optionsFrom } from "~/components/select-field.tsx";
import { RadioGroup } from "~/components/surveys/radio-group.tsx";
import { createEvidence } from "~/models/evidence/evidence.server.ts";
import {
  evidenceKindLabels,
  evidenceKinds,
  evidenceKindSchema,
  newEvidenceSchema,
} from "~/schemas/evidence.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { createInCampaign, listCampaignChoices } from "~/models/campaigns/choices.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Add evidence · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const kind = evidenceKindSchema.safeParse(new URL(request.url).searchParams.get("kind"));
  return {
    kind: kind.success ? kind.data : null,
    campaigns: kind.success ? await listCampaignChoices(context.db, user) : [],
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const formData = await readForm(request);
  const form = parseForm(newEvidenceSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const { item, campaignSlug } = await createInCampaign(
      context.db,
      user,
      form.data.campaignId,
      "evidence",
      (trx) => createEvidence(trx, user, form.data),
    );
    if (campaignSlug) context.purgeCachedPage(`/campaign/${campaignSlug}`);
    return redirect(`/evidence/${item.id}?created=1`);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
}

export default function NewEvidence() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const kind = evidenceKindSchema.safeParse(actionData?.values.kind).data ?? loaded.kind;
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <p className="breadcrumbs">
        <Link to="/evidence">Evidence library</Link>
      </p>
      <h1>Add evidence</h1>
      {kind === null ? (
        <Form method="get" noValidate>
          <RadioGroup
            name="kind"
            legend="What kind of evidence is it?"
            options={optionsFrom(evidenceKindLabels)}
            value={evidenceKinds[0]}
          />
          <button type="submit" className="button">
            Continue
          </button>
        </Form>
      ) : (
        <Form method="post" noValidate>
          <p>
            Kind: <strong>{evidenceKindLabels[kind]}</strong> (
            <Link to="/evidence/new">choose another kind</Link>)
          </p>
          <input type="hidden" name="kind" value={kind} />
          <EvidenceFields kind={kind} values={actionData?.values ?? {}} errors={actionData?.errors ?? {}} />
          <CampaignSelect
            campaigns={loaded.campaigns}
            defaultValue={actionData?.values.campaignId}
            error={actionData?.errors?.campaignId}
          />
          <button type="submit" className="button">
            Add to the library
          </button>
        </Form>
      )}
    </div>
  );
}
