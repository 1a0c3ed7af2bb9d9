import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { useStaffLetter } from "~/components/letters/use-staff-letter.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { listDeliveries } from "~/models/letters/deliveries.server.ts";
import { listLetterDocuments } from "~/models/letters/documents.server.ts";
import { getLetterForStaff, getLetterForStaffPage } from "~/models/letters/letters.server.ts";
import { deliverLetter, mayMoveLetter, recordAnotherDelivery } from "~/models/letters/lifecycle.server.ts";
import { deliveryMethodLabels, deliveryMethods } from "~/schemas/letters-labels.ts";
import { deliverySchema } from "~/schemas/letters.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { formatCalendarDate } from "~/utils/letter-format.ts";
import { londonToday } from "~/utils/london-time.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

export const meta: MetaFunction = () => [{ title: "Record delivery · Open letters · Mutual Voice" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const letter = await getLetterForStaffPage(context, user, idParam(params, "id"));
  if (!mayMoveLetter(user, letter, "deliver", "recordDelivery"))
    throw redirect(`/manage/letters/${letter.id}`);
  const [documents, deliveries] = await Promise.all([
    listLetterDocuments(context.db, user, letter.id),
    listDeliveries(context.db, user, letter.id),
  ]);
  return {
    documents,
    deliveries: deliveries.map((d) => ({ id: d.id, recipient: d.recipient, deliveredOn: d.deliveredOn })),
    today: londonToday(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const formData = await readForm(request);
  const form = parseForm(deliverySchema, formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values, refusal: null }, { status: 400 });
  try {
    const letter = await getLetterForStaff(context.db, user, id);
    if (mayMoveLetter(user, letter, "deliver"))
      await deliverLetter(context.db, user, id, form.data, context.appUrl);
    else await recordAnotherDelivery(context.db, user, id, form.data);
    context.purgeCachedPage(`/letters/${letter.slug}`);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
  return redirect(`/manage/letters/${id}`, 303);
}

export default function DeliverLetter() {
  const { letter, moves } = useStaffLetter();
  const { documents, deliveries, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const values = actionData?.values ?? {};
  const first = moves.some((move) => move.name === "deliver");
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={actionData?.refusal} />
      <p className="letter-kicker">
        <Link to={`/manage/letters/${letter.id}`}>{letter.title}</Link>
      </p>
      <h1>{first ? "Record delivery" : "Record another delivery or a correction"}</h1>
      <p>
        The record is permanent: it cannot be edited or deleted. To correct it, record a new delivery that
        says which record it corrects.
        {first ? " Every signatory is emailed to say where their letter went." : ""}
      </p>
      <h2>What was delivered</h2>
      <ul className="letter-documents">
        {documents.map((document) => (
          <li key={document.kind}>
            {document.kind === "pdf" ? "The letter (PDF)" : "The signatories (CSV)"}
            <br />
            <span className="letter-hash">SHA-256 {document.sha256}</span>
          </li>
        ))}
      </ul>
      <Form method="post" noValidate>
        <TextField
          name="recipient"
          label="Delivered to"
          hint={`Who received it, for example: ${letter.addressee}, HM Treasury`}
          defaultValue={values.recipient ?? (first ? letter.addressee : "")}
          error={actionData?.errors?.recipient}
        />
        <fieldset className={`fieldset${actionData?.errors?.method ? " field--error" : ""}`}>
          <legend className="fieldset__legend">How was it delivered?</legend>
          {actionData?.errors?.method ? (
            <p className="field__error">
              <span className="visually-hidden">Error: </span>
              {actionData.errors.method}
            </p>
          ) : null}
          {deliveryMethods.map((method, index) => (
            <div className="choice" key={method}>
              <input
                type="radio"
                id={index === 0 ? "method" : `method-${method}`}
                name="method"
                value={method}
                defaultChecked={values.method === method}
              />
              <label htmlFor={index === 0 ? "method" : `method-${method}`}>
                {deliveryMethodLabels[method]}
              </label>
            </div>
          ))}
        </fieldset>
        <TextField
          name="deliveredOn"
          label="Delivered on"
          type="date"
          className="input--date"
          max={today}
          defaultValue={values.deliveredOn ?? today}
          error={actionData?.errors?.deliveredOn}
        />
        <TextField
          name="reference"
          label="Reference (optional)"
          hint="An email's message ID, a tracking number, a web form's receipt number or address"
          defaultValue={values.reference}
          error={actionData?.errors?.reference}
        />
        <TextareaField
          name="notes"
          label="Notes (optional)"
          rows={3}
          defaultValue={values.notes}
          error={actionData?.errors?.notes}
        />
        {deliveries.length ? (
          <div className={`field${actionData?.errors?.correctsId ? " field--error" : ""}`}>
            <label className="field__label" htmlFor="correctsId">
              Does this correct an earlier record?
            </label>
            {actionData?.errors?.correctsId ? (
              <p className="field__error">{actionData.errors.correctsId}</p>
            ) : null}
            <select id="correctsId" name="correctsId" defaultValue={values.correctsId ?? ""}>
              <option value="">No: it is another delivery</option>
              {deliveries.map((delivery) => (
                <option key={delivery.id} value={delivery.id}>
                  Yes, it corrects record {delivery.id} ({delivery.recipient},{" "}
                  {formatCalendarDate(delivery.deliveredOn)})
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="button" disabled={submitting}>
          {first ? "Record delivery and tell signatories" : "Add to the record"}
        </button>{" "}
        <Link to={`/manage/letters/${letter.id}`}>Cancel</Link>
      </Form>
    </div>
  );
}
