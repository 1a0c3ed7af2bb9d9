import { Link } from "@remix-run/react";
import type { QuestionView } from "~/models/surveys/results-view.server.ts";
import { consentLabels, type SurveyMode } from "~/schemas/surveys-labels.ts";
import { formatCount } from "~/utils/format.ts";
import { unitOf } from "~/utils/survey-figures.ts";
import { SaveQuote, type EvidenceFormAnswer } from "./save-evidence.tsx";

/** Every answer to a question, a page at a time, from the same responses as the results page. */
const answersHref = (surveyId: number, questionId: number, filter: string) =>
  `/surveys/${surveyId}/results/answers/${questionId}${filter ? `?${new URLSearchParams({ filter }).toString()}` : ""}`;

/** The latest written answers to a question (staff's exact view), case studies with a way to quote them. */
export function TextAnswers({
  question,
  surveyId,
  filter,
  actionData,
}: {
  question: QuestionView;
  surveyId: number;
  filter: string;
  actionData?: EvidenceFormAnswer;
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
          {latest.map((answer) => (
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
                <SaveQuote questionId={question.id} responseId={answer.responseId} actionData={actionData} />
              ) : null}
            </li>
          ))}
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
export function OtherAnswers({
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
  return (
    <div className="text-answers">
      <h4>Answers under “Other”</h4>
      {total ? (
        <p>
          {formatCount(total)} {unitOf(mode, total)} wrote their own answer.{" "}
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
