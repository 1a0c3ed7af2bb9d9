import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { idField } from "~/schemas/ids.ts";
import { CampaignSelect } from "~/components/campaigns/campaign-select.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { ExistingSubmissions } from "~/components/submissions/existing-submissions.tsx";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { submissionsArea } from "~/components/submissions/area.tsx";
import { TextField } from "~/components/text-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { listPolicyStaff } from "~/models/positions/positions.server.ts";
import {
  createSubmission,
  getConsultationForSubmission,
  listOpenConsultations,
} from "~/models/submissions/starting.server.ts";
import { listSubmissionsForConsultation } from "~/models/submissions/submissions.server.ts";
import { governmentOfConsultation, consultationLevelSchema, nationSchema } from "~/schemas/consultations.ts";
import { governmentLabels } from "~/schemas/governments.ts";
import { newSubmissionSchema } from "~/schemas/submissions.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { campaignsOfItem, createInCampaign, listCampaignChoices } from "~/models/campaigns/choices.server.ts";
import { formatDate } from "~/utils/format.ts";
import { formValues, parseForm, type FieldErrors } from "~/utils/forms.ts";
import { splitQuestions, type SplitResult } from "~/utils/question-split.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { suggestedInternalDeadline } from "~/models/submissions/bank-holidays.server.ts";

const querySchema = z.object({
  consultation: idField().optional().catch(undefined),
});

export const meta: MetaFunction = () => [{ title: "New submission · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (query.consultation === undefined)
    return {
      consultation: null,
      open: await listOpenConsultations(context.db, user),
      staff: [],
      defaults: null,
      campaigns: [],
      campaignOfConsultation: null,
    };
  const consultation = await getConsultationForSubmission(context.db, user, query.consultation);
  const level = consultationLevelSchema.safeParse(consultation.level);
  const nation = nationSchema.safeParse(consultation.nation);
  const government = governmentOfConsultation(
    level.success ? level.data : "national",
    nation.success ? nation.data : null,
  );
  return {
    consultation,
    open: [],
    staff: await listPolicyStaff(context.db),
    existing: await listSubmissionsForConsultation(context.db, user, consultation.id),
    campaigns: await listCampaignChoices(context.db, user),
    // A response usually presses the campaign its consultation was adopted into.
    campaignOfConsultation:
      (await campaignsOfItem(context.db, user, "consultation", consultation.id))[0]?.id ?? null,
    defaults: {
      government,
      leadId: String(user.id),
      internalDeadline: await suggestedInternalDeadline(context.db, consultation.closesOn, government),
    },
  };
}

type ActionResult = {
  errors?: FieldErrors;
  values: Record<string, string>;
  preview?: SplitResult;
  refusal?: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const formData = await readForm(request);
  const form = parseForm(newSubmissionSchema, formData);
  if (!form.ok) return data<ActionResult>({ errors: form.errors, values: form.values }, { status: 400 });
  const split = splitQuestions(form.data.questions);
  if (form.data.intent === "preview")
    return data<ActionResult>({ values: formValues(formData), preview: split });
  try {
    const input = {
      consultationId: form.data.consultationId,
      government: form.data.government,
      leadId: form.data.leadId,
      internalDeadline: form.data.internalDeadline,
      preamble: split.preamble,
      questions: split.questions,
    };
    const { item, campaignSlug } = await createInCampaign(
      context.db,
      user,
      form.data.campaignId,
      "submission",
      (trx) => createSubmission(trx, user, input),
    );
    if (campaignSlug) context.purgeCachedPage(`/campaign/${campaignSlug}`);
    return redirect(`/submissions/${item.id}`);
  } catch (error) {
    return refusalAnswer<ActionResult>(error, { values: formValues(formData) });
  }
}

export default function NewSubmission() {
  const { consultation, open, staff, defaults, existing, campaigns, campaignOfConsultation } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!consultation || !defaults) {
    return (
      <div className="narrow">
        <h1>New submission</h1>
        <p>
          Choose the consultation to answer. Consultations come from the radar, or can be added there by hand.
        </p>
        {open.length === 0 ? (
          <p className="panel">There are no open consultations yet.</p>
        ) : (
          <Form method="get">
            <SelectField
              name="consultation"
              label="Consultation"
              options={open.map((item) => ({
                value: String(item.id),
                label: `${item.title} (closes ${formatDate(item.closesOn)})`,
              }))}
            />
            <button type="submit" className="button">
              Continue
            </button>
          </Form>
        )}
      </div>
    );
  }
  const values = actionData?.values ?? {};
  const errors = actionData?.errors;
  const preview = actionData?.preview;
  return (
    <div className="narrow-wide">
      <ErrorSummary errors={errors} />
      {errors && Object.keys(errors).length ? null : <RefusalPanel message={actionData?.refusal} />}
      <p className="breadcrumbs">
        <Link to="/submissions">Submissions</Link>
      </p>
      <h1>New submission</h1>
      <dl className="summary-list">
        <dt>Consultation</dt>
        <dd>
          <a href={consultation.url}>{consultation.title}</a>
        </dd>
        <dt>Run by</dt>
        <dd>{consultation.body}</dd>
        <dt>Closes</dt>
        <dd>{formatDate(consultation.closesOn)}</dd>
      </dl>
      {existing.length ? (
        <div className="panel">
          <p>Already answering this consultation:</p>
          <ExistingSubmissions submissions={existing} />
          <p>Start another only to answer for a different government.</p>
        </div>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="consultationId" value={consultation.id} />
        <SelectField
          name="government"
          label="Which government is it addressed to?"
          hint="Answers quote positions as this government reads them: UK-wide text plus its nation's blocks."
          options={optionsFrom(governmentLabels)}
          defaultValue={values.government ?? defaults.government}
          error={errors?.government}
        />
        <SelectField
          name="leadId"
          label="Lead"
          hint="Who drafts it and receives the deadline reminders."
          options={staff.map((person) => ({ value: String(person.id), label: person.name }))}
          defaultValue={values.leadId ?? defaults.leadId}
          error={errors?.leadId}
        />
        <TextField
          name="internalDeadline"
          label="Internal deadline"
          hint="Ready for approval by this date. Suggested: 5 working days before the consultation closes."
          type="date"
          defaultValue={values.internalDeadline ?? defaults.internalDeadline}
          error={errors?.internalDeadline}
        />
        <CampaignSelect
          campaigns={campaigns}
          defaultValue={values.campaignId ?? (campaignOfConsultation ? String(campaignOfConsultation) : "")}
          error={errors?.campaignId}
        />
        <TextareaField
          name="questions"
          label="The consultation's questions"
          hint="Paste them from the consultation document. Numbered questions (1., Q1, Question 1:) become separate questions; sub-parts such as (a) stay with theirs. You can edit each question afterwards."
          rows={14}
          defaultValue={values.questions}
          error={errors?.questions}
        />
        <div className="button-group">
          <button type="submit" name="intent" value="preview" className="button button--secondary">
            Preview the questions
          </button>
          <button type="submit" name="intent" value="create" className="button">
            Create submission
          </button>
        </div>
      </Form>
      {preview ? (
        <section aria-labelledby="split-title" className="panel">
          <h2 id="split-title">
            {preview.questions.length === 1
              ? "1 question found"
              : `${preview.questions.length} questions found`}
          </h2>
          {preview.preamble ? (
            <p className="table__note">
              Text before the first question, kept for reference: “{preview.preamble.slice(0, 300)}
              {preview.preamble.length > 300 ? "…" : ""}”
            </p>
          ) : null}
          <ol className="question-split">
            {preview.questions.map((question, index) => (
              <li key={index}>
                <strong>Question {question.number ?? index + 1}</strong>
                <p className="question-split__text">{question.text}</p>
              </li>
            ))}
          </ol>
          <p>
            If this looks right, choose “Create submission”; otherwise change the text above and preview
            again.
          </p>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = areaErrorBoundary(submissionsArea);
