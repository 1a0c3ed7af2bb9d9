import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MarkdownView } from "~/components/positions/markdown-view.tsx";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { getPublishedSubmission } from "~/models/submissions/documents.server.ts";
import { renderMarkdown } from "~/utils/markdown.server.ts";
import { addressedTo, documentTitle, questionHeading } from "~/utils/submission-document.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.title ?? "Consultation response"} · Public Service Mutuals Network` },
];

/** The public page of a published submission: safe HTML from the shared renderer, frozen at approval. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const { document } = await getPublishedSubmission(context.db, params.slug ?? "");
  return {
    title: documentTitle(document),
    byline: addressedTo(document),
    aboutUs: document.aboutUs,
    answers: document.questions.map((question, index) => ({
      heading: questionHeading(question, index),
      question: question.text,
      html: renderMarkdown(question.answer, document.citations, {
        government: document.government,
        mode: "published",
        idPrefix: `q${index + 1}-`,
      }).html,
    })),
  };
}

export default function PublicSubmission() {
  const { title, byline, aboutUs, answers } = useLoaderData<typeof loader>();
  return (
    <article className="public-submission">
      <p className="public-position__kicker">Consultation response of the Public Service Mutuals Network</p>
      <h1>{title}</h1>
      <p className="public-position__meta">{byline}</p>
      <section aria-labelledby="public-about">
        <h2 id="public-about">About us</h2>
        <p>{aboutUs}</p>
      </section>
      {answers.map((answer, index) => (
        <section key={index} className="public-submission__answer" aria-labelledby={`public-q${index}`}>
          <h2 id={`public-q${index}`}>{answer.heading}</h2>
          <p className="submission-question__text">{answer.question}</p>
          {answer.html ? <MarkdownView html={answer.html} /> : <p>No answer given.</p>}
        </section>
      ))}
    </article>
  );
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no published consultation response at this address.",
  back: { to: "/c", label: "See the published consultation responses" },
});
