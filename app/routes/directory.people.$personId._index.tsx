import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmPanel, IntentButton } from "~/components/intent-forms.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { SummaryList } from "~/components/summary-list.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { deactivatePerson, isStaff } from "~/models/accounts/people.server.ts";
import { erasePerson } from "~/models/directory/data-rights.server.ts";
import { fileStoreFor } from "~/services/storage.server.ts";
import { personOfPage } from "~/models/directory/pages.server.ts";
import { getDirectoryPerson, invitePerson, reactivateContact } from "~/models/directory/people.server.ts";
import { roleLabels } from "~/schemas/roles.ts";
import { formatDateTime } from "~/utils/format.ts";
import { idParam } from "~/utils/ids.ts";
import { useLayoutData } from "~/utils/layout-data.ts";
import { Refusal, refusalAnswer } from "~/utils/refusal.server.ts";
import type { loader as personLoader } from "./directory.people.$personId.tsx";
import { readForm } from "~/utils/form-body.server.ts";
import { personIntentSchema } from "~/schemas/directory.ts";

export async function loader(args: LoaderFunctionArgs) {
  const { user } = await personOfPage(args);
  // A member may see a colleague, but only on their own organisation's page.
  if (!isStaff(user)) throw redirect("/organisation");
  const url = new URL(args.request.url);
  const confirm = url.searchParams.get("confirm");
  return {
    confirm: confirm === "deactivate" || confirm === "erase" ? confirm : null,
    sent: url.searchParams.get("sent") === "invitation",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "personId");
  const { db, appUrl } = context;
  try {
    const parsed = personIntentSchema.safeParse(Object.fromEntries(await readForm(request)));
    if (!parsed.success) throw Refusal.invalid("That action is not recognised");
    // Every action first checks the person is in the directory, so a staff account id is a 404 here.
    await getDirectoryPerson(db, user, id);
    switch (parsed.data.intent) {
      case "invite":
        await invitePerson(db, user, id, { appUrl });
        return redirect(`/directory/people/${id}?sent=invitation`);
      case "deactivate":
        await deactivatePerson(db, user, id);
        break;
      case "reactivate":
        await reactivateContact(db, user, id);
        break;
      case "erase":
        await erasePerson(db, user, id, fileStoreFor(context.env.dataDir));
        break;
    }
  } catch (error) {
    return refusalAnswer(error, {});
  }
  return redirect(`/directory/people/${id}`);
}

export default function PersonPage() {
  const { person } = useLayoutData<typeof personLoader>("routes/directory.people.$personId");
  const { confirm, sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const erased = Boolean(person.erasedAt);
  const here = `/directory/people/${person.id}`;
  return (
    <>
      <p>
        <Link to={`/directory/${person.organisationId}`}>Back to {person.organisationName}</Link>
      </p>
      <h1>{person.name}</h1>
      {sent ? (
        <p className="panel" role="status">
          Invitation sent to {person.email}.
        </p>
      ) : null}
      <RefusalPanel message={actionData?.refusal} />
      {confirm === "deactivate" && person.active && !erased ? (
        <ConfirmPanel
          title={`Deactivate ${person.name}?`}
          intent="deactivate"
          confirmLabel="Yes, deactivate"
          backTo={here}
        >
          <p>
            They will be signed out everywhere at once and cannot sign in until reactivated. Their details are
            kept.
          </p>
        </ConfirmPanel>
      ) : null}
      {confirm === "erase" && !erased ? (
        <ConfirmPanel
          title={`Erase ${person.name}'s personal data?`}
          intent="erase"
          confirmLabel="Yes, erase their data"
          backTo={here}
        >
          <p>
            Their name, email address and job title are removed from the directory, the change history and the
            emails we sent them, and they are signed out. What they contributed stays, without their name.
            This cannot be undone.
          </p>
          <p>If they asked for a copy of their data, download it first.</p>
        </ConfirmPanel>
      ) : null}
      <SummaryList
        rows={[
          ["Organisation", <Link to={`/directory/${person.organisationId}`}>{person.organisationName}</Link>],
          ["Email", erased ? null : person.email],
          ["Job title", erased ? null : (person.jobTitle ?? "Not given")],
          [
            "Role",
            `${roleLabels[person.role]}${person.isLeader ? " (leader: signs open letters for the organisation)" : ""}`,
          ],
          [
            "Account",
            person.erasedAt
              ? `Personal data erased ${formatDateTime(person.erasedAt)}`
              : person.active
                ? "Active"
                : "Deactivated: cannot sign in",
          ],
          ["Last invited", person.invitedAt ? formatDateTime(person.invitedAt) : null],
          ["Added", formatDateTime(person.createdAt)],
        ]}
      />
      {erased ? null : (
        <>
          <h2>Actions</h2>
          <ul className="button-group">
            <li>
              <Link className="button" to={`${here}/edit`}>
                Edit details
              </Link>
            </li>
            {person.active ? (
              <>
                <li>
                  <IntentButton intent="invite" className="button button--secondary">
                    {person.invitedAt ? "Send the invitation again" : "Send an invitation"}
                  </IntentButton>
                </li>
                <li>
                  <Link className="button button--secondary" to="?confirm=deactivate">
                    Deactivate
                  </Link>
                </li>
              </>
            ) : (
              <li>
                <IntentButton intent="reactivate" className="button button--secondary">
                  Reactivate
                </IntentButton>
              </li>
            )}
          </ul>
          <h2>Their data</h2>
          <p>
            For a subject access request: everything Mutual Voice holds about this person, as a JSON file.
          </p>
          <Form method="post" action={`${here}/export.json`} reloadDocument>
            <button type="submit" className="button button--secondary">
              Download their data
            </button>
          </Form>
          <p>
            <Link to="?confirm=erase">Erase their personal data</Link>
          </p>
        </>
      )}
    </>
  );
}
