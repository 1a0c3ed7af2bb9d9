import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DaysLeft } from "~/components/consultations/days-left.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { ExistingSubmissions } from "~/components/submissions/existing-submissions.tsx";
import { TextField } from "~/components/text-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import {
  listRelatedPositions,
  parseConsultationId,
  requireConsultation,
} from "~/models/consultations/consultations.server.ts";
import { triageConsultation, triageMovesFor } from "~/models/consultations/triage.server.ts";
import { campaignFlags } from "~/models/campaigns/matches.server.ts";
import { CampaignFlags } from "~/components/campaigns/adopt-into.tsx";
import { listSubmissionsForConsultation } from "~/models/submissions/submissions.server.ts";
import {
  consultationLevelLabels,
  governmentOfConsultation,
  sourceKindLabels,
  triageStateLabels,
} from "~/schemas/consultations-labels.ts";
import { triageSchema } from "~/schemas/consultations.ts";
import { nationLabels } from "~/schemas/directory-labels.ts";
import { governmentLabels } from "~/schemas/governments-labels.ts";
import { positionTopicLabels, positionTopics } from "~/schemas/positions-labels.ts";
import { daysLeft } from "~/utils/days-left.ts";
import { formatDate, formatDateTime } from "~/utils/format.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { londonToday } from "~/utils/london-time.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.consultation.title ?? "Consultation"} · Consultation radar · Mutual Voice` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, consultation } = await requireConsultation(request, context, params.id);
  const positions = await listRelatedPositions(context.db, user, consultation);
  const submissions = await listSubmissionsForConsultation(context.db, user, consultation.id);
  const moves = triageMovesFor(user, consultation);
  const campaigns = (await campaignFlags(context.db, user, [consultation]))[consultation.id] ?? [];
  return { consultation, moves, positions, submissions, campaigns, today: londonToday() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = parseConsultationId(params.id);
  const formData = await readForm(request);
  const form = parseForm(triageSchema, formData);
  if (!form.ok) return data({ values: form.values, refusal: null, errors: form.errors }, { status: 400 });
  try {
    await triageConsultation(context.db, user, id, form.data);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
  return redirect(`/consultations/${id}`, 303);
}

const topicLabel = (topic: string) => {
  const known = positionTopics.find((listed) => listed === topic);
  return known ? positionTopicLabels[known] : topic;
};

export default function ConsultationPage() {
  const { consultation, moves, positions, submissions, campaigns, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const left = daysLeft(consultation.closesOn, today);
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/consultations">Consultation radar</Link>
      </p>
      <RefusalPanel message={actionData?.refusal} />
      <h1>{consultation.title}</h1>
      <p>
        <DaysLeft closesOn={consultation.closesOn} daysLeft={left} />{" "}
        <span className="status status--muted">{triageStateLabels[consultation.triageState]}</span>
      </p>
      {consultation.description ? <p className="lead">{consultation.description}</p> : null}
      <dl className="summary-list">
        <div>
          <dt>Government body</dt>
          <dd>{consultation.body}</dd>
        </div>
        <div>
          <dt>Level</dt>
          <dd>
            {consultationLevelLabels[consultation.level]}
            {consultation.nation ? `, ${nationLabels[consultation.nation]}` : ""}
          </dd>
        </div>
        {consultation.appliesTo.length ? (
          <div>
            <dt>Applies to</dt>
            <dd>{consultation.appliesTo.map((nation) => nationLabels[nation]).join(", ")}</dd>
          </div>
        ) : null}
        <div>
          <dt>A submission goes to</dt>
          <dd>{governmentLabels[governmentOfConsultation(consultation.level, consultation.nation)]}</dd>
        </div>
        <div>
          <dt>Opens</dt>
          <dd>{consultation.opensOn ? formatDate(consultation.opensOn) : "Not stated"}</dd>
        </div>
        <div>
          <dt>Closes</dt>
          <dd>{formatDate(consultation.closesOn)}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{consultation.sourceName ?? sourceKindLabels[consultation.sourceKind]}</dd>
        </div>
        <div>
          <dt>Link</dt>
          <dd>
            <a href={consultation.url} rel="noreferrer noopener" target="_blank">
              {consultation.url}
              <span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </dd>
        </div>
        <div>
          <dt>Relevance</dt>
          <dd>
            {consultation.matchedKeywords.length
              ? consultation.matchedKeywords
                  .map((match) => `${match.keyword} (${topicLabel(match.topic)})`)
                  .join(", ")
              : "No topic keyword matches"}
          </dd>
        </div>
        {consultation.adoptedAt ? (
          <div>
            <dt>Adopted</dt>
            <dd>
              {formatDateTime(consultation.adoptedAt)}
              {consultation.adoptedBy ? ` by ${consultation.adoptedBy}` : ""}
            </dd>
          </div>
        ) : null}
        {consultation.dismissedAt ? (
          <div>
            <dt>Dismissed</dt>
            <dd>
              {formatDateTime(consultation.dismissedAt)}
              {consultation.dismissedBy ? ` by ${consultation.dismissedBy}` : ""}
              {consultation.dismissedReason ? `: ${consultation.dismissedReason}` : ""}
            </dd>
          </div>
        ) : null}
      </dl>
      <CampaignFlags
        consultation={consultation}
        campaigns={campaigns}
        offerAdopt={consultation.triageState === "untriaged"}
      />
      {positions.length ? (
        <>
          <h2>Positions on these topics</h2>
          <ul>
            {positions.map((position) => (
              <li key={position.slug}>
                <Link to={`/positions/${position.slug}`}>{position.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {consultation.sourceKind === "manual" ? (
        <p>
          <Link to={`/consultations/${consultation.id}/edit`}>Edit this consultation</Link>
        </p>
      ) : null}
      {submissions.some((item) => item.state !== "withdrawn") ? (
        <div className="panel">
          <h2 className="panel__title">Our submissions</h2>
          <ExistingSubmissions submissions={submissions} />
          {consultation.triageState === "adopted" ? (
            <p>
              <Link to={`/submissions/new?consultation=${consultation.id}`}>
                Start another, to answer for a different government
              </Link>
            </p>
          ) : null}
        </div>
      ) : consultation.triageState === "adopted" ? (
        <div className="panel panel--success">
          <p>This consultation is adopted: answer it with a submission.</p>
          {submissions.length ? <ExistingSubmissions submissions={submissions} /> : null}
          <p>
            <Link className="button" to={`/submissions/new?consultation=${consultation.id}`}>
              Start the submission
            </Link>
          </p>
        </div>
      ) : null}
      {moves.includes("adopt") ? (
        <Form method="post">
          <button type="submit" name="intent" value="adopt" className="button" disabled={busy}>
            Adopt: we will respond
          </button>
        </Form>
      ) : null}
      {moves.includes("dismiss") ? (
        <>
          <h2>Not for us?</h2>
          <Form method="post" noValidate>
            <TextField
              name="reason"
              label="Reason for dismissing (optional)"
              maxLength={500}
              defaultValue={actionData?.values.reason ?? ""}
              error={actionData?.errors.reason}
            />
            <button
              type="submit"
              name="intent"
              value="dismiss"
              className="button button--secondary"
              disabled={busy}
            >
              Dismiss
            </button>
          </Form>
        </>
      ) : null}
      {moves.includes("undo-dismiss") ? (
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value="undo-dismiss"
            className="button button--secondary"
            disabled={busy}
          >
            Undo dismissal
          </button>
        </Form>
      ) : null}
    </>
  );
}
