import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { CitationPicker, EditorHelp, useMarkdownEditor } from "~/components/positions/editor.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { AnswerField, AnswerPreview, PositionInsert } from "~/components/submissions/answer-editor.tsx";
import { SubmissionBreadcrumbs, useSubmission } from "~/components/submissions/area.tsx";
import { TextField } from "~/components/text-field.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { WordDiff } from "~/components/word-diff.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { listCitableEvidence } from "~/models/evidence/evidence.server.ts";
import {
  deleteQuestion,
  editQuestion,
  listInsertablePositions,
  listQuestions,
  positionTextFor,
  saveAnswer,
} from "~/models/submissions/answers.server.ts";
import { submissionDocument } from "~/models/submissions/documents.server.ts";
import { getSubmission, submissionForPage } from "~/models/submissions/submissions.server.ts";
import { citationText, evidenceKindLabels } from "~/schemas/evidence-labels.ts";
import { governmentInSentence } from "~/schemas/governments-labels.ts";
import { editableSubmissionStates } from "~/schemas/submissions-labels.ts";
import { deleteQuestionSchema, editQuestionSchema, saveAnswerSchema } from "~/schemas/submissions.ts";
import type { Db } from "~/utils/db.server.ts";
import { wordDiff } from "~/utils/diff.ts";
import { formValues } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { renderMarkdown } from "~/utils/markdown.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { intentForms, type SubmissionActionData } from "~/utils/submission-forms.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { skipRevalidationAfterPreview } from "~/utils/revalidation.ts";

export const meta: MetaFunction = () => [{ title: "Answer · Submissions · Mutual Voice" }];

/** The question at this address, among its submission's questions; another submission's is not found. */
async function questionAt(db: Db, submissionId: number, params: LoaderFunctionArgs["params"]) {
  const questionId = idParam(params, "questionId");
  const questions = await listQuestions(db, submissionId);
  const index = questions.findIndex((question) => question.id === questionId);
  const question = questions[index];
  if (!question) throw Refusal.notFound();
  return { questions, question, index };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, submission } = await submissionForPage(request, context, params);
  const { questions, question, index } = await questionAt(context.db, submission.id, params);
  const url = new URL(request.url);
  const evq = url.searchParams.get("evq")?.slice(0, 200) ?? "";
  const slug = url.searchParams.get("position")?.slice(0, 200) ?? "";
  const doc = await submissionDocument(context.db, submission, questions);
  const preview = renderMarkdown(question.answer, doc.citations, {
    government: submission.government,
    mode: "editor",
    idPrefix: "preview-",
  });
  const evidence = await listCitableEvidence(context.db, user, { q: evq });
  return {
    question: { ...question, label: `Question ${question.number ?? index + 1}` },
    editable: editableSubmissionStates.includes(submission.state),
    preview: {
      html: preview.html,
      problems: preview.problems.map(({ kind, message }) => ({ kind, message })),
    },
    positions: await listInsertablePositions(context.db, user),
    chosen: slug ? await positionTextFor(context.db, user, slug, submission.government) : null,
    picker: evidence.map((item) => ({
      id: item.id,
      label: item.label,
      kindLabel: evidenceKindLabels[item.kind],
      citation: citationText(item.id),
    })),
    evq,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const submission = await getSubmission(context.db, user, idParam(params, "id"));
  const { question } = await questionAt(context.db, submission.id, params);
  const formData = await readForm(request);
  const { intent, run, unrecognised } = intentForms(formData);
  const ids = { submissionId: submission.id, questionId: question.id };
  const back = (done: string) => redirect(`/submissions/${submission.id}?done=${done}`);
  switch (intent) {
    case "save-answer":
      return run(saveAnswerSchema, async ({ baseVersion, answer }) => {
        const result = await saveAnswer(context.db, user, { ...ids, baseVersion, answer });
        if (result.ok) return back(`saved#question-${question.id}`);
        const { current } = result;
        return data<SubmissionActionData>(
          {
            intent,
            values: formValues(formData),
            conflict: {
              theirs: current.answer,
              version: current.version,
              by: current.updatedByName,
              mineAgainstTheirs: wordDiff(current.answer, answer),
            },
          },
          { status: 409 },
        );
      });
    case "edit-question":
      return run(editQuestionSchema, async ({ baseVersion, number, question: text }) => {
        await editQuestion(context.db, user, { ...ids, baseVersion, number, question: text });
        return back(`saved#question-${question.id}`);
      });
    case "delete-question":
      return run(deleteQuestionSchema, async () => {
        await deleteQuestion(context.db, user, ids);
        return back("delete-question");
      });
    default:
      return unrecognised();
  }
}

export const shouldRevalidate = skipRevalidationAfterPreview;

export default function EditAnswer() {
  const { question, editable, preview, positions, chosen, picker, evq } = useLoaderData<typeof loader>();
  const submission = useSubmission();
  const actionData = useActionData<typeof action>();
  const answerValues = actionData?.intent === "save-answer" ? (actionData.values ?? {}) : {};
  const questionValues = actionData?.intent === "edit-question" ? (actionData.values ?? {}) : {};
  const conflict = actionData?.conflict;
  // The version this form started from, fixed when the page opened: a save made meanwhile reaches
  // this page only as a refused save beside both texts, never by quietly becoming the base.
  const [startedFrom] = useState(question.version);
  const base = conflict?.version ?? Number(answerValues.baseVersion ?? startedFrom);
  const initial = answerValues.answer ?? question.answer;
  const editor = useMarkdownEditor(initial);
  const governmentLabel = governmentInSentence(submission.government);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={actionData?.refusal} />
      <SubmissionBreadcrumbs />
      <h1>{question.label}</h1>
      <p className="submission-question__text">{question.question}</p>
      <p className="table__note">Answered for {governmentLabel}.</p>
      {!editable ? (
        <p className="panel">This submission can no longer be changed.</p>
      ) : (
        <>
          {conflict ? (
            <div className="panel panel--error conflict" role="alert" aria-labelledby="conflict-title">
              <h2 className="panel__title" id="conflict-title">
                Not saved: someone else saved this answer while you were editing
              </h2>
              <p>
                {conflict.by ?? "A colleague"} saved the text below. Nothing was overwritten, and your text is
                still in the box underneath. Keep yours (merge what you need from theirs, then choose “Save my
                answer”), or use theirs and discard yours.
              </p>
              <label className="field__label" htmlFor="their-answer">
                Their saved answer
              </label>
              <textarea id="their-answer" className="textarea" rows={8} readOnly value={conflict.theirs} />
              {conflict.mineAgainstTheirs ? (
                <details className="details">
                  <summary>Your text compared with theirs</summary>
                  <WordDiff diff={conflict.mineAgainstTheirs} label="Their answer → your text" />
                </details>
              ) : null}
              <p>
                {/* A fresh page, so the form starts again from their version with no trace of yours. */}
                <a
                  className="button button--secondary"
                  href={`/submissions/${submission.id}/questions/${question.id}`}
                >
                  Use their answer and discard mine
                </a>
              </p>
            </div>
          ) : null}
          <EditorHelp writing="an answer" />
          <div className="editor-layout">
            <Form method="post" noValidate className="editor-form">
              <input type="hidden" name="intent" value="save-answer" />
              <input type="hidden" name="questionId" value={question.id} />
              <input type="hidden" name="baseVersion" value={base} />
              <AnswerField
                attach={editor.attach}
                onAnswerChange={editor.setBody}
                defaultValue={initial}
                error={actionData?.errors?.answer}
              />
              <button type="submit" className="button">
                {conflict ? "Save my answer" : "Save answer"}
              </button>
            </Form>
            <AnswerPreview body={editor.body} government={submission.government} initial={preview} />
          </div>
          <PositionInsert
            positions={positions}
            chosen={chosen}
            governmentLabel={governmentLabel}
            insert={editor.insertBlock}
          />
          <CitationPicker items={picker} query={evq} insert={editor.insert} />
          <details className="details">
            <summary>Change or delete the question</summary>
            <div className="details__body">
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="edit-question" />
                <input type="hidden" name="questionId" value={question.id} />
                <input type="hidden" name="baseVersion" value={questionValues.baseVersion ?? startedFrom} />
                <TextField
                  name="number"
                  label="Its number in the consultation (optional)"
                  defaultValue={questionValues.number ?? question.number ?? ""}
                  error={actionData?.errors?.number}
                />
                <TextareaField
                  name="question"
                  label="Question"
                  rows={4}
                  defaultValue={questionValues.question ?? question.question}
                  error={actionData?.errors?.question}
                />
                <button type="submit" className="button button--secondary">
                  Save the question
                </button>
              </Form>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="delete-question" />
                <input type="hidden" name="questionId" value={question.id} />
                <button type="submit" className="button button--danger">
                  Delete this question and its answer
                </button>
              </Form>
            </div>
          </details>
        </>
      )}
    </>
  );
}
