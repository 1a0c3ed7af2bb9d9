import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { idField } from "~/schemas/ids.ts";
import { DaysLeft } from "~/components/consultations/days-left.tsx";
import { TriageButtons, TriageMoveForm } from "~/components/consultations/triage-buttons.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { getConsultation } from "~/models/consultations/consultations.server.ts";
import { listConsultations } from "~/models/consultations/radar.server.ts";
import { campaignFlags } from "~/models/campaigns/matches.server.ts";
import { CampaignFlags } from "~/components/campaigns/adopt-into.tsx";
import { triageConsultation, triageMovesFor } from "~/models/consultations/triage.server.ts";
import {
  consultationLevelLabels,
  radarViewLabels,
  radarViews,
  sourceKindLabels,
  triageStateLabels,
  type RadarView,
} from "~/schemas/consultations-labels.ts";
import { radarFilterSchema } from "~/schemas/consultations.ts";
import { nationLabels } from "~/schemas/directory-labels.ts";
import { daysLeft } from "~/utils/days-left.ts";
import { parseForm } from "~/utils/forms.ts";
import { londonToday } from "~/utils/london-time.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { triageFormSchema } from "~/schemas/consultations.ts";

export const meta: MetaFunction = () => [{ title: "Consultation radar · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const url = new URL(request.url);
  const filter = radarFilterSchema.parse(Object.fromEntries(url.searchParams));
  const radar = await listConsultations(context.db, user, filter);
  const flags = await campaignFlags(context.db, user, radar.consultations);
  // Just dismissed: offer to undo it, whichever tab the list is on.
  const undoId = idField().safeParse(url.searchParams.get("dismissed"));
  const dismissed = undoId.success
    ? await getConsultation(context.db, user, undoId.data).catch(() => null)
    : null;
  return {
    ...radar,
    consultations: radar.consultations.map((consultation) => ({
      ...consultation,
      moves: triageMovesFor(user, consultation),
      campaigns: flags[consultation.id] ?? [],
    })),
    filter,
    today: londonToday(),
    justDismissed:
      dismissed && triageMovesFor(user, dismissed).includes("undo-dismiss")
        ? { id: dismissed.id, title: dismissed.title }
        : null,
  };
}

/** Back to the list as it was (tab, filters, page): only a query string of this page. */
function listUrl(returnTo: string, extra: Record<string, string> = {}) {
  const params = new URLSearchParams(returnTo.startsWith("?") ? returnTo.slice(1) : "");
  params.delete("dismissed");
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return `/consultations${query ? `?${query}` : ""}`;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const form = parseForm(triageFormSchema, await readForm(request));
  if (!form.ok) {
    const refusal = Object.values(form.errors)[0] ?? "The form could not be read.";
    return data({ refusal, errors: form.errors }, { status: 400 });
  }
  const { consultationId, returnTo } = form.data;
  try {
    await triageConsultation(context.db, user, consultationId, form.data);
  } catch (error) {
    return refusalAnswer(error, {});
  }
  // Adopted: on to its page, where the submission starts; dismissed: back, with an offer to undo.
  if (form.data.intent === "adopt") return redirect(`/consultations/${consultationId}`, 303);
  if (form.data.intent === "dismiss") {
    return redirect(listUrl(returnTo, { dismissed: String(consultationId) }), 303);
  }
  return redirect(listUrl(returnTo), 303);
}

/** The radar's filters that pick one of a list; "any" when left empty. */
const filterChoices = [
  { name: "source", label: "Source", labels: sourceKindLabels, placeholder: "Any source" },
  { name: "level", label: "Level", labels: consultationLevelLabels, placeholder: "Any level" },
  { name: "nation", label: "Applies to", labels: nationLabels, placeholder: "Any nation" },
] as const;

const emptyMessages: Record<RadarView, string> = {
  relevant:
    "No open consultation matches your topic keywords right now. Check all open consultations, or add keywords to the topics.",
  open: "No open consultations. Sync the sources or add one by hand.",
  adopted: "No consultation has been adopted yet.",
  dismissed: "Nothing has been dismissed.",
};

export default function ConsultationRadar() {
  const { consultations, total, page, pageCount, counts, filter, today, justDismissed } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const busy = useNavigation().state === "submitting";
  const filtered = Boolean(filter.source || filter.level || filter.nation || filter.q);
  const tabHref = (view: RadarView) => {
    const params = new URLSearchParams(location.search);
    params.set("view", view);
    params.delete("page");
    params.delete("dismissed");
    return `?${params}`;
  };
  return (
    <>
      <h1>Consultation radar</h1>
      <p className="button-group">
        <Link className="button" to="/consultations/new">
          Add a consultation by hand
        </Link>
        <Link className="button button--secondary" to="/consultations/deadlines">
          Deadlines
        </Link>
        <Link className="button button--secondary" to="/consultations/sources">
          Sources and sync
        </Link>
        <Link className="button button--secondary" to="/consultations/topics">
          Topic keywords
        </Link>
      </p>
      <RefusalPanel message={actionData?.refusal} />
      {justDismissed ? (
        <div className="panel panel--success" role="status">
          <TriageMoveForm id={justDismissed.id} returnTo={location.search} className="inline-form">
            <p>
              Dismissed “{justDismissed.title}”.{" "}
              <button
                type="submit"
                name="intent"
                value="undo-dismiss"
                className="button button--small button--secondary"
              >
                Undo
              </button>
            </p>
          </TriageMoveForm>
        </div>
      ) : null}
      <nav aria-label="Radar views">
        <ul className="radar-tabs">
          {radarViews.map((view) => (
            <li key={view}>
              {filter.view === view ? (
                <strong aria-current="page">
                  {radarViewLabels[view]} ({counts[view]})
                </strong>
              ) : (
                <Link to={tabHref(view)}>
                  {radarViewLabels[view]} ({counts[view]})
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="filters" role="search" aria-label="Filter consultations">
        <input type="hidden" name="view" value={filter.view} />
        <TextField name="q" label="Search" type="search" defaultValue={filter.q} />
        {filterChoices.map((choice) => (
          <SelectField
            key={choice.name}
            name={choice.name}
            label={choice.label}
            options={optionsFrom(choice.labels)}
            placeholder={choice.placeholder}
            defaultValue={filter[choice.name]}
          />
        ))}
        <button type="submit" className="button button--secondary">
          Filter
        </button>
        {filtered ? <Link to={`?view=${filter.view}`}>Clear filters</Link> : null}
      </Form>
      {consultations.length === 0 ? (
        <p className="panel">
          {filtered ? "No consultations match these filters." : emptyMessages[filter.view]}
        </p>
      ) : (
        <>
          <p>
            {total === 1 ? "1 consultation" : `${total.toLocaleString("en-GB")} consultations`}, soonest
            closing first{filter.view === "dismissed" ? " (most recently dismissed first)" : ""}.
          </p>
          <ul className="radar-list">
            {consultations.map((consultation) => (
              <li key={consultation.id} className="card radar-item">
                <h2 className="radar-item__title">
                  <Link to={`/consultations/${consultation.id}`}>{consultation.title}</Link>
                </h2>
                <p className="radar-item__meta">
                  {consultation.body} · {consultationLevelLabels[consultation.level]}
                  {consultation.nation ? ` · ${nationLabels[consultation.nation]}` : ""} ·{" "}
                  {consultation.sourceName ?? sourceKindLabels[consultation.sourceKind]}
                </p>
                <p>
                  <DaysLeft
                    closesOn={consultation.closesOn}
                    daysLeft={daysLeft(consultation.closesOn, today)}
                  />
                  {consultation.triageState !== "untriaged" ? (
                    <>
                      {" "}
                      <span className="status status--muted">
                        {triageStateLabels[consultation.triageState]}
                      </span>
                    </>
                  ) : null}
                </p>
                {consultation.matchedKeywords.length ? (
                  <p className="radar-item__keywords">
                    Matched:{" "}
                    {consultation.matchedKeywords.map((match, index) => (
                      <span key={`${match.topic}:${match.keyword}`}>
                        {index ? ", " : ""}
                        <span className="keyword">{match.keyword}</span>
                      </span>
                    ))}
                  </p>
                ) : null}
                <CampaignFlags
                  consultation={consultation}
                  campaigns={consultation.campaigns}
                  offerAdopt={consultation.triageState === "untriaged"}
                />
                {consultation.triageState === "dismissed" && consultation.dismissedReason ? (
                  <p className="field__hint">Dismissed: {consultation.dismissedReason}</p>
                ) : null}
                <TriageButtons
                  id={consultation.id}
                  title={consultation.title}
                  state={consultation.triageState}
                  moves={consultation.moves}
                  returnTo={location.search}
                  busy={busy}
                />
              </li>
            ))}
          </ul>
          <Pagination
            page={page}
            pageCount={pageCount}
            search={location.search}
            label="Pages of consultations"
          />
        </>
      )}
    </>
  );
}
