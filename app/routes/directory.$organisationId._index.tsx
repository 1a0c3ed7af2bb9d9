import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { AuditTrail } from "~/components/audit-trail.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { ConfirmPanel, IntentButton } from "~/components/intent-forms.tsx";
import { OrganisationFacts } from "~/components/organisation-facts.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { SummaryList } from "~/components/summary-list.tsx";
import { isStaff } from "~/models/accounts/people.server.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { listOrganisationAudit } from "~/models/directory/directory.server.ts";
import {
  archiveOrganisation,
  getOrganisation,
  restoreOrganisation,
} from "~/models/directory/organisations.server.ts";
import { eraseOrganisation } from "~/models/directory/organisation-erasure.server.ts";
import { organisationOfPage } from "~/models/directory/pages.server.ts";
import { fileStoreFor } from "~/services/storage.server.ts";
import { JobStatus } from "~/components/job-status.tsx";
import { listPeopleOfOrganisation } from "~/models/directory/people.server.ts";
import {
  latestPostcodeLookup,
  queuePostcodeLookup,
  requestPostcodeLookups,
} from "~/models/directory/postcode-lookups.server.ts";
import { nationLabels, postcodeStatusLabels } from "~/schemas/directory-labels.ts";
import { formatDateTime, formatPounds } from "~/utils/format.ts";
import { idParam, pageParam } from "~/utils/ids.ts";
import { useLayoutData } from "~/utils/layout-data.ts";
import { refusalAnswer, Refusal } from "~/utils/refusal.server.ts";
import type { loader as organisationLoader } from "./directory.$organisationId.tsx";
import { readForm } from "~/utils/form-body.server.ts";
import { organisationIntentSchema } from "~/schemas/directory.ts";

export async function loader(args: LoaderFunctionArgs) {
  const { user, organisation } = await organisationOfPage(args);
  // A member may see their own organisation, but its page for them is /organisation.
  if (!isStaff(user)) throw redirect("/organisation");
  const url = new URL(args.request.url);
  const [people, audit, postcodeLookup] = await Promise.all([
    listPeopleOfOrganisation(args.context.db, user, organisation.id),
    listOrganisationAudit(args.context.db, user, organisation.id, { page: pageParam(url, "auditPage") }),
    latestPostcodeLookup(args.context.db, { organisationId: organisation.id }),
  ]);
  return {
    people,
    audit,
    postcodeLookup,
    confirmArchive: url.searchParams.get("confirm") === "archive",
    // Erasure is for administrators only: the model refuses anyone else, and the page offers it to no one else.
    mayErase: user.role === "admin",
    confirmErase: user.role === "admin" && url.searchParams.get("confirm") === "erase",
    erased: url.searchParams.get("erased"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "organisationId");
  try {
    const parsed = organisationIntentSchema.safeParse(Object.fromEntries(await readForm(request)));
    if (!parsed.success) throw Refusal.invalid("That action is not recognised");
    if (parsed.data.intent === "archive") await archiveOrganisation(context.db, user, id);
    if (parsed.data.intent === "restore") await restoreOrganisation(context.db, user, id);
    if (parsed.data.intent === "erase") {
      const erased = await eraseOrganisation(context.db, user, id, fileStoreFor(context.env.dataDir));
      return redirect(`/directory/${id}?erased=${erased.peopleErased}-${erased.filesRemoved}`);
    }
    if (parsed.data.intent === "lookup") {
      const organisation = await getOrganisation(context.db, user, id);
      await queuePostcodeLookup(context.db, id, organisation.postcode);
      await requestPostcodeLookups(context.db, [id], { requestedBy: user.id });
    }
  } catch (error) {
    return refusalAnswer(error, {});
  }
  return redirect(`/directory/${id}`);
}

function personState(person: { active: boolean; erasedAt: Date | null; invitedAt: Date | null }) {
  if (person.erasedAt) return "Erased";
  if (!person.active) return "Deactivated";
  return person.invitedAt ? `Invited ${formatDateTime(person.invitedAt)}` : "Active";
}

export default function OrganisationPage() {
  const { people, audit, postcodeLookup, confirmArchive, mayErase, confirmErase, erased } =
    useLoaderData<typeof loader>();
  const { organisation: org } = useLayoutData<typeof organisationLoader>("routes/directory.$organisationId");
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
      <RefusalPanel message={actionData?.refusal} />
      {erased ? (
        <p className="panel panel--success" role="status">
          Erased: the personal data of its people and the files uploaded for it.
        </p>
      ) : null}
      {confirmErase ? (
        <ConfirmPanel
          title={`Erase the personal data of ${org.name}?`}
          intent="erase"
          confirmLabel="Yes, erase its people and files"
          backTo={`/directory/${org.id}`}
          backLabel="No, keep them"
        >
          <p>
            Each of its people is erased as one person&apos;s erasure does it: names, email addresses and job
            titles leave the directory, the change history and the emails we sent, and they are signed out.
            Every file uploaded for the organisation is deleted from storage. What it contributed stays,
            without names. This cannot be undone.
          </p>
        </ConfirmPanel>
      ) : null}
      {confirmArchive && !archived ? (
        <ConfirmPanel
          title={`Archive ${org.name}?`}
          intent="archive"
          confirmLabel="Yes, archive it"
          backTo={`/directory/${org.id}`}
          backLabel="No, keep it"
        >
          <p>
            It will leave the directory, the network figures and every survey audience. Its people keep their
            accounts and its history is kept. You can restore it later.
          </p>
        </ConfirmPanel>
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
            <IntentButton intent="restore">Restore to the directory</IntentButton>
          </li>
        )}
        {mayErase ? (
          <li>
            <Link className="button button--secondary" to="?confirm=erase">
              Erase people and files
            </Link>
          </li>
        ) : null}
      </ul>

      <h2>Details</h2>
      <OrganisationFacts
        org={org}
        more={[["Public income", `${formatPounds(org.publicIncomeGbp)} a year`]]}
      />

      <h2>Place</h2>
      <SummaryList
        rows={[
          [
            "Postcode",
            <>
              {org.postcode ?? "None given"}{" "}
              {org.postcodeStatus !== "found" && org.postcodeStatus !== "none" ? (
                <span className={`status${org.postcodeStatus === "not_found" ? " status--error" : ""}`}>
                  {postcodeStatusLabels[org.postcodeStatus]}
                </span>
              ) : null}
            </>,
          ],
          ["Nation", org.nation ? nationLabels[org.nation] : "Not known"],
          [
            "Local authority",
            org.localAuthority ? `${org.localAuthority} (${org.localAuthorityCode})` : "Not known",
          ],
          ["Parliamentary constituency", org.constituency ?? "Not known"],
        ]}
      />
      {org.postcodeStatus === "not_found" ? (
        <p>
          postcodes.io does not know this postcode: it may be mistyped or no longer in use. Edit the details
          to correct it.
        </p>
      ) : null}
      {postcodeLookup && (postcodeLookup.state !== "done" || org.postcodeStatus === "pending") ? (
        <JobStatus job={postcodeLookup} label="Postcode lookup" />
      ) : null}
      {org.postcodeStatus === "pending" || org.postcodeStatus === "not_found" ? (
        <IntentButton intent="lookup" className="button button--secondary button--small">
          Look up the postcode again
        </IntentButton>
      ) : null}

      <h2>People</h2>
      {people.length === 0 ? (
        <p>
          Nobody at this organisation yet. <Link to={`/directory/${org.id}/people/new`}>Add a person</Link>.
        </p>
      ) : (
        <DataTable
          caption={`People at ${org.name}`}
          rows={people}
          rowKey={(person) => person.id}
          columns={[
            {
              header: "Name",
              cell: (person) => <Link to={`/directory/people/${person.id}`}>{person.name}</Link>,
            },
            { header: "Job title", cell: (person) => person.jobTitle ?? "" },
            { header: "Email", cell: (person) => (person.erasedAt ? "" : person.email) },
            { header: "Leader", cell: (person) => (person.isLeader ? "Yes" : "No") },
            { header: "Account", cell: personState },
          ]}
        />
      )}

      <h2>Survey responses and signatures</h2>
      <p>Survey responses and open letter signatures from this organisation will be listed here.</p>

      <h2>Change history</h2>
      <AuditTrail entries={audit.entries} page={audit.page} pageCount={audit.pageCount} search={search} />
    </>
  );
}
