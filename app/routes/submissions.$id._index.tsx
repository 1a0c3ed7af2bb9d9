import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ItemCampaignsRow } from "~/components/campaigns/item-campaigns.tsx";
import { campaignsOfItem } from "~/models/campaigns/choices.server.ts";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { MarkdownView } from "~/components/positions/markdown-view.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { useSubmission } from "~/components/submissions/area.tsx";
import { sentForm } from "~/components/submissions/sent-form.ts";
import { SubmissionActions } from "~/components/submissions/submission-actions.tsx";
import { SubmissionStateTag } from "~/components/submissions/state-tag.tsx";
import { TextField } from "~/components/text-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { listPolicyStaff } from "~/models/positions/positions.server.ts";
import { addQuestion, listQuestions } from "~/models/submissions/answers.server.ts";
import { isSubmissionFrozen, submissionDocument } from "~/models/submissions/documents.server.ts";
import {
  approveSubmission,
  publishSubmission,
  requestSubmissionReview,
  sendBackSubmission,
  submissionActions,
  withdrawSubmission,
} from "~/models/submissions/lifecycle.server.ts";
import { getSubmission, submissionForPage } from "~/models/submissions/submissions.server.ts";
import { governmentLabels } from "~/schemas/governments.ts";
import {
  addQuestionSchema,
  editableSubmissionStates,
  publishSubmissionSchema,
  requestSubmissionReviewSchema,
  reviewDecisionSchema,
  sendBackSchema,
  withdrawSubmissionSchema,
} from "~/schemas/submissions.ts";
import { formatDate, formatDateTime } from "~/utils/format.ts";
import { idParam } from "~/utils/ids.ts";
import { renderMarkdown } from "~/utils/markdown.server.ts";
import { intentForms } from "~/utils/submission-forms.server.ts";
import type { loader as submissionLoader } from "./submissions.$id.tsx";
import { readForm } from "~/utils/form-body.server.ts";

const doneMessages: Record<string, string> = {
  created: "Submission started. Write an answer to each question.",
  saved: "Answer saved.",
  "request-review": "Review requested. The reviewer has been emailed.",
  "send-back": "Sent back for changes. The lead has been emailed your comment.",
  approve: "Approved. Figures and citations are now frozen; it is ready to send.",
  withdraw: "Withdrawn.",
  publish: "Published. It now has a public page.",
  "add-question": "Question added.",
  "delete-question": "Question deleted.",
};

export const meta: MetaFunction<typeof loader, { "routes/submissions.$id": typeof submissionLoader }> = ({
  matches,
}) => {
  const layout = matches.find((match) => match.id === "routes/submissions.$id");
  return [
    { title: `${layout?.data.submission.consultationTitle ?? "Submission"} · Submissions · Mutual Voice` },
  ];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, submission } = await submissionForPage(request, context, params);
  const questions = await listQuestions(context.db, submission.id);
  const doc = await submissionDocument(context.db, submission, questions);
  const frozen = isSubmissionFrozen(submission);
  const answers = questions.map((question) => {
    const rendered = renderMarkdown(question.answer, doc.citations, {
      government: submission.government,
      mode: frozen ? "published" : "editor",
      idPrefix: `q${question.id}-`,
    });
    return {
      id: question.id,
      number: question.number,
      question: question.question,
      empty: question.answer.trim() === "",
      html: rendered.html,
      problems: rendered.problems
        .filter((problem) => problem.kind !== "unknown_block" && problem.kind !== "unclosed_block")
        .map((problem) => problem.message),
    };
  });
  const done = new URL(request.url).searchParams.get("done");
  const staff = await listPolicyStaff(context.db);
  return {
    campaigns: await campaignsOfItem(context.db, user, "submission", submission.id),
    answers,
    aboutUs: doc.aboutUs,
    frozen,
    editable: editableSubmissionStates.includes(submission.state),
    view: {
      id: submission.id,
      state: submission.state,
      ...submissionActions(user, submission),
      reviewerName: submission.reviewerName,
      reviewers: staff.filter((person) => person.id !== user.id),
      problems: answers.reduce((sum, answer) => sum + answer.problems.length, 0),
    },
    done: done && done in doneMessages ? doneMessages[done] : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const { id: submissionId } = await getSubmission(context.db, user, idParam(params, "id"));
  // The review forms' fields share names ("comment"), so their ids carry the intent.
  const { intent, run, unrecognised } = intentForms(await readForm(request), (intent, field) =>
    intent === "add-question" ? field : `${intent}-${field}`,
  );
  const links = { appUrl: context.appUrl };
  const done = () => redirect(`/submissions/${submissionId}?done=${intent}`);
  switch (intent) {
    case "request-review":
      return run(requestSubmissionReviewSchema, async (input) => {
        await requestSubmissionReview(context.db, user, { submissionId, ...input }, links);
        return done();
      });
    case "approve":
      return run(reviewDecisionSchema, async ({ comment }) => {
        await approveSubmission(context.db, user, { submissionId, comment }, links);
        return done();
      });
    case "send-back":
      return run(sendBackSchema, async ({ comment }) => {
        await sendBackSubmission(context.db, user, { submissionId, comment }, links);
        return done();
      });
    case "withdraw":
      return run(withdrawSubmissionSchema, async ({ reason }) => {
        await withdrawSubmission(context.db, user, { submissionId, reason });
        return done();
      });
    case "publish":
      return run(publishSubmissionSchema, async () => {
        await publishSubmission(context.db, user, { submissionId });
        return done();
      });
    case "add-question":
      return run(addQuestionSchema, async ({ number, question }) => {
        await addQuestion(context.db, user, { submissionId, number, question });
        return done();
      });
    default:
      return unrecognised();
  }
}

export default function SubmissionPage() {
  const { answers, aboutUs, frozen, editable, view, done, campaigns } = useLoaderData<typeof loader>();
  const submission = useSubmission();
  const actionData = useActionData<typeof action>();
  const addField = sentForm(actionData, "add-question");
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={actionData?.refusal} />
      {done ? (
        <p className="panel panel--success" role="status">
          {done}
        </p>
      ) : null}
      <p className="breadcrumbs">
        <Link to="/submissions">Submissions</Link>
      </p>
      <h1>{submission.consultationTitle}</h1>
      <p>
        <SubmissionStateTag state={submission.state} />
      </p>
      <dl className="summary-list">
        <ItemCampaignsRow campaigns={campaigns} kind="submission" itemId={submission.id} />
        <div>
          <dt>Consultation</dt>
          <dd>
            <a href={submission.consultationUrl}>{submission.consultationBody}</a> (
            <Link to={`/consultations/${submission.consultationId}`}>on the radar</Link>)
          </dd>
        </div>
        <div>
          <dt>Addressed to</dt>
          <dd>{governmentLabels[submission.government]}</dd>
        </div>
        <div>
          <dt>Lead</dt>
          <dd>{submission.leadName}</dd>
        </div>
        <div>
          <dt>Internal deadline</dt>
          <dd>{formatDate(submission.internalDeadline)}</dd>
        </div>
        <div>
          <dt>Government’s closing date</dt>
          <dd>{formatDate(submission.closesOn)}</dd>
        </div>
        {submission.reviewerName ? (
          <div>
            <dt>Reviewer</dt>
            <dd>{submission.reviewerName}</dd>
          </div>
        ) : null}
        {submission.approvedAt ? (
          <div>
            <dt>Approved</dt>
            <dd>{formatDateTime(submission.approvedAt)}</dd>
          </div>
        ) : null}
        {submission.slug ? (
          <div>
            <dt>Public page</dt>
            <dd>
              <Link to={`/c/${submission.slug}`}>/c/{submission.slug}</Link>
            </dd>
          </div>
        ) : null}
        {submission.withdrawnReason ? (
          <div>
            <dt>Withdrawn because</dt>
            <dd>{submission.withdrawnReason}</dd>
          </div>
        ) : null}
      </dl>
      <SubmissionActions view={view} actionData={actionData} />
      <section aria-labelledby="about-title">
        <h2 id="about-title">About us</h2>
        <p>{aboutUs}</p>
        <p className="table__note">
          {frozen
            ? "Figures frozen at approval."
            : "From the live network figures in the directory; they freeze when the submission is approved."}
        </p>
      </section>
      <section aria-labelledby="answers-title">
        <h2 id="answers-title">Questions and answers</h2>
        <ol className="submission-questions">
          {answers.map((answer, index) => (
            <li key={answer.id} className="submission-question" id={`question-${answer.id}`}>
              <h3>Question {answer.number ?? index + 1}</h3>
              <p className="submission-question__text">{answer.question}</p>
              {answer.problems.length ? (
                <div className="panel panel--warning">
                  <p className="panel__title">Citations to fix</p>
                  <ul>
                    {answer.problems.map((problem, problemIndex) => (
                      <li key={problemIndex}>{problem}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {answer.empty ? (
                <p className="table__note">Not answered yet.</p>
              ) : (
                <MarkdownView html={answer.html} />
              )}
              {editable ? (
                <p>
                  <Link to={`/submissions/${submission.id}/questions/${answer.id}`}>
                    {answer.empty ? "Write the answer" : "Edit the answer"}
                    <span className="visually-hidden"> to question {answer.number ?? index + 1}</span>
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      {editable ? (
        <Form method="post" className="action-form" noValidate>
          <h2>Add a question</h2>
          <input type="hidden" name="intent" value="add-question" />
          <TextField {...addField("number")} label="Its number in the consultation (optional)" />
          <TextareaField {...addField("question")} label="Question" rows={3} />
          <button type="submit" className="button button--secondary">
            Add question
          </button>
        </Form>
      ) : null}
    </>
  );
}
