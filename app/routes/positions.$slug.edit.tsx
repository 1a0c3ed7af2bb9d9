import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import {
  BodyField,
  CitationPicker,
  EditorHelp,
  LivePreview,
  useMarkdownEditor,
} from "~/components/positions/editor.tsx";
import { PositionFields } from "~/components/positions/position-fields.tsx";
import {
  positionTitle,
  useStaffPosition,
  type PositionMatches,
} from "~/components/positions/use-position.ts";
import { TextField } from "~/components/text-field.tsx";
import { WordDiff } from "~/components/word-diff.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { citationPicker } from "~/models/evidence/citations.server.ts";
import { requirePosition } from "~/models/positions/page.server.ts";
import { getPositionBySlug, getVersion } from "~/models/positions/positions.server.ts";
import { renderPreview, saveVersion } from "~/models/positions/versions.server.ts";
import { editableStates, positionStateLabels } from "~/schemas/positions-labels.ts";
import { savePositionSchema } from "~/schemas/positions.ts";
import { wordDiff } from "~/utils/diff.ts";
import { formatDateTime } from "~/utils/format.ts";
import { formValues } from "~/utils/forms.ts";
import { parsePositionForm, topicsOf } from "~/utils/position-form.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { skipRevalidationAfterPreview } from "~/utils/revalidation.ts";

export const meta: MetaFunction<typeof loader, PositionMatches> = ({ matches }) => [
  { title: `Edit: ${positionTitle(matches) ?? "position"} · Mutual Voice` },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const { position } = await requirePosition(request, context, params.slug);
  const version = await getVersion(context.db, user, position, position.currentVersionId);
  const query = new URL(request.url).searchParams.get("evq")?.slice(0, 200) ?? "";
  return {
    editable: editableStates.includes(position.state),
    version: {
      id: version.id,
      number: version.number,
      title: version.title,
      summary: version.summary,
      body: version.body,
    },
    preview: await renderPreview(context.db, version.body),
    picker: await citationPicker(context.db, user, { q: query }),
    query,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const position = await getPositionBySlug(context.db, user, params.slug ?? "");
  const formData = await readForm(request);
  const values = formValues(formData);
  const topics = topicsOf(formData);
  if (values.intent === "preview") {
    return { intent: "preview", values, topics, preview: await renderPreview(context.db, values.body ?? "") };
  }
  const form = parsePositionForm(savePositionSchema, formData);
  if (!form.ok) return data({ intent: "save", errors: form.errors, values, topics }, { status: 400 });
  try {
    const result = await saveVersion(context.db, user, {
      ...form.data,
      positionId: position.id,
      isPublic: form.data.isPublic === "on",
    });
    if (result.ok)
      return redirect(`/positions/${position.slug}?done=${result.unchanged ? "unchanged" : "saved"}`);
    const conflict = {
      currentId: result.current.id,
      currentNumber: result.current.number,
      authorName: result.current.authorName,
      savedAt: result.current.createdAt,
      note: result.current.note,
      theirChanges: result.theirChanges,
      yoursAgainstTheirs: wordDiff(result.current.body, form.data.body),
    };
    return data({ intent: "save", conflict, values, topics }, { status: 409 });
  } catch (error) {
    return refusalAnswer(error, { intent: "save", values, topics });
  }
}

// A live preview reloads nothing: see skipRevalidationAfterPreview.
export const shouldRevalidate = skipRevalidationAfterPreview;

export default function EditPosition() {
  const position = useStaffPosition();
  const { editable, version, preview: initialPreview, picker, query } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The version this form started from: a newer one saved meanwhile must not slip in unseen.
  const [startedFrom] = useState(version.id);
  const conflict = actionData && "conflict" in actionData ? actionData.conflict : undefined;
  const values = actionData?.values;
  const base = conflict?.currentId ?? Number(values?.baseVersionId ?? startedFrom);
  const body = values?.body ?? version.body;
  const editor = useMarkdownEditor(body);
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const refusal = actionData && "refusal" in actionData ? String(actionData.refusal) : undefined;
  const previewResult = actionData && "preview" in actionData ? actionData.preview : initialPreview;

  if (!editable) {
    return (
      <>
        <h1>Edit: {position.title}</h1>
        <p className="panel">
          This position is {positionStateLabels[position.state].toLowerCase()}, so its text cannot change.{" "}
          {position.state === "approved" ? "Reopen it as a draft to edit it. " : ""}
          <Link to={`/positions/${position.slug}`}>Back to the position</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <ErrorSummary errors={errors} />
      {refusal ? (
        <div className="panel panel--error" role="alert">
          <h2 className="panel__title">Not saved</h2>
          <p>{refusal}</p>
        </div>
      ) : null}
      {conflict ? (
        <div className="panel panel--error conflict" role="alert" aria-labelledby="conflict-title">
          <h2 className="panel__title" id="conflict-title">
            Not saved: someone else saved while you were editing
          </h2>
          <p>
            {conflict.authorName ?? "A colleague"} saved version {conflict.currentNumber} at{" "}
            {formatDateTime(conflict.savedAt)}
            {conflict.note ? ` (“${conflict.note}”)` : ""}. Nothing was overwritten. Your text is still in the
            form below: merge their changes into it, then save again.
          </p>
          <WordDiff diff={conflict.theirChanges} label="Their changes since you started" />
          <details className="details">
            <summary>Your text compared with version {conflict.currentNumber}</summary>
            <WordDiff
              diff={conflict.yoursAgainstTheirs}
              label={`Version ${conflict.currentNumber} → your text`}
            />
          </details>
        </div>
      ) : null}
      <p className="breadcrumbs">
        <Link to={`/positions/${position.slug}`}>{position.title}</Link>
      </p>
      <h1>Edit position</h1>
      <p>
        You are editing version {version.number}. Saving keeps a new version; nothing is ever overwritten.
      </p>
      <EditorHelp />
      <div className="editor-layout">
        <Form method="post" noValidate className="editor-layout__form">
          <input type="hidden" name="baseVersionId" value={base} />
          <PositionFields
            values={{
              title: values?.title ?? version.title,
              summary: values?.summary ?? version.summary,
              isPublic: values ? values.isPublic === "on" : position.isPublic,
            }}
            topics={actionData?.topics ?? position.topics}
            errors={errors}
          />
          <BodyField
            attach={editor.attach}
            onBodyChange={editor.setBody}
            defaultValue={body}
            error={errors?.body}
          />
          <TextField
            name="note"
            label="What changed (optional)"
            hint="A few words for the history, like “added Welsh block”."
            defaultValue={values?.note}
            error={errors?.note}
            maxLength={300}
          />
          <div className="button-group">
            <button type="submit" name="intent" value="save" className="button">
              Save new version
            </button>
            <button type="submit" name="intent" value="preview" className="button button--secondary">
              Preview
            </button>
            <Link to={`/positions/${position.slug}`}>Cancel</Link>
          </div>
        </Form>
        <LivePreview body={editor.body} initial={previewResult} />
      </div>
      <CitationPicker items={picker} query={query} insert={editor.insert} />
    </>
  );
}
