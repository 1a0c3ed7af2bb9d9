import { DataTable } from "~/components/data-table.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { formatDateTime } from "~/utils/format.ts";

interface AuditTrailEntry {
  id: number;
  at: Date | string;
  action: string;
  actor: string | null;
  subject: string;
  changes: { field: string; from: string; to: string }[];
}

const actionLabels: Record<string, string> = {
  "organisation.created": "Added",
  "organisation.updated": "Details changed",
  "organisation.membership_changed": "Membership changed",
  "organisation.archived": "Archived",
  "organisation.restored": "Restored",
  "organisation.postcode_found": "Postcode found",
  "organisation.postcode_not_found": "Postcode not found",
  "person.created": "Person added",
  "person.updated": "Person's details changed",
  "person.deactivated": "Person deactivated",
  "person.reactivated": "Person reactivated",
  "person.invited": "Person invited",
  "person.data_exported": "Person's data downloaded",
  "person.erased": "Person's details erased",
};

const fieldLabels: Record<string, string> = {
  name: "Name",
  email: "Email",
  jobTitle: "Job title",
  role: "Role",
  isLeader: "Leader",
  active: "Active",
  organisationId: "Organisation id",
  legalForm: "Legal form",
  serviceArea: "Service area",
  nation: "Nation",
  postcode: "Postcode",
  localAuthority: "Local authority",
  localAuthorityCode: "Local authority code",
  constituency: "Constituency",
  staffCount: "Staff",
  publicIncomeGbp: "Public income (£)",
  membershipStatus: "Membership status",
  joinedOn: "Joined on",
  postcodeStatus: "Postcode lookup",
  archivedAt: "Archived",
  invitedAt: "Invited",
  erasedAt: "Erased",
  exportedAt: "Downloaded",
};

function Changes({ changes }: { changes: AuditTrailEntry["changes"] }) {
  if (!changes.length) return null;
  return (
    <ul className="change-list">
      {changes.map((change) => (
        <li key={change.field}>
          <span className="change-list__field">{fieldLabels[change.field] ?? change.field}</span>:{" "}
          {change.from ? (
            <>
              <del>{change.from}</del> → <ins>{change.to || "(removed)"}</ins>
            </>
          ) : (
            change.to
          )}
        </li>
      ))}
    </ul>
  );
}

/** Who did what, when, and what it changed: newest first. */
export function AuditTrail({
  entries,
  page,
  pageCount,
  search,
}: {
  entries: AuditTrailEntry[];
  page: number;
  pageCount: number;
  search: string;
}) {
  if (entries.length === 0) return <p>No changes recorded yet.</p>;
  return (
    <>
      <DataTable
        caption="Changes, newest first"
        rows={entries}
        rowKey={(entry) => entry.id}
        columns={[
          { header: "When", cell: (entry) => formatDateTime(entry.at) },
          { header: "Who", cell: (entry) => entry.actor ?? "System" },
          {
            header: "What",
            cell: (entry) => (
              <>
                {actionLabels[entry.action] ?? entry.action}
                <span className="muted-block">{entry.subject}</span>
              </>
            ),
          },
          { header: "Changes", cell: (entry) => <Changes changes={entry.changes} /> },
        ]}
      />
      <Pagination
        page={page}
        pageCount={pageCount}
        search={search}
        param="auditPage"
        label="Change history pages"
      />
    </>
  );
}
