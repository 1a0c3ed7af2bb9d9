import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ConsultationFields } from "~/components/consultations/consultation-fields.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { createManualConsultation } from "~/models/consultations/manual.server.ts";
import { manualConsultationSchema } from "~/schemas/consultations.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [
  { title: "Add a consultation by hand · Consultation radar · Mutual Voice" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const form = parseForm(manualConsultationSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const id = await createManualConsultation(context.db, user, form.data);
  return redirect(`/consultations/${id}`, 303);
}

export default function NewConsultation() {
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <h1>Add a consultation by hand</h1>
      <p>
        For consultations the radar does not import: the Welsh Government, councils and other bodies. It is
        checked against the topic keywords like the imported ones.
      </p>
      <Form method="post" noValidate>
        <ConsultationFields values={actionData?.values ?? {}} errors={actionData?.errors} />
        <button type="submit" className="button" disabled={submitting}>
          Add consultation
        </button>{" "}
        <Link to="/consultations">Cancel</Link>
      </Form>
    </div>
  );
}
