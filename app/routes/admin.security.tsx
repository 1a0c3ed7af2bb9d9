import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table.tsx";
import { IntentButton } from "~/components/intent-forms.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { requireAdmin } from "~/models/accounts/auth.server.ts";
import {
  isSecondFactorRequiredForStaff,
  listSecondFactorPeople,
  resetSecondFactor,
  setSecondFactorRequiredForStaff,
} from "~/models/accounts/second-factor.server.ts";
import { roleLabels } from "~/schemas/roles.ts";
import { PAGE_SIZE, readAdminSecurityIntent, readAdminSecurityQuery } from "~/utils/account-forms.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";

export const meta: MetaFunction = () => [{ title: "Sign-in security · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const { page, reset } = readAdminSecurityQuery(new URL(request.url));
  const [required, list] = await Promise.all([
    isSecondFactorRequiredForStaff(context.db),
    listSecondFactorPeople(context.db, admin, { page, pageSize: PAGE_SIZE }),
  ]);
  const confirming = list.people.find((person) => person.id === reset && person.id !== admin.id) ?? null;
  const pageCount = Math.ceil(list.total / PAGE_SIZE);
  return { required, ...list, page, pageCount, confirming, adminId: admin.id };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const form = readAdminSecurityIntent(await readForm(request));
  if (!form.ok) return data({ message: "That action is not recognised." }, { status: 400 });
  try {
    if (form.data.intent === "required") {
      const required = form.data.required === "on";
      await setSecondFactorRequiredForStaff(context.db, admin, required);
      return {
        message: required
          ? "Staff now need a second factor: those without one are asked to add it when they next sign in."
          : "Staff no longer need a second factor; those who have one still use it.",
      };
    }
    await resetSecondFactor(context.db, admin, form.data.personId, {
      appUrl: context.appUrl,
      adminName: admin.name,
    });
    return { message: "Second factor reset: they are signed out everywhere and have been emailed." };
  } catch (error) {
    return refusalAnswer(error, { message: undefined });
  }
}

export default function AdminSecurity() {
  const { required, people, page, pageCount, confirming, adminId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const message = actionData && "refusal" in actionData ? actionData.refusal : actionData?.message;
  return (
    <>
      <h1>Sign-in security</h1>
      {message ? (
        <p className="panel" role="status">
          {message}
        </p>
      ) : null}
      <h2>Second factor for staff</h2>
      <p>
        {required
          ? "Required: staff and administrators must add a passkey or an authenticator app, and are sent to add one when they sign in."
          : "Not required: staff and administrators may add one; members may always choose to."}
      </p>
      <IntentButton
        intent="required"
        fields={{ required: required ? "off" : "on" }}
        className="button button--secondary"
      >
        {required ? "Stop requiring a second factor for staff" : "Require a second factor for staff"}
      </IntentButton>
      <p>
        <Link to="/admin/audit?action=second_factor.reset">Past resets in the audit log</Link>
      </p>

      {confirming && !actionData ? (
        <div className="panel panel--warning" role="region" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">Reset {confirming.name}’s second factor?</h2>
          <p>
            Their passkeys, authenticator app and recovery codes are removed, they are signed out everywhere,
            and we email them. Do this only when you are sure it is them asking (call them back on a number
            you know).
          </p>
          <Form method="post" className="inline-actions">
            <input type="hidden" name="intent" value="reset" />
            <input type="hidden" name="personId" value={confirming.id} />
            <button type="submit" className="button button--danger">
              Yes, reset their second factor
            </button>
            <Link to="/admin/security">No, go back</Link>
          </Form>
        </div>
      ) : null}

      <h2>People and their second factors</h2>
      {people.length === 0 ? (
        <p className="panel">Nobody yet.</p>
      ) : (
        <DataTable
          caption="Staff, administrators and members with a second factor"
          rows={people}
          rowKey={(person) => person.id}
          columns={[
            { header: "Name", cell: (person) => `${person.name} (${person.email})` },
            { header: "Role", cell: (person) => roleLabels[person.role] },
            {
              header: "Second factor",
              cell: (person) =>
                [
                  person.passkeys
                    ? person.passkeys === 1
                      ? "1 passkey"
                      : `${person.passkeys} passkeys`
                    : null,
                  person.authenticatorApp ? "authenticator app" : null,
                ]
                  .filter(Boolean)
                  .join(", ") || "None",
            },
            {
              header: "Reset",
              cell: (person) =>
                person.id !== adminId && (person.passkeys > 0 || person.authenticatorApp) ? (
                  <Link to={`?reset=${person.id}&page=${page}`}>
                    Reset<span className="visually-hidden"> {person.name}’s second factor</span>
                  </Link>
                ) : null,
            },
          ]}
        />
      )}
      <Pagination page={page} pageCount={pageCount} search={`page=${page}`} />
    </>
  );
}
