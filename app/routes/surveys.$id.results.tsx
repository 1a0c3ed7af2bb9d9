import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CumulativeLineChart } from "~/components/charts/line-chart.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { BreakdownSelect } from "~/components/survey-results/breakdown-select.tsx";
import { QuestionResult } from "~/components/survey-results/question-result.tsx";
import { SaveFigure } from "~/components/survey-results/save-evidence.tsx";
import { OtherAnswers, TextAnswers } from "~/components/survey-results/text-answers.tsx";
import { useLayoutSurvey } from "~/components/surveys/layout-survey.ts";
import { refusalOf } from "~/components/surveys/refusal-of.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { createSurveyFigure, createSurveyQuote } from "~/models/evidence/survey-evidence.server.ts";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { surveyResultsView } from "~/models/surveys/results-cache.server.ts";
import { filterOptions, filterText } from "~/schemas/survey-results-labels.ts";
import {
  resultsIntentSchema,
  resultsQuerySchema,
  saveFigureSchema,
  saveQuoteSchema,
} from "~/schemas/survey-results.ts";
import { anonymityShortLabels, surveyStateLabels } from "~/schemas/surveys-labels.ts";
import { formatCount } from "~/utils/format.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { unitOf } from "~/utils/survey-figures.ts";
import type { loader as surveyLoader } from "./surveys.$id.tsx";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction<typeof loader, { "routes/surveys.$id": typeof surveyLoader }> = ({
  matches,
}) => {
  const survey = matches.find((match) => match.id === "routes/surveys.$id")?.data.survey;
  return [
    { title: survey ? `Results: ${survey.title} · Surveys · Mutual Voice` : "Survey results · Mutual Voice" },
  ];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey } = await staffSurvey(request, params, context);
  const query = resultsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // The promise to an anonymous survey's respondents holds for staff too.
  const view = survey.anonymity === "anonymous" ? "published" : (query.view ?? "exact");
  // A closed survey's figures come from memory after the first request (results-cache.server.ts).
  const results = await surveyResultsView(
    context.db,
    survey,
    { by: query.by, filter: query.filter },
    { protect: view === "published" },
  );
  return {
    query: { by: results.scope.by, filter: results.scope.filter, view },
    filterDropped: query.filter !== null && results.scope.filter === null,
    view: results.view,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const surveyId = idParam(params, "id");
  const formData = await readForm(request);
  const intent = parseForm(resultsIntentSchema, formData);
  if (!intent.ok) return data({ errors: intent.errors, values: intent.values }, { status: 400 });
  const form =
    intent.data.intent === "save-figure"
      ? parseForm(saveFigureSchema, formData)
      : parseForm(saveQuoteSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const id =
      form.data.intent === "save-figure"
        ? await createSurveyFigure(context.db, user, { surveyId, ...form.data })
        : await createSurveyQuote(context.db, user, { surveyId, ...form.data });
    return redirect(`/evidence/${id}?created=1`, 303);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
}

export default function SurveyResults() {
  const survey = useLayoutSurvey();
  const { query, view, filterDropped } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const filterValue = query.filter ? `${query.filter.attribute}:${query.filter.value}` : "";
  const breakdown = query.by !== "none";
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={refusalOf(actionData)} />
      <p className="breadcrumbs">
        <Link to="/surveys">Surveys</Link> › <Link to={`/surveys/${survey.id}`}>{survey.title}</Link>
      </p>
      <h1>
        Results: {survey.title} <span className="status">{surveyStateLabels[survey.state]}</span>
      </h1>
      <p>
        {view.respondents.text} submitted {view.respondents.value === 1 ? "response" : "responses"}
        {view.invited
          ? ` from ${formatCount(view.invited)} invited ${unitOf(survey.mode, view.invited)}`
          : ""}
        . {anonymityShortLabels[survey.anonymity]} survey; disclosure threshold {survey.disclosureThreshold}.
        Only submitted responses are counted.
      </p>

      <Form method="get" className="results-filters" aria-label="Breakdown and filter">
        <BreakdownSelect value={query.by} />
        <SelectField
          name="filter"
          label="Only responses from"
          options={[{ value: "", label: "Everyone" }, ...filterOptions]}
          defaultValue={filterValue}
        />
        {survey.anonymity === "anonymous" ? null : (
          <SelectField
            name="view"
            label="Numbers"
            options={[
              { value: "exact", label: "Exact counts, marking what publishing withholds (staff only)" },
              { value: "published", label: "As published (disclosure control applied)" },
            ]}
            defaultValue={query.view}
          />
        )}
        <button type="submit" className="button">
          Show results
        </button>
      </Form>
      {filterDropped ? (
        <p className="panel panel--warning">
          This survey is anonymous: its results can be broken down or filtered by one attribute at a time, so
          the filter was not applied.
        </p>
      ) : null}
      {query.filter ? <p>Showing only responses from {filterText(query.filter)}.</p> : null}
      {view.protect ? (
        survey.anonymity === "anonymous" ? (
          <p className="field__hint">
            This survey is anonymous, so its results are shown to staff as they are published.
          </p>
        ) : null
      ) : (
        <p className="panel panel--warning">
          Exact counts: small groups may be identifiable. Do not copy these into documents; counts marked *
          are withheld when results are published.
        </p>
      )}
      <p>
        <a href={`/surveys/${survey.id}/results.csv`} download>
          Download every response as CSV
        </a>
        {" · "}
        <Link to={`/surveys/${survey.id}/summary`}>Members’ summary</Link>
      </p>

      <h2>Responses over time</h2>
      <CumulativeLineChart
        title="Submitted responses, day by day"
        points={view.overTime}
        total={view.invited}
      />

      <h2>Answers</h2>
      {view.questions.map((question, index) => (
        <QuestionResult
          key={question.id}
          question={question}
          number={index + 1}
          breakdown={breakdown}
          threshold={view.threshold}
          exact={!view.protect}
        >
          <SaveFigure question={question} filter={filterValue} actionData={actionData} />
          <TextAnswers
            question={question}
            surveyId={survey.id}
            filter={filterValue}
            actionData={actionData}
          />
          <OtherAnswers question={question} surveyId={survey.id} mode={survey.mode} filter={filterValue} />
          {question.kind === "file" ? (
            <p>
              <Link to={`/surveys/${survey.id}/files/${question.id}`}>
                See the files sent<span className="visually-hidden"> for {question.prompt}</span>
              </Link>
            </p>
          ) : null}
        </QuestionResult>
      ))}
    </>
  );
}
