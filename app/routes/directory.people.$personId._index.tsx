import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { erasePerson } from "~/models/directory/data-rights.server.ts";
import { getDirectoryPerson, reactivateContact } from "~/models/directory/people.server.ts";
import { refusalFrom } from "~/models/directory/errors.server.ts";
import { deactivatePerson, isStaff } from "~/models/accounts/people.server.ts";
import { invitePerson } from "~/models/accounts/sign-in.server.ts";
import { roleLabels } from "~/schemas/people.ts";
import { requireStaff, requireUser } from "~/models/accounts/auth.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { idParam } from "~/utils/ids.ts";

const intentSchema = z.object({ intent: z.enum(["invite", "deactivate", "reactivate", "erase"]) });

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.person.name ?? "Person"} · Directory · Mutual Voice` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  // A member asking for anyone outside their organisation gets a 404, never the person.
  const person = await getDirectoryPerson(context.db, user, idParam(params, "personId"));
  if (!isStaff(user)) throw redirect("/organisation");
  const confirm = new URL(request.url).searchParams.get("confirm");
  const sent = new URL(request.url).searchParams.get("sent");
  return {
    person,
    confirm: confirm === "deactivate" || confirm === "erase" ? confirm : null,
    sent: sent === "invitation",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "personId");
  const parsed = intentSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: { form: "That action is not recognised" } }, { status: 400 });
  const { db, env, appUrl } = context;
  try {
    // Every action first checks the person is in the directory, so a staff account id is a 404 here.
    await getDirectoryPerson(db, user, id);
    switch (parsed.data.intent) {
      case "invite":
        await invitePerson(db, user, id, { appUrl, tokenMinutes: env.LOGIN_TOKEN_MINUTES });
        return redirect(`/directory/people/${id}?sent=invitation`);
      case "deactivate":
        await deactivatePerson(db, user, id);
        break;
      case "reactivate":
        await reactivateContact(db, user, id);
        break;
      case "erase":
        await erasePerson(db, user, id);
        break;
    }
  } catch (error) {
    const refusal = refusalFrom(error, {});
    return data(refusal.body, { status: refusal.status });
  }
  return redirect(`/directory/people/${id}`);
}

export default function PersonPage() {
  const { person, confirm, sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
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
      {actionData?.errors.form ? (
        <p className="panel panel--error" role="alert">
          {actionData.errors.form}
        </p>
      ) : null}
      {confirm === "deactivate" && person.active && !erased ? (
        <div className="panel panel--warning" role="region" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">Deactivate {person.name}?</h2>
          <p>
            They will be signed out everywhere at once and cannot sign in until reactivated. Their details are
            kept.
          </p>
          <Form method="post" className="inline-actions">
            <input type="hidden" name="intent" value="deactivate" />
            <button type="submit" className="button button--danger" disabled={busy}>
              Yes, deactivate
            </button>
            <Link to={here}>No, go back</Link>
          </Form>
        </div>
      ) : null}
      {confirm === "erase" && !erased ? (
        <div className="panel panel--warning" role="region" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">Erase {person.name}&apos;s personal data?</h2>
          <p>
            Their name, email address and job title are removed from the directory, the change history and the
            emails we sent them, and they are signed out. What they contributed stays, without their name.
            This cannot be undone.
          </p>
          <p>If they asked for a copy of their data, download it first.</p>
          <Form method="post" className="inline-actions">
            <input type="hidden" name="intent" value="erase" />
            <button type="submit" className="button button--danger" disabled={busy}>
              Yes, erase their data
            </button>
            <Link to={here}>No, go back</Link>
          </Form>
        </div>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>Organisation</dt>
          <dd>
            <Link to={`/directory/${person.organisationId}`}>{person.organisationName}</Link>
          </dd>
        </div>
        {erased ? null : (
          <>
            <div>
              <dt>Email</dt>
              <dd>{person.email}</dd>
            </div>
            <div>
              <dt>Job title</dt>
              <dd>{person.jobTitle ?? "Not given"}</dd>
            </div>
          </>
        )}
        <div>
          <dt>Role</dt>
          <dd>
            {roleLabels[person.role]}
            {person.isLeader ? " (leader: signs open letters for the organisation)" : ""}
          </dd>
        </div>
        <div>
          <dt>Account</dt>
          <dd>
            {erased && person.erasedAt
              ? `Personal data erased ${formatDateTime(person.erasedAt)}`
              : person.active
                ? "Active"
                : "Deactivated: cannot sign in"}
          </dd>
        </div>
        {person.invitedAt ? (
          <div>
            <dt>Last invited</dt>
            <dd>{formatDateTime(person.invitedAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Added</dt>
          <dd>{formatDateTime(person.createdAt)}</dd>
        </div>
      </dl>
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
                  <Form method="post">
                    <input type="hidden" name="intent" value="invite" />
                    <button type="submit" className="button button--secondary" disabled={busy}>
                      {person.invitedAt ? "Send the invitation again" : "Send an invitation"}
                    </button>
                  </Form>
                </li>
                <li>
                  <Link className="button button--secondary" to="?confirm=deactivate">
                    Deactivate
                  </Link>
                </li>
              </>
            ) : (
              <li>
                <Form method="post">
                  <input type="hidden" name="intent" value="reactivate" />
                  <button type="submit" className="button button--secondary" disabled={busy}>
                    Reactivate
                  </button>
                </Form>
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
