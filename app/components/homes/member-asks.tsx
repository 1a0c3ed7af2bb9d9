import { Form, Link } from "@remix-run/react";
import type { AskedSurvey } from "~/models/surveys/members.server.ts";
import type { LetterToSign } from "~/models/letters/asks.server.ts";
import { formatCalendarDate, formatLongDate } from "~/utils/letter-format.ts";

function surveyState(survey: AskedSurvey): string {
  const { state } = survey;
  switch (state.kind) {
    case "not_started":
      return "Not started";
    case "answered":
      return "You have answered (anonymous: your answers are not shown here)";
    case "submitted":
      return `Submitted${state.on ? ` on ${formatCalendarDate(state.on)}` : ""}${state.by ? ` by ${state.by}` : ""}`;
    case "in_progress":
      return `In progress: saved up to section ${Math.min(state.savedSections, survey.sectionCount)} of ${survey.sectionCount}${
        state.savedBy ? ` by ${state.savedBy}` : ""
      }${state.savedAt ? ` on ${formatLongDate(state.savedAt)}` : ""}`;
  }
}

/** The live list of what is asked of a member and their organisation: surveys, and letters for leaders. */
export function MemberAsks({
  surveys,
  letters,
  leader,
}: {
  surveys: AskedSurvey[];
  letters: LetterToSign[];
  leader: boolean;
}) {
  return (
    <section aria-labelledby="asked-heading" className="panel">
      <h2 id="asked-heading">What is asked of you</h2>
      {surveys.length === 0 && letters.length === 0 ? (
        <p>
          Nothing right now. When the network asks your organisation for evidence
          {leader ? " or for a signature on an open letter" : ""}, it will be listed here.
        </p>
      ) : null}
      {surveys.length ? (
        <>
          <h3>Surveys</h3>
          <ul className="card-list" aria-label="Surveys to answer">
            {surveys.map((survey) => {
              const done = survey.state.kind === "submitted" || survey.state.kind === "answered";
              return (
                <li key={survey.id} className="card">
                  <h4 className="card__title">{survey.title}</h4>
                  <p className="card__text">
                    {survey.mode === "organisation"
                      ? "One answer for your organisation. "
                      : "Your own answer. "}
                    {surveyState(survey)}.
                    {survey.closesOn ? ` Closes at the end of ${formatCalendarDate(survey.closesOn)}.` : ""}
                  </p>
                  {done ? null : (
                    // A whole-page post: the answering pages are another area of the site, reached by a redirect.
                    <Form method="post" action={`/surveys/${survey.id}/answer`} reloadDocument>
                      <button type="submit" className="button">
                        {survey.state.kind === "in_progress" ? "Continue" : "Start"}
                        <span className="visually-hidden"> {survey.title}</span>
                      </button>
                    </Form>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {letters.length ? (
        <>
          <h3>Open letters to sign</h3>
          <ul className="card-list" aria-label="Open letters to sign">
            {letters.map((letter) => (
              <li key={letter.slug} className="card">
                <h4 className="card__title">
                  <Link to={`/letters/${letter.slug}`}>{letter.title}</Link>
                </h4>
                <p className="card__text">
                  To {letter.addressee}.{" "}
                  {letter.signature
                    ? `Signed by ${letter.signature.name} on ${formatLongDate(letter.signature.signedAt)}.`
                    : "Your organisation has not signed yet."}
                  {letter.closesAt ? ` Closes on ${formatLongDate(letter.closesAt)}.` : ""}
                </p>
                {letter.signature ? null : (
                  <p>
                    <Link className="button" to={`/letters/${letter.slug}/sign`}>
                      Sign<span className="visually-hidden"> {letter.title}</span>
                    </Link>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
