import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadResponse } from "~/models/surveys/answering.server.ts";
import { accessByLink } from "~/models/surveys/links.server.ts";
import { answeringContent } from "~/models/surveys/surveys.server.ts";
import { formatCalendarDate, formatLongDate, formatLongDateTime } from "~/utils/letter-format.ts";
import { describeAnswer } from "~/utils/survey-answers.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.survey.title} · Mutual Voice` : "Survey · Mutual Voice" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const access = await accessByLink(context, params.token ?? "");
  const [sections, response] = await Promise.all([
    answeringContent(context.db, access.survey),
    loadResponse(context.db, access),
  ]);
  const saved = sections.map((section) => response?.sectionVersions.has(section.id) ?? false);
  const firstUnsaved = saved.indexOf(false);
  const answers = response?.answers ?? [];
  return {
    survey: {
      title: access.survey.title,
      introduction: access.survey.introduction,
      mode: access.survey.mode,
      anonymity: access.survey.anonymity,
      closesOn: access.survey.closesOn,
      closedAt: access.survey.closedAt,
    },
    open: access.open,
    organisationName: access.organisationName,
    sectionCount: sections.length,
    savedCount: saved.filter(Boolean).length,
    next: firstUnsaved === -1 ? "check" : String(firstUnsaved + 1),
    submitted:
      response?.status === "submitted"
        ? {
            on: response.submittedOn,
            at: response.submittedAt,
            by: response.submittedByName,
            sections: sections.map((section) => ({
              title: section.title,
              answers: section.questions.map((question) => ({
                prompt: question.prompt,
                answer: describeAnswer(
                  question,
                  answers.find((a) => a.questionId === question.id),
                ),
              })),
            })),
          }
        : null,
  };
}

export default function SurveyStart() {
  const page = useLoaderData<typeof loader>();
  const { survey } = page;
  return (
    <div className="narrow">
      <h1>{survey.title}</h1>
      {page.submitted ? (
        <>
          <div className="panel panel--success" role="status">
            <h2>Answers submitted</h2>
            <p>
              {page.submitted.at
                ? `Submitted on ${formatLongDateTime(page.submitted.at)}`
                : page.submitted.on
                  ? `Submitted on ${formatCalendarDate(page.submitted.on)}`
                  : "Submitted"}
              {page.submitted.by ? ` by ${page.submitted.by}` : ""}. Thank you.
            </p>
            {survey.anonymity === "anonymous" ? (
              <p>
                This survey is anonymous, so we send no receipt email: an email would record when you answered
                beside your address.
              </p>
            ) : null}
          </div>
          <h2>What was submitted</h2>
          {page.submitted.sections.map((section, index) => (
            <section key={index}>
              <h3>{section.title}</h3>
              <dl className="summary-list">
                {section.answers.map((answer, n) => (
                  <div key={n}>
                    <dt>{answer.prompt}</dt>
                    <dd>{answer.answer}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </>
      ) : !page.open ? (
        <div className="panel panel--warning" role="status">
          <h2>This survey has closed</h2>
          <p>
            {survey.closesOn
              ? `It closed at the end of ${formatCalendarDate(survey.closesOn)}`
              : "It has closed"}
            {survey.closedAt ? ` (${formatLongDate(survey.closedAt)})` : ""}, so answers can no longer be
            saved or submitted. Thank you for your interest.
          </p>
        </div>
      ) : (
        <>
          {survey.introduction ? <p className="lead">{survey.introduction}</p> : null}
          <ul>
            <li>
              {survey.mode === "organisation"
                ? `You answer for ${page.organisationName}. Colleagues invited from your organisation see and continue the same answers; one of you submits them.`
                : "You answer for yourself."}
            </li>
            <li>
              {survey.anonymity === "anonymous"
                ? "This survey is anonymous: nothing we store with your answers identifies you or your organisation."
                : survey.anonymity === "confidential"
                  ? "Confidential: staff can see who answered, but nothing we publish will name you or your organisation."
                  : "Staff will see who gave these answers."}
            </li>
            <li>
              There {page.sectionCount === 1 ? "is 1 section" : `are ${page.sectionCount} sections`}. Your
              answers are saved each time you press Continue, so you can stop and come back with the same link
              {survey.closesOn ? ` until the end of ${formatCalendarDate(survey.closesOn)}` : ""}.
            </li>
          </ul>
          {page.savedCount ? (
            <p>
              {page.savedCount} of {page.sectionCount} sections saved so far.
            </p>
          ) : null}
          <p>
            <Link className="button" to={page.next}>
              {page.savedCount ? "Continue where you left off" : "Start now"}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
