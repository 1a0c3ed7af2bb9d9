import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { DataTable } from "~/components/data-table.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { TextField } from "~/components/text-field.tsx";
import { listImports, previewImport } from "~/models/directory/imports.server.ts";
import {
  importStatusLabels,
  legalFormLabels,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  membershipStatusLabels,
  serviceAreaLabels,
} from "~/schemas/directory-labels.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { pageParam } from "~/utils/ids.ts";
import { Refusal, refusalAnswer, type RefusedAction } from "~/utils/refusal.server.ts";
import { readFormBody } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Import a members spreadsheet · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const page = pageParam(new URL(request.url));
  return { ...(await listImports(context.db, user, { page })), page };
}

/** Every refusal of an upload is said against the file field. */
const refuse = (message: string) => Refusal.invalid(message, { file: message });

/** Room for the multipart framing around a file of the largest size taken. */
const UPLOAD_FRAMING_BYTES = 64 * 1024;
const TOO_LARGE = "The file is larger than 10 MB: split it into smaller files";

/** The uploaded file, or null when what was sent is over the cap (a 413 the page still explains). */
async function readUpload(request: Request): Promise<File | Blob | null> {
  const body = await readFormBody(request, MAX_IMPORT_BYTES + UPLOAD_FRAMING_BYTES);
  if (!body.ok && body.reason === "too-large") return null;
  if (!body.ok) throw refuse("Choose a CSV file to upload");
  const file = body.formData.get("file");
  if (!(file instanceof Blob) || file.size === 0) throw refuse("Choose a CSV file to upload");
  if (file.size > MAX_IMPORT_BYTES) return null;
  return file;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  try {
    const file = await readUpload(request);
    if (!file) {
      return data<RefusedAction>({ refusal: TOO_LARGE, errors: { file: TOO_LARGE } }, { status: 413 });
    }
    const outcome = await previewImport(context.db, user, {
      fileName: file instanceof File ? file.name : "upload.csv",
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!outcome.ok) throw refuse(outcome.problems.map((problem) => problem.message).join(". "));
    return redirect(`/imports/${outcome.importId}`);
  } catch (error) {
    return refusalAnswer(error, {});
  }
}

const columnHelp: [string, string][] = [
  ["organisation_name", "Required. Rows with the same name and postcode are one organisation."],
  [
    "legal_form",
    `Required for a new organisation: ${Object.values(legalFormLabels).join(", ")}, or CIC, CLG, BenCom.`,
  ],
  ["service_area", `Required for a new organisation: ${Object.values(serviceAreaLabels).join(", ")}.`],
  ["postcode", "A UK postcode. We look it up to find the nation, council and constituency."],
  ["staff_count", "A whole number, like 120 or 1,200."],
  ["public_income_gbp", "Pounds a year, like 1250000 or £1,250,000.50."],
  [
    "membership_status",
    `${Object.values(membershipStatusLabels).join(", ")}. New organisations are active if blank.`,
  ],
  ["joined_on", "A date, like 2021-04-01 or 01/04/2021."],
  ["contact_name", "The person's full name. One row per person."],
  ["contact_email", "Needed for each person: they sign in with it."],
  ["contact_job_title", "Optional."],
  ["contact_is_leader", "yes or no: leaders sign open letters for their organisation."],
];

export default function Imports() {
  const { imports, total, pageCount, page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && navigation.formMethod === "POST";
  const { search } = useLocation();
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <h1>Import a members spreadsheet</h1>
      <p className="lead">
        Upload a CSV file: you will see exactly what would change, and every problem, before anything is
        saved.
      </p>
      <Form method="post" encType="multipart/form-data" className="narrow upload">
        <TextField
          name="file"
          label="CSV file"
          hint={`UTF-8 (in Excel, “CSV UTF-8”), up to ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows and 10 MB.`}
          type="file"
          accept=".csv,text/csv"
          error={actionData?.errors.file}
        />
        <button type="submit" className="button" disabled={uploading}>
          {uploading ? "Reading the file…" : "Upload and preview"}
        </button>
        {uploading ? (
          <p role="status" className="busy">
            <progress aria-label="Reading the file" /> Checking every row. A large file takes a few seconds.
          </p>
        ) : null}
      </Form>
      <p>
        <a href="/imports/template.csv" download>
          Download a template
        </a>{" "}
        or <Link to="/directory">export the directory</Link> as a starting point: an export imports back
        unchanged.
      </p>
      <details>
        <summary>The columns</summary>
        <p>
          Columns are matched by their header, in any order and any case. Other columns are listed and
          ignored.
        </p>
        <dl className="summary-list">
          {columnHelp.map(([column, help]) => (
            <div key={column}>
              <dt>
                <code>{column}</code>
              </dt>
              <dd>{help}</dd>
            </div>
          ))}
        </dl>
        <p>A blank cell leaves what the directory already holds for an existing organisation or person.</p>
      </details>

      <h2>Earlier imports</h2>
      {total === 0 ? (
        <p>No imports yet.</p>
      ) : (
        <DataTable
          caption="Earlier imports, newest first"
          rows={imports}
          rowKey={(item) => item.id}
          columns={[
            { header: "File", cell: (item) => <Link to={`/imports/${item.id}`}>{item.fileName}</Link> },
            { header: "Uploaded", cell: (item) => formatDateTime(item.createdAt) },
            { header: "By", cell: (item) => item.createdBy ?? "Unknown" },
            { header: "Status", cell: (item) => importStatusLabels[item.status] },
            {
              header: "Organisations",
              cell: (item) => `${item.organisations.create} new, ${item.organisations.update} changed`,
            },
            { header: "People", cell: (item) => `${item.people.create} new, ${item.people.update} changed` },
          ]}
        />
      )}
      <Pagination page={page} pageCount={pageCount} search={search} label="Earlier imports pages" />
    </>
  );
}
