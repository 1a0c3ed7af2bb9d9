import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConsultationFields } from "~/components/consultations/consultation-fields.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import {
  ConsultationConflictError,
  getConsultation,
  parseConsultationId,
  updateManualConsultation,
} from "~/models/consultations/consultations.server.ts";
import { editManualConsultationSchema } from "~/schemas/consultations.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";

export const meta: MetaFunction = () => [
  { title: "Edit the consultation · Consultation radar · Mutual Voice" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const consultation = await getConsultation(context.db, user, parseConsultationId(params.id));
  // Imported consultations follow their source; only hand-entered ones are edited here.
  if (consultation.sourceKind !== "manual") throw redirect(`/consultations/${consultation.id}`);
  return { consultation };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = parseConsultationId(params.id);
  const formData = await request.formData();
  const form = parseForm(editManualConsultationSchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values, conflict: null }, { status: 400 });
  try {
    await updateManualConsultation(context.db, user, id, form.data);
  } catch (error) {
    if (!(error instanceof ConsultationConflictError)) throw error;
    // The typing stays in the form while they look at the saved version.
    return data(
      { errors: undefined, values: formValues(formData), conflict: error.message },
      { status: 409 },
    );
  }
  return redirect(`/consultations/${id}`, 303);
}

export default function EditConsultation() {
  const { consultation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const values = actionData?.values ?? {
    title: consultation.title,
    body: consultation.body,
    level: consultation.level,
    nation: consultation.nation ?? "",
    url: consultation.url,
    description: consultation.description,
    opensOn: consultation.opensOn ?? "",
    closesOn: consultation.closesOn,
  };
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      {actionData?.conflict ? (
        <div className="panel panel--error" role="alert">
          <p>{actionData.conflict}</p>
          <p>
            <Link to={`/consultations/${consultation.id}`} target="_blank">
              Open the saved version in a new tab
            </Link>
          </p>
        </div>
      ) : null}
      <h1>Edit the consultation</h1>
      <Form method="post" noValidate>
        {/* The version this edit started from: a save on top of a newer one is refused. */}
        <input type="hidden" name="version" value={consultation.version} />
        <ConsultationFields values={values} errors={actionData?.errors} />
        <button type="submit" className="button" disabled={submitting}>
          Save changes
        </button>{" "}
        <Link to={`/consultations/${consultation.id}`}>Cancel</Link>
      </Form>
    </div>
  );
}
