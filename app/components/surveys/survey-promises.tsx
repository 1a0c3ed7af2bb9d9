import type { AnonymityMode, SurveyMode } from "~/schemas/surveys-labels.ts";
import { formatCalendarDateIn, messagesFor, type Language } from "~/utils/i18n.ts";
import { langOf, type FellBack } from "~/utils/survey-welsh.ts";

/**
 * What a member reads before starting a survey: its introduction, who answers, how answers are
 * identified, and how long it takes. The same on the start page and in the staff preview.
 */
export function SurveyPromises({
  survey,
  language,
  organisation,
  sectionCount,
}: {
  survey: {
    introduction: string;
    english: FellBack;
    mode: SurveyMode;
    anonymity: AnonymityMode;
    closesOn: string | null;
  };
  language: Language;
  /** The organisation a shared answer is for, as the member's page names it. */
  organisation: string;
  sectionCount: number;
}) {
  const t = messagesFor(language);
  return (
    <>
      {survey.introduction ? (
        <p className="lead" lang={langOf(survey.english, "introduction")}>
          {survey.introduction}
        </p>
      ) : null}
      <ul>
        <li>{survey.mode === "organisation" ? t.answerFor(organisation) : t.answerForYourself}</li>
        <li>{t[survey.anonymity]}</li>
        <li>
          {t.sectionCount(sectionCount)} {t.savedAsYouGo}
          {survey.closesOn ? t.until(formatCalendarDateIn(language, survey.closesOn)) : ""}.
        </li>
      </ul>
    </>
  );
}
