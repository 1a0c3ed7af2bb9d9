import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LanguageSwitch } from "~/components/language-switch.tsx";
import { Marked } from "~/components/surveys/marked.tsx";
import { SurveyPromises } from "~/components/surveys/survey-promises.tsx";
import { loadResponse } from "~/models/surveys/answering.server.ts";
import { accessByLink } from "~/models/surveys/links.server.ts";
import { answeringContent } from "~/models/surveys/surveys.server.ts";
import { formatCalendarDateIn, formatDateIn, formatDateTimeIn, messagesFor } from "~/utils/i18n.ts";
import { pageLanguage } from "~/utils/language.server.ts";
import { describeAnswer } from "~/utils/survey-answers.ts";
import { sectionsIn, surveyTextIn } from "~/utils/survey-welsh.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.survey.title} · Mutual Voice` : "Survey · Mutual Voice" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await accessByLink(context, params.token ?? "");
  const [content, response, language] = await Promise.all([
    answeringContent(context.db, access.survey),
    loadResponse(context.db, access),
    pageLanguage(request, context.env, access.survey.bilingual),
  ]);
  const sections = sectionsIn(content, language);
  const t = messagesFor(language);
  const saved = sections.map((section) => response?.sectionVersions.has(section.id) ?? false);
  const firstUnsaved = saved.indexOf(false);
  const answers = response?.answers ?? [];
  return {
    language,
    bilingual: access.survey.bilingual,
    survey: {
      ...surveyTextIn(access.survey, language),
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
              english: section.english,
              answers: section.questions.map((question) => ({
                prompt: question.prompt,
                english: question.english,
                answer: describeAnswer(
                  question,
                  answers.find((a) => a.questionId === question.id),
                  t,
                ),
              })),
            })),
          }
        : null,
  };
}

export default function SurveyStart() {
  const page = useLoaderData<typeof loader>();
  const { survey, language } = page;
  const t = messagesFor(language);
  return (
    <div className="narrow" lang={language}>
      {page.bilingual ? <LanguageSwitch language={language} /> : null}
      <h1>
        <Marked english={survey.english} field="title" text={survey.title} />
      </h1>
      {page.submitted ? (
        <>
          <div className="panel panel--success" role="status">
            <h2>{t.answersSubmitted}</h2>
            <p>
              {page.submitted.at
                ? t.submittedOn(formatDateTimeIn(language, page.submitted.at))
                : page.submitted.on
                  ? t.submittedOn(formatCalendarDateIn(language, page.submitted.on))
                  : t.submitted}
              {page.submitted.by ? t.submittedBy(page.submitted.by) : ""}. {t.thankYou}
            </p>
            {survey.anonymity === "anonymous" ? <p>{t.anonymousNoReceipt}</p> : null}
          </div>
          <h2>{t.whatWasSubmitted}</h2>
          {page.submitted.sections.map((section, index) => (
            <section key={index}>
              <h3>
                <Marked english={section.english} field="title" text={section.title} />
              </h3>
              <dl className="summary-list">
                {section.answers.map((answer, n) => (
                  <div key={n}>
                    <dt>
                      <Marked english={answer.english} field="prompt" text={answer.prompt} />
                    </dt>
                    <dd>{answer.answer}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </>
      ) : !page.open ? (
        <div className="panel panel--warning" role="status">
          <h2>{t.surveyClosed}</h2>
          <p>
            {survey.closesOn ? t.closedAtEndOf(formatCalendarDateIn(language, survey.closesOn)) : t.hasClosed}
            {survey.closedAt ? ` (${formatDateIn(language, survey.closedAt)})` : ""}
            {t.closedNoMore}
          </p>
        </div>
      ) : (
        <>
          <SurveyPromises
            survey={survey}
            language={language}
            organisation={page.organisationName}
            sectionCount={page.sectionCount}
          />
          {page.savedCount ? <p>{t.sectionsSaved(page.savedCount, page.sectionCount)}</p> : null}
          <p>
            <Link className="button" to={page.next}>
              {page.savedCount ? t.continueWhereLeftOff : t.start}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
