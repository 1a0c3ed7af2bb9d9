import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { LanguageSwitch } from "~/components/language-switch.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { Marked } from "~/components/surveys/marked.tsx";
import { loadResponse, submitResponse } from "~/models/surveys/answering.server.ts";
import { accessByLink } from "~/models/surveys/links.server.ts";
import { answeringContent } from "~/models/surveys/surveys.server.ts";
import { removeUnreferencedBlobs } from "~/models/files/files.server.ts";
import { fileStoreFor } from "~/services/storage.server.ts";
import { isRefusal, refusalAnswer } from "~/utils/refusal.server.ts";
import { messagesFor } from "~/utils/i18n.ts";
import { pageLanguage } from "~/utils/language.server.ts";
import { describeAnswer } from "~/utils/survey-answers.ts";
import { answersNotSent, askedQuestions } from "~/utils/survey-condition-rules.ts";
import { sectionsIn, surveyTextIn } from "~/utils/survey-welsh.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page
      ? `${messagesFor(page.language).checkYourAnswers} · ${page.survey.title} · Mutual Voice`
      : "Check your answers · Mutual Voice",
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const access = await accessByLink(context, token);
  const [content, response, language] = await Promise.all([
    answeringContent(context.db, access.survey),
    loadResponse(context.db, access),
    pageLanguage(request, context.env, access.survey.bilingual),
  ]);
  const sections = sectionsIn(content, language);
  const t = messagesFor(language);
  if (response?.status === "submitted" || !access.open) throw redirect(`/s/${token}`);
  const answers = response?.answers ?? [];
  const asked = askedQuestions(sections, answers);
  return {
    language,
    bilingual: access.survey.bilingual,
    survey: { title: surveyTextIn(access.survey, language).title, mode: access.survey.mode },
    organisationName: access.organisationName,
    notSent: answersNotSent(sections, answers, asked, t.notSentLine),
    sections: sections.map((section, index) => ({
      number: index + 1,
      title: section.title,
      english: section.english,
      questions: section.questions
        .filter((question) => asked.has(question.id))
        .map((question) => {
          const answer = answers.find((a) => a.questionId === question.id);
          return {
            id: question.id,
            prompt: question.prompt,
            english: question.english,
            answer: describeAnswer(question, answer, t),
            missing: question.required && !answer,
          };
        }),
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const access = await accessByLink(context, token);
  const language = await pageLanguage(request, context.env, access.survey.bilingual);
  try {
    const { discardedFileHashes } = await submitResponse(context.db, access, context.appUrl, token);
    await removeUnreferencedBlobs(context.db, fileStoreFor(context.env.dataDir), discardedFileHashes);
  } catch (error) {
    if (isRefusal(error) && error.code === "requiredMissing" && language !== "en") {
      // The model names each unanswered question in English: name them again in the page's words.
      const sections = sectionsIn(await answeringContent(context.db, access.survey), language);
      const t = messagesFor(language);
      const errors = Object.fromEntries(
        sections.flatMap((section, index) =>
          section.questions
            .filter((question) => `question-${question.id}` in error.fieldErrors)
            .map((question) => [`question-${question.id}`, t.answerInSection(question.prompt, index + 1)]),
        ),
      );
      return data({ refusal: error.messageIn(language), errors }, { status: 400 });
    }
    return refusalAnswer(error, {}, language);
  }
  return redirect(`/s/${token}`, 303);
}

export default function CheckAnswers() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state !== "idle";
  const t = messagesFor(page.language);
  return (
    <div className="narrow" lang={page.language}>
      {page.bilingual ? <LanguageSwitch language={page.language} /> : null}
      <ErrorSummary errors={actionData?.errors} title={t.thereIsAProblem} />
      {/* Missing answers are listed in the error summary; any other refusal is said here. */}
      <RefusalPanel
        message={actionData && !Object.keys(actionData.errors).length ? actionData.refusal : null}
        title={t.couldNotBeDone}
      />
      <p className="survey-progress">{t.lastStep}</p>
      <h1>{t.checkYourAnswers}</h1>
      {page.notSent.length ? (
        <div className="panel panel--warning" role="status" aria-labelledby="not-sent-title">
          <h2 id="not-sent-title">{t.notSentTitle}</h2>
          <ul>
            {page.notSent.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p>{t.notSentChangeBack}</p>
        </div>
      ) : null}
      {page.sections
        .filter((section) => section.questions.length)
        .map((section) => (
          <section key={section.number} aria-labelledby={`check-${section.number}`}>
            <h2 id={`check-${section.number}`}>
              <Marked english={section.english} field="title" text={section.title} />
            </h2>
            <dl className="summary-list summary-list--actions">
              {section.questions.map((question) => (
                <div key={question.id} id={`question-${question.id}`} tabIndex={-1}>
                  <dt>
                    <Marked english={question.english} field="prompt" text={question.prompt} />
                  </dt>
                  <dd>
                    {question.missing ? (
                      <strong className="field__error">{t.requiredNotAnswered}</strong>
                    ) : (
                      question.answer
                    )}
                  </dd>
                  <dd>
                    <Link to={`../${section.number}`} relative="path">
                      {t.change}
                      <span className="visually-hidden">
                        {" "}
                        {t.changeYourAnswerTo}{" "}
                        <Marked english={question.english} field="prompt" text={question.prompt} />
                      </span>
                    </Link>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      <h2>{t.submitYourAnswers}</h2>
      <p>
        {page.survey.mode === "organisation"
          ? t.submittingFor(page.organisationName)
          : t.submittingForYourself}
      </p>
      <Form method="post">
        <button type="submit" className="button" disabled={submitting}>
          {t.submitAnswers}
        </button>
      </Form>
      <p>
        <Link to=".." relative="path" className="back-link">
          {t.back}
        </Link>
      </p>
    </div>
  );
}
