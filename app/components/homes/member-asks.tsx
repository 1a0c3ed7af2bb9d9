import { Form, Link } from "@remix-run/react";
import type { AskedSurvey } from "~/models/surveys/members.server.ts";
import type { LetterToSign } from "~/models/letters/asks.server.ts";
import { formatCalendarDateIn, formatDateIn, type Language } from "~/utils/i18n.ts";
import { homeMessagesFor, type HomeMessages } from "~/utils/i18n-home.ts";

function surveyState(survey: AskedSurvey, language: Language, t: HomeMessages): string {
  const { state } = survey;
  switch (state.kind) {
    case "not_started":
      return t.notStarted;
    case "answered":
      return t.answeredAnonymously;
    case "submitted":
      return t.submitted(state.on ? formatCalendarDateIn(language, state.on) : null, state.by);
    case "in_progress":
      return t.inProgress(
        Math.min(state.savedSections, survey.sectionCount),
        survey.sectionCount,
        state.savedBy,
        state.savedAt ? formatDateIn(language, state.savedAt) : null,
      );
  }
}

/** The live list of what is asked of a member and their organisation: surveys, and letters for leaders. */
export function MemberAsks({
  surveys,
  letters,
  leader,
  language = "en",
}: {
  surveys: AskedSurvey[];
  letters: LetterToSign[];
  leader: boolean;
  language?: Language;
}) {
  const t = homeMessagesFor(language);
  return (
    <section aria-labelledby="asked-heading" className="panel">
      <h2 id="asked-heading">{t.asked}</h2>
      {surveys.length === 0 && letters.length === 0 ? <p>{t.nothingAsked(leader)}</p> : null}
      {surveys.length ? (
        <>
          <h3>{t.surveys}</h3>
          <ul className="card-list" aria-label={t.surveysToAnswer}>
            {surveys.map((survey) => {
              const done = survey.state.kind === "submitted" || survey.state.kind === "answered";
              // A bilingual survey's Welsh title on a Welsh home; otherwise its English, said to be English.
              const welshTitle = language === "cy" ? survey.titleCy : null;
              const title = welshTitle ?? survey.title;
              const titleLang = language === "cy" && !welshTitle ? "en" : undefined;
              return (
                <li key={survey.id} className="card">
                  <h4 className="card__title" lang={titleLang}>
                    {title}
                  </h4>
                  <p className="card__text">
                    {survey.mode === "organisation" ? t.oneForOrganisation : t.yourOwn}{" "}
                    {surveyState(survey, language, t)}.
                    {survey.closesOn
                      ? ` ${t.closesAtEndOf(formatCalendarDateIn(language, survey.closesOn))}`
                      : ""}
                  </p>
                  {done ? null : (
                    // A whole-page post: the answering pages are another area of the site, reached by a redirect.
                    <Form method="post" action={`/surveys/${survey.id}/answer`} reloadDocument>
                      <button type="submit" className="button">
                        {survey.state.kind === "in_progress" ? t.continue : t.start}
                        <span className="visually-hidden" lang={titleLang}>
                          {" "}
                          {title}
                        </span>
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
          <h3>{t.lettersToSign}</h3>
          <ul className="card-list" aria-label={t.lettersToSign}>
            {letters.map((letter) => (
              <li key={letter.slug} className="card">
                <h4 className="card__title">
                  <Link to={`/letters/${letter.slug}`}>{letter.title}</Link>
                </h4>
                <p className="card__text">
                  {t.to(letter.addressee)}{" "}
                  {letter.signature
                    ? t.signedBy(letter.signature.name, formatDateIn(language, letter.signature.signedAt))
                    : t.notSignedYet}
                  {letter.closesAt ? ` ${t.closesOn(formatDateIn(language, letter.closesAt))}` : ""}
                </p>
                {letter.signature ? null : (
                  <p>
                    <Link className="button" to={`/letters/${letter.slug}/sign`}>
                      {t.sign}
                      <span className="visually-hidden"> {letter.title}</span>
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
