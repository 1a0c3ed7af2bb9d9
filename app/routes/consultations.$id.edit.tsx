import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { ConsultationFields } from "~/components/consultations/consultation-fields.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { parseConsultationId, requireConsultation } from "~/models/consultations/consultations.server.ts";
import { updateManualConsultation } from "~/models/consultations/manual.server.ts";
import { editManualConsultationSchema } from "~/schemas/consultations.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import type { loader as consultationLoader } from "./consultations.$id.tsx";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [
  { title: "Edit the consultation · Consultation radar · Mutual Voice" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { consultation } = await requireConsultation(request, context, params.id);
  // Imported consultations follow their source; only hand-entered ones are edited here.
  if (consultation.sourceKind !== "manual") throw redirect(`/consultations/${consultation.id}`);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = parseConsultationId(params.id);
  const formData = await readForm(request);
  const form = parseForm(editManualConsultationSchema, formData);
  if (!form.ok) return data({ values: form.values, refusal: null, errors: form.errors }, { status: 400 });
  try {
    await updateManualConsultation(context.db, user, id, form.data);
  } catch (error) {
    // The typing stays in the form while they look at the saved version.
    return refusalAnswer(error, { values: formValues(formData) });
  }
  return redirect(`/consultations/${id}`, 303);
}

export default function EditConsultation() {
  // The layout loaded the consultation for this request; its version is the one this edit starts from.
  const consultation =
    useRouteLoaderData<typeof consultationLoader>("routes/consultations.$id")?.consultation;
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  // Below its layout the consultation is always there: this only tells the type checker so.
  if (!consultation) return null;
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
      {actionData?.refusal ? (
        <div className="panel panel--error" role="alert">
          <p>{actionData.refusal}</p>
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
