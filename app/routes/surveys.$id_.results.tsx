import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CumulativeLineChart } from "~/components/charts/line-chart.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { QuestionResult } from "~/components/survey-results/question-result.tsx";
import { createSurveyFigure, createSurveyQuote } from "~/models/evidence/survey-evidence.server.ts";
import { presentResults, type QuestionView } from "~/models/surveys/results-view.server.ts";
import { getSurveyAggregates } from "~/models/surveys/results.server.ts";
import { parseSurveyId } from "~/models/surveys/surveys.server.ts";
import {
  breakdownAttributeLabels,
  breakdownAttributes,
  filterOptions,
  filterText,
  resultsQuerySchema,
  saveFigureSchema,
  saveQuoteSchema,
} from "~/schemas/survey-results.ts";
import {
  anonymityShortLabels,
  consentLabels,
  surveyStateLabels,
  type SurveyMode,
} from "~/schemas/surveys.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formatCount } from "~/utils/format.ts";
import { parseForm } from "~/utils/forms.ts";
import { isRefusal } from "~/utils/refusal.server.ts";
import { unitOf } from "~/utils/survey-figures.ts";

const intentSchema = z.object({
  intent: z.enum(["save-figure", "save-quote"], { error: "That action is not recognised." }),
});

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page ? `Results: ${page.survey.title} · Surveys · Mutual Voice` : "Survey results · Mutual Voice",
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const url = new URL(request.url);
  const query = resultsQuerySchema.parse(Object.fromEntries(url.searchParams));
  const aggregates = await getSurveyAggregates(context.db, user, parseSurveyId(params.id), {
    by: query.by,
    filter: query.filter,
  });
  const view = presentResults(aggregates, { protect: query.view === "published" });
  const { survey } = aggregates;
  return {
    survey: {
      id: survey.id,
      title: survey.title,
      state: survey.state,
      mode: survey.mode,
      anonymity: survey.anonymity,
      threshold: survey.disclosureThreshold,
    },
    query: { by: aggregates.scope.by, filter: aggregates.scope.filter, view: query.view },
    filterDropped: query.filter !== null && aggregates.scope.filter === null,
    view,
  };
}

type Result = { errors?: Record<string, string>; values?: Record<string, string>; conflict?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const surveyId = parseSurveyId(params.id);
  const formData = await request.formData();
  const intent = parseForm(intentSchema, formData);
  if (!intent.ok) return data<Result>({ errors: intent.errors, values: intent.values }, { status: 400 });
  try {
    if (intent.data.intent === "save-figure") {
      const form = parseForm(saveFigureSchema, formData);
      if (!form.ok) return data<Result>({ errors: form.errors, values: form.values }, { status: 400 });
      const id = await createSurveyFigure(context.db, user, { surveyId, ...form.data });
      return redirect(`/evidence/${id}?created=1`, 303);
    }
    const form = parseForm(saveQuoteSchema, formData);
    if (!form.ok) return data<Result>({ errors: form.errors, values: form.values }, { status: 400 });
    const id = await createSurveyQuote(context.db, user, { surveyId, ...form.data });
    return redirect(`/evidence/${id}?created=1`, 303);
  } catch (error) {
    if (isRefusal(error) && error.kind === "conflict") {
      return data<Result>(
        {
          conflict: error.message,
          values: Object.fromEntries([...formData].map(([k, v]) => [k, String(v)])),
        },
        { status: 409 },
      );
    }
    throw error;
  }
}

/** A "label" field repeated in many small forms on one page, so each needs its own id. */
function LabelField({
  id,
  label,
  value,
  error,
}: {
  id: string;
  label: string;
  value?: string;
  error?: string;
}) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        className="input"
        id={id}
        name="label"
        type="text"
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

function SaveFigure({
  question,
  filter,
  actionData,
}: {
  question: QuestionView;
  filter: string;
  actionData?: Result;
}) {
  const mine = actionData?.values?.questionId === String(question.id) ? actionData : undefined;
  const choice =
    question.kind === "single_choice" || question.kind === "multiple_choice" || question.kind === "yes_no";
  const numeric = question.kind === "scale" || question.kind === "number";
  if (!choice && !numeric) return null;
  const prefix = `q${question.id}`;
  return (
    <details className="save-evidence" open={mine ? true : undefined}>
      <summary>Save a figure from this question as evidence</summary>
      <Form method="post" noValidate className="save-evidence__form">
        <input type="hidden" name="intent" value="save-figure" />
        <input type="hidden" name="questionId" value={question.id} />
        <input type="hidden" name="filter" value={filter} />
        {choice ? (
          <>
            <SelectField
              id={`${prefix}-choiceKey`}
              name="choiceKey"
              label="Answer"
              options={(question.table?.columns ?? []).map((label, k) => ({
                value: question.table?.columnKeys[k] ?? label,
                label,
              }))}
              defaultValue={mine?.values?.choiceKey}
            />
            <SelectField
              id={`${prefix}-measure`}
              name="measure"
              label="Figure"
              options={[
                { value: "percent", label: "Share of respondents giving this answer (%)" },
                { value: "count", label: "Number of respondents giving this answer" },
              ]}
              defaultValue={mine?.values?.measure}
            />
          </>
        ) : (
          <SelectField
            id={`${prefix}-measure`}
            name="measure"
            label="Figure"
            options={[
              { value: "mean", label: "Mean (average)" },
              { value: "median", label: "Median (middle answer)" },
            ]}
            defaultValue={mine?.values?.measure}
          />
        )}
        <LabelField
          id={`${prefix}-label`}
          label="Label in the evidence library"
          value={mine?.values?.label}
          error={mine?.errors?.label}
        />
        <p className="field__hint">
          The figure stays live (recomputed with disclosure control) until a document citing it is approved.
          {filter ? " It keeps this page's filter." : ""}
        </p>
        <button type="submit" className="button button--secondary">
          Save figure
        </button>
      </Form>
    </details>
  );
}

/** Every answer to a question, a page at a time, from the same responses as this page. */
const answersHref = (surveyId: number, questionId: number, filter: string) =>
  `/surveys/${surveyId}/results/answers/${questionId}${filter ? `?${new URLSearchParams({ filter }).toString()}` : ""}`;

function TextAnswers({
  question,
  surveyId,
  filter,
  actionData,
}: {
  question: QuestionView;
  surveyId: number;
  filter: string;
  actionData?: Result;
}) {
  if (!question.texts) return null;
  const { total, latest } = question.texts;
  return (
    <div className="text-answers">
      <h4>
        Latest answers ({formatCount(latest.length)} of {formatCount(total)})
      </h4>
      {latest.length ? (
        <ul className="text-answers__list">
          {latest.map((answer) => {
            const mine =
              actionData?.values?.responseId === String(answer.responseId) &&
              actionData?.values?.questionId === String(question.id);
            return (
              <li key={answer.responseId}>
                {answer.title ? <p className="text-answers__title">{answer.title}</p> : null}
                <blockquote>{answer.text}</blockquote>
                <p className="text-answers__meta">
                  {answer.organisation ?? "Anonymous"}
                  {question.kind === "case_study"
                    ? ` · Consent: ${answer.consent ? consentLabels[answer.consent] : "not given"}`
                    : ""}
                </p>
                {question.kind === "case_study" &&
                (answer.consent === "anonymous" || answer.consent === "attributed") ? (
                  <Form method="post" noValidate className="inline-form save-quote">
                    <input type="hidden" name="intent" value="save-quote" />
                    <input type="hidden" name="questionId" value={question.id} />
                    <input type="hidden" name="responseId" value={answer.responseId} />
                    <LabelField
                      id={`quote-${question.id}-${answer.responseId}`}
                      label="Label for the quote"
                      value={mine ? actionData?.values?.label : undefined}
                      error={mine ? actionData?.errors?.label : undefined}
                    />
                    <button type="submit" className="button button--secondary">
                      Save as a quote
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p>No answers yet.</p>
      )}
      {total > latest.length ? (
        <p>
          <Link to={answersHref(surveyId, question.id, filter)}>
            All {formatCount(total)} answers to this question
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/** How many wrote their own answer under "other, please say", and the way to read them. */
function OtherAnswers({
  question,
  surveyId,
  mode,
  filter,
}: {
  question: QuestionView;
  surveyId: number;
  mode: SurveyMode;
  filter: string;
}) {
  if (!question.otherTexts) return null;
  const { total } = question.otherTexts;
  const who =
    mode === "organisation"
      ? total === 1
        ? "organisation"
        : "organisations"
      : total === 1
        ? "person"
        : "people";
  return (
    <div className="text-answers">
      <h4>Answers under “Other”</h4>
      {total ? (
        <p>
          {formatCount(total)} {who} wrote their own answer.{" "}
          <Link to={answersHref(surveyId, question.id, filter)}>
            Read {total === 1 ? "it" : `all ${formatCount(total)}`}
            <span className="visually-hidden"> for “{question.prompt}”</span>
          </Link>
        </p>
      ) : (
        <p>No one has written their own answer yet.</p>
      )}
    </div>
  );
}

/** One response per organisation counts organisations invited; one per person, people. */
function invitedText(invited: number, mode: SurveyMode) {
  return `${formatCount(invited)} invited ${unitOf(mode, invited)}`;
}

export default function SurveyResults() {
  const { survey, query, view, filterDropped } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const filterValue = query.filter ? `${query.filter.attribute}:${query.filter.value}` : "";
  const breakdown = query.by !== "none";
  const csvHref = `/surveys/${survey.id}/results.csv`;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      {actionData?.conflict ? (
        <div className="panel panel--warning" role="alert">
          <p>{actionData.conflict}</p>
        </div>
      ) : null}
      <p className="breadcrumbs">
        <Link to="/surveys">Surveys</Link> › <Link to={`/surveys/${survey.id}`}>{survey.title}</Link>
      </p>
      <h1>
        Results: {survey.title} <span className="status">{surveyStateLabels[survey.state]}</span>
      </h1>
      <p>
        {view.respondents.text} submitted {view.respondents.value === 1 ? "response" : "responses"}
        {view.invited ? ` from ${invitedText(view.invited, survey.mode)}` : ""}.{" "}
        {anonymityShortLabels[survey.anonymity]} survey; disclosure threshold {survey.threshold}. Only
        submitted responses are counted.
      </p>

      <Form method="get" className="results-filters" aria-label="Breakdown and filter">
        <SelectField
          name="by"
          label="Break down by"
          options={[
            { value: "none", label: "No breakdown" },
            ...breakdownAttributes.map((a) => ({ value: a, label: breakdownAttributeLabels[a] })),
          ]}
          defaultValue={query.by}
        />
        <SelectField
          name="filter"
          label="Only responses from"
          options={[{ value: "", label: "Everyone" }, ...filterOptions]}
          defaultValue={filterValue}
        />
        <SelectField
          name="view"
          label="Numbers"
          options={[
            { value: "published", label: "As published (disclosure control applied)" },
            { value: "exact", label: "Exact counts (staff only, never for publication)" },
          ]}
          defaultValue={query.view}
        />
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
        <p className="field__hint">
          Counts below {view.threshold} show as “fewer than {view.threshold}”, and further counts are hidden
          where a small one could be worked out from the totals.
        </p>
      ) : (
        <p className="panel panel--warning">
          Exact counts: small groups may be identifiable. Do not copy these into documents.
        </p>
      )}
      <p>
        <a href={csvHref} download>
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
        <QuestionResult key={question.id} question={question} number={index + 1} breakdown={breakdown}>
          <SaveFigure question={question} filter={filterValue} actionData={actionData} />
          <TextAnswers
            question={question}
            surveyId={survey.id}
            filter={filterValue}
            actionData={actionData}
          />
          <OtherAnswers question={question} surveyId={survey.id} mode={survey.mode} filter={filterValue} />
        </QuestionResult>
      ))}
    </>
  );
}
