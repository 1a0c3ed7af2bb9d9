import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SubmissionBreadcrumbs, useSubmission } from "~/components/submissions/area.tsx";
import { CopyButton } from "~/components/submissions/copy-button.tsx";
import { submissionDocument } from "~/models/submissions/documents.server.ts";
import { submissionForPage } from "~/models/submissions/submissions.server.ts";
import { governmentInSentence } from "~/schemas/governments-labels.ts";
import { editableSubmissionStates } from "~/schemas/submissions-labels.ts";
import { questionHeading } from "~/utils/submission-document.server.ts";
import { answerPlainText } from "~/utils/submission-text.server.ts";

export const meta: MetaFunction = () => [{ title: "Paste pack · Submissions · Mutual Voice" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { submission } = await submissionForPage(request, context, params);
  const doc = await submissionDocument(context.db, submission);
  return {
    aboutUs: doc.aboutUs,
    answers: doc.questions.map((question, index) => ({
      heading: questionHeading(question, index),
      question: question.text,
      text: answerPlainText(question.answer, doc),
    })),
  };
}

export default function PastePack() {
  const { aboutUs, answers } = useLoaderData<typeof loader>();
  const submission = useSubmission();
  return (
    <>
      <SubmissionBreadcrumbs />
      <h1>Paste pack</h1>
      <p className="lead">
        Each answer as plain text for {governmentInSentence(submission.government)}’s online form, with its
        sources listed under it. Select the text in a box (or use Copy) and paste it into the matching
        question.
      </p>
      {editableSubmissionStates.includes(submission.state) ? (
        <p className="panel panel--warning">
          This is a draft: figures are live until the submission is approved.
        </p>
      ) : null}
      <section className="paste-pack__item" aria-labelledby="paste-about">
        <h2 id="paste-about">About us</h2>
        <label className="field__label" htmlFor="paste-about-text">
          About us, as plain text
        </label>
        <textarea id="paste-about-text" className="textarea" rows={4} readOnly value={aboutUs} />
        <CopyButton targetId="paste-about-text" label="about us" />
      </section>
      {answers.map((answer, index) => (
        <section key={index} className="paste-pack__item" aria-labelledby={`paste-q${index}`}>
          <h2 id={`paste-q${index}`}>{answer.heading}</h2>
          <p className="submission-question__text">{answer.question}</p>
          <label className="field__label" htmlFor={`paste-a${index}`}>
            Answer to {answer.heading.toLowerCase()}, as plain text
          </label>
          <textarea
            id={`paste-a${index}`}
            className="textarea"
            rows={Math.min(20, Math.max(4, answer.text.split("\n").length + 1))}
            readOnly
            value={answer.text || "(no answer)"}
          />
          <CopyButton targetId={`paste-a${index}`} label={`answer to ${answer.heading.toLowerCase()}`} />
        </section>
      ))}
    </>
  );
}
