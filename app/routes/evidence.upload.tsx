import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { controlAria, Field } from "~/components/field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { createEvidenceFromUpload, parseDocumentFields } from "~/models/evidence/file-evidence.server.ts";
import { ACCEPT_ATTRIBUTE, ACCEPTED_FILES_SENTENCE, MAX_FILE_MEGABYTES, MEGABYTE } from "~/schemas/files.ts";
import { fileStoreFor, fileStoreRoot } from "~/services/storage.server.ts";
import { FORM_MAX_BYTES } from "~/utils/form-body.server.ts";
import { formValues } from "~/utils/forms.ts";
import { discardUploads, readUploadForm } from "~/utils/upload-form.server.ts";

const DOCUMENT_FIELD = "document";
const HINT = `${ACCEPTED_FILES_SENTENCE}, up to ${MAX_FILE_MEGABYTES} MB. Only staff can download it.`;

export const meta: MetaFunction = () => [{ title: "Add a document · Evidence library · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const body = await readUploadForm(request, {
    maxTextBytes: FORM_MAX_BYTES,
    fileLimits: new Map([[DOCUMENT_FIELD, MAX_FILE_MEGABYTES * MEGABYTE]]),
    stagingRoot: fileStoreRoot(context.env.dataDir),
  });
  if (!body.ok) {
    await discardUploads(body.uploads);
    const message = "The form could not be read: reload the page and try again.";
    return data(
      { errors: { [DOCUMENT_FIELD]: message }, values: {} },
      { status: body.reason === "too-large" ? 413 : 400 },
    );
  }
  const values = formValues(body.formData);
  const form = parseDocumentFields(body.formData);
  const upload = body.uploads.find((item) => item.field === DOCUMENT_FIELD);
  if (!form.ok || !upload) {
    await discardUploads(body.uploads);
    const errors = {
      ...(form.ok ? {} : form.errors),
      ...(upload ? {} : { [DOCUMENT_FIELD]: "Choose the document to add" }),
    };
    if (upload) errors[DOCUMENT_FIELD] = "Choose the document again once the other fields are right";
    return data({ errors, values }, { status: 400 });
  }
  const created = await createEvidenceFromUpload(
    context.db,
    fileStoreFor(context.env.dataDir),
    user,
    upload,
    form.data,
  );
  if (!created.ok) return data({ errors: { [DOCUMENT_FIELD]: created.message }, values }, { status: 400 });
  return redirect(`/evidence/${created.id}?created=1`, 303);
}

export default function UploadEvidence() {
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state !== "idle";
  const values: Record<string, string> = actionData?.values ?? {};
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <p className="breadcrumbs">
        <Link to="/evidence">Evidence library</Link>
      </p>
      <h1>Add a document</h1>
      <Form method="post" encType="multipart/form-data" noValidate>
        <Field id={DOCUMENT_FIELD} label="Document" hint={HINT} error={errors[DOCUMENT_FIELD]}>
          <input
            id={DOCUMENT_FIELD}
            name={DOCUMENT_FIELD}
            type="file"
            accept={ACCEPT_ATTRIBUTE}
            {...controlAria(DOCUMENT_FIELD, HINT, errors[DOCUMENT_FIELD])}
          />
        </Field>
        <TextField name="title" label="Title" defaultValue={values.title} error={errors.title} />
        <TextField
          name="publisher"
          label="Published or written by"
          defaultValue={values.publisher}
          error={errors.publisher}
        />
        <TextField
          name="publishedOn"
          label="Date (optional)"
          hint="For example 2025-03-31"
          defaultValue={values.publishedOn}
          error={errors.publishedOn}
          className="input--short"
        />
        <button type="submit" className="button" disabled={submitting}>
          Add to the library
        </button>
      </Form>
    </div>
  );
}
