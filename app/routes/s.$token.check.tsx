import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { loadResponse, submitResponse } from "~/models/surveys/answering.server.ts";
import { accessByLink } from "~/models/surveys/links.server.ts";
import { answeringContent } from "~/models/surveys/surveys.server.ts";
import { removeUnreferencedBlobs } from "~/models/files/files.server.ts";
import { fileStoreFor } from "~/services/storage.server.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { describeAnswer } from "~/utils/survey-answers.ts";
import { answersNotSent, askedQuestions } from "~/utils/survey-conditions.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page
      ? `Check your answers · ${page.survey.title} · Mutual Voice`
      : "Check your answers · Mutual Voice",
  },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const access = await accessByLink(context, token);
  const [sections, response] = await Promise.all([
    answeringContent(context.db, access.survey),
    loadResponse(context.db, access),
  ]);
  if (response?.status === "submitted" || !access.open) throw redirect(`/s/${token}`);
  const answers = response?.answers ?? [];
  const asked = askedQuestions(sections, answers);
  return {
    survey: { title: access.survey.title, mode: access.survey.mode },
    organisationName: access.organisationName,
    notSent: answersNotSent(sections, answers, asked),
    sections: sections.map((section, index) => ({
      number: index + 1,
      title: section.title,
      questions: section.questions
        .filter((question) => asked.has(question.id))
        .map((question) => {
          const answer = answers.find((a) => a.questionId === question.id);
          return {
            id: question.id,
            prompt: question.prompt,
            answer: describeAnswer(question, answer),
            missing: question.required && !answer,
          };
        }),
    })),
  };
}

export async function action({ params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const access = await accessByLink(context, token);
  try {
    const { discardedFileHashes } = await submitResponse(context.db, access, context.appUrl, token);
    await removeUnreferencedBlobs(context.db, fileStoreFor(context.env.dataDir), discardedFileHashes);
  } catch (error) {
    return refusalAnswer(error, {});
  }
  return redirect(`/s/${token}`, 303);
}

export default function CheckAnswers() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state !== "idle";
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      {/* Missing answers are listed in the error summary; any other refusal is said here. */}
      <RefusalPanel
        message={actionData && !Object.keys(actionData.errors).length ? actionData.refusal : null}
      />
      <p className="survey-progress">Last step</p>
      <h1>Check your answers</h1>
      {page.notSent.length ? (
        <div className="panel panel--warning" role="status" aria-labelledby="not-sent-title">
          <h2 id="not-sent-title">Some answers will not be sent</h2>
          <ul>
            {page.notSent.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p>Change the earlier answer back if you want them sent.</p>
        </div>
      ) : null}
      {page.sections
        .filter((section) => section.questions.length)
        .map((section) => (
          <section key={section.number} aria-labelledby={`check-${section.number}`}>
            <h2 id={`check-${section.number}`}>{section.title}</h2>
            <dl className="summary-list summary-list--actions">
              {section.questions.map((question) => (
                <div key={question.id} id={`question-${question.id}`} tabIndex={-1}>
                  <dt>{question.prompt}</dt>
                  <dd>
                    {question.missing ? (
                      <strong className="field__error">Required: not answered yet</strong>
                    ) : (
                      question.answer
                    )}
                  </dd>
                  <dd>
                    <Link to={`../${section.number}`} relative="path">
                      Change<span className="visually-hidden"> your answer to {question.prompt}</span>
                    </Link>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      <h2>Submit your answers</h2>
      <p>
        {page.survey.mode === "organisation"
          ? `You are submitting these answers for ${page.organisationName}. Once submitted, nobody can change them.`
          : "Once submitted, your answers cannot be changed."}
      </p>
      <Form method="post">
        <button type="submit" className="button" disabled={submitting}>
          Submit answers
        </button>
      </Form>
      <p>
        <Link to=".." relative="path" className="back-link">
          Back
        </Link>
      </p>
    </div>
  );
}
