import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { AuditTrail } from "~/components/audit-trail.tsx";
import { listOrganisationAudit } from "~/models/directory/directory.server.ts";
import { listPeopleOfOrganisation } from "~/models/directory/people.server.ts";
import { refusalFrom } from "~/models/directory/errors.server.ts";
import { archiveOrganisation, getOrganisation, restoreOrganisation } from "~/models/directory/organisations.server.ts";
import { lookUpPendingPostcodes, queuePostcodeLookup } from "~/models/directory/postcode-lookups.server.ts";
import { isStaff } from "~/models/accounts/people.server.ts";
import {
  legalFormLabels,
  membershipStatusLabels,
  nationLabels,
  postcodeStatusLabels,
  serviceAreaLabels,
} from "~/schemas/directory.ts";
import { createPostcodesClient } from "~/services/postcodes.server.ts";
import { requireStaff, requireUser } from "~/models/accounts/auth.server.ts";
import { formatCount, formatDate, formatDateTime, formatPounds } from "~/utils/format.ts";
import { idParam, pageParam } from "~/utils/ids.ts";

const intentSchema = z.object({ intent: z.enum(["archive", "restore", "lookup"]) });

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.organisation.name ?? "Organisation"} · Directory · Mutual Voice` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params, "organisationId");
  // A member gets a 404 for any organisation but their own, and their own lives at /organisation.
  const organisation = await getOrganisation(context.db, user, id);
  if (!isStaff(user)) throw redirect("/organisation");
  const url = new URL(request.url);
  const [people, audit] = await Promise.all([
    listPeopleOfOrganisation(context.db, user, id),
    listOrganisationAudit(context.db, user, id, { page: pageParam(url, "auditPage") }),
  ]);
  const confirm = url.searchParams.get("confirm");
  return { organisation, people, audit, confirmArchive: confirm === "archive" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "organisationId");
  const parsed = intentSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: { form: "That action is not recognised" } }, { status: 400 });
  try {
    if (parsed.data.intent === "archive") await archiveOrganisation(context.db, user, id);
    if (parsed.data.intent === "restore") await restoreOrganisation(context.db, user, id);
    if (parsed.data.intent === "lookup") {
      const organisation = await getOrganisation(context.db, user, id);
      await queuePostcodeLookup(context.db, id, organisation.postcode);
      await lookUpPendingPostcodes(
        context.db,
        createPostcodesClient({ baseUrl: context.env.POSTCODES_API_URL }),
        {
          organisationIds: [id],
        },
      );
    }
  } catch (error) {
    const refusal = refusalFrom(error, {});
    return data(refusal.body, { status: refusal.status });
  }
  return redirect(`/directory/${id}`);
}

function personState(person: { active: boolean; erasedAt: Date | null; invitedAt: Date | null }) {
  if (person.erasedAt) return "Erased";
  if (!person.active) return "Deactivated";
  return person.invitedAt ? `Invited ${formatDateTime(person.invitedAt)}` : "Active";
}

export default function OrganisationPage() {
  const { organisation: org, people, audit, confirmArchive } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { search } = useLocation();
  const archived = Boolean(org.archivedAt);
  return (
    <>
      <p>
        <Link to="/directory">Back to the directory</Link>
      </p>
      <h1>
        {org.name}
        {archived ? <span className="status heading-status">Archived</span> : null}
      </h1>
      {actionData?.errors.form ? (
        <p className="panel panel--error" role="alert">
          {actionData.errors.form}
        </p>
      ) : null}
      {confirmArchive && !archived ? (
        <div className="panel panel--warning" role="region" aria-labelledby="confirm-archive">
          <h2 id="confirm-archive">Archive {org.name}?</h2>
          <p>
            It will leave the directory, the network figures and every survey audience. Its people keep their
            accounts and its history is kept. You can restore it later.
          </p>
          <Form method="post" className="inline-actions">
            <input type="hidden" name="intent" value="archive" />
            <button type="submit" className="button button--danger">
              Yes, archive it
            </button>
            <Link to={`/directory/${org.id}`}>No, keep it</Link>
          </Form>
        </div>
      ) : null}
      <ul className="button-group">
        {!archived ? (
          <>
            <li>
              <Link className="button" to={`/directory/${org.id}/edit`}>
                Edit details
              </Link>
            </li>
            <li>
              <Link className="button button--secondary" to={`/directory/${org.id}/people/new`}>
                Add a person
              </Link>
            </li>
            <li>
              <Link className="button button--secondary" to={`?confirm=archive`}>
                Archive
              </Link>
            </li>
          </>
        ) : (
          <li>
            <Form method="post">
              <input type="hidden" name="intent" value="restore" />
              <button type="submit" className="button">
                Restore to the directory
              </button>
            </Form>
          </li>
        )}
      </ul>

      <h2>Details</h2>
      <dl className="summary-list">
        <div>
          <dt>Membership</dt>
          <dd>
            {membershipStatusLabels[org.membershipStatus]}
            {org.joinedOn ? `, joined ${formatDate(org.joinedOn)}` : ""}
          </dd>
        </div>
        <div>
          <dt>Legal form</dt>
          <dd>{legalFormLabels[org.legalForm]}</dd>
        </div>
        <div>
          <dt>Service area</dt>
          <dd>{serviceAreaLabels[org.serviceArea]}</dd>
        </div>
        <div>
          <dt>Staff</dt>
          <dd>{formatCount(org.staffCount)}</dd>
        </div>
        <div>
          <dt>Public income</dt>
          <dd>{formatPounds(org.publicIncomeGbp)} a year</dd>
        </div>
      </dl>

      <h2>Place</h2>
      <dl className="summary-list">
        <div>
          <dt>Postcode</dt>
          <dd>
            {org.postcode ?? "None given"}{" "}
            {org.postcodeStatus !== "found" && org.postcodeStatus !== "none" ? (
              <span className={`status${org.postcodeStatus === "not_found" ? " status--error" : ""}`}>
                {postcodeStatusLabels[org.postcodeStatus]}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Nation</dt>
          <dd>{org.nation ? nationLabels[org.nation] : "Not known"}</dd>
        </div>
        <div>
          <dt>Local authority</dt>
          <dd>{org.localAuthority ? `${org.localAuthority} (${org.localAuthorityCode})` : "Not known"}</dd>
        </div>
        <div>
          <dt>Parliamentary constituency</dt>
          <dd>{org.constituency ?? "Not known"}</dd>
        </div>
      </dl>
      {org.postcodeStatus === "not_found" ? (
        <p>
          postcodes.io does not know this postcode: it may be mistyped or no longer in use. Edit the details
          to correct it.
        </p>
      ) : null}
      {org.postcodeStatus === "pending" || org.postcodeStatus === "not_found" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="lookup" />
          <button type="submit" className="button button--secondary button--small">
            Look up the postcode again
          </button>
        </Form>
      ) : null}

      <h2>People</h2>
      {people.length === 0 ? (
        <p>
          Nobody at this organisation yet. <Link to={`/directory/${org.id}/people/new`}>Add a person</Link>.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">People at {org.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Job title</th>
                <th scope="col">Email</th>
                <th scope="col">Leader</th>
                <th scope="col">Account</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <td>
                    <Link to={`/directory/people/${person.id}`}>{person.name}</Link>
                  </td>
                  <td>{person.jobTitle ?? ""}</td>
                  <td>{person.erasedAt ? "" : person.email}</td>
                  <td>{person.isLeader ? "Yes" : "No"}</td>
                  <td>{personState(person)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Survey responses and signatures</h2>
      <p>Survey responses and open letter signatures from this organisation will be listed here.</p>

      <h2>Change history</h2>
      <AuditTrail entries={audit.entries} page={audit.page} pageCount={audit.pageCount} search={search} />
    </>
  );
}
