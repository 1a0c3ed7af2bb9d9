import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import { useLayoutSurvey } from "~/components/surveys/layout-survey.ts";
import { createEvidenceFromFile } from "~/models/evidence/file-evidence.server.ts";
import { surveyFiles } from "~/models/surveys/conditional-pages.server.ts";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { acceptedFileTypes, formatFileSize, isAcceptedMediaType } from "~/schemas/files.ts";
import { keepFileSchema } from "~/schemas/stored-files.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { Refusal, refusalAnswer } from "~/utils/refusal.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page
      ? `Files sent for “${page.prompt}” · Surveys · Mutual Voice`
      : "Files · Surveys · Mutual Voice",
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, survey } = await staffSurvey(request, params, context);
  const found = await surveyFiles(context.db, user, survey.id, idParam(params, "questionId"));
  if (!found) throw Refusal.notFound();
  return {
    prompt: found.prompt,
    files: found.files.map((file) => ({
      id: file.id,
      filename: file.filename,
      type: isAcceptedMediaType(file.media_type) ? acceptedFileTypes[file.media_type].label : file.media_type,
      size: formatFileSize(file.size_bytes),
      organisation: file.organisation,
      evidenceId: file.evidence_id,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await staffSurvey(request, params, context);
  const form = parseForm(keepFileSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, refusal: "Choose a file from the list" }, { status: 400 });
  try {
    const kept = await createEvidenceFromFile(context.db, user, form.data.fileId);
    return redirect(`/evidence/${kept.id}`, 303);
  } catch (error) {
    return refusalAnswer(error, {});
  }
}

export default function SurveyFilesPage() {
  const survey = useLayoutSurvey();
  const { prompt, files } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state !== "idle";
  return (
    <>
      <RefusalPanel message={actionData?.refusal} />
      <h1>Files sent for “{prompt}”</h1>
      <p>
        Files from submitted responses. Each downloads as an attachment; keep one as a source in the evidence
        library to cite it. The file itself stays visible only to staff and the organisation that sent it.
      </p>
      {files.length ? (
        <TableScroll label="Files sent">
          <table className="table">
            <caption className="visually-hidden">Files sent for this question</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Organisation</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {files.map((file) => (
                <tr key={file.id}>
                  <td>
                    <a href={`/files/${file.id}`} download>
                      {file.filename}
                    </a>{" "}
                    ({file.type}, {file.size})
                  </td>
                  <td>{file.organisation ?? "Not recorded"}</td>
                  <td>
                    {file.evidenceId ? (
                      <Link to={`/evidence/${file.evidenceId}`}>In the library</Link>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="fileId" value={file.id} />
                        <button type="submit" className="button button--secondary" disabled={submitting}>
                          Keep as evidence<span className="visually-hidden">: {file.filename}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No files have been sent in submitted responses yet.</p>
      )}
      <p>
        <Link to={`/surveys/${survey.id}/results`}>Back to the results</Link>
      </p>
    </>
  );
}
