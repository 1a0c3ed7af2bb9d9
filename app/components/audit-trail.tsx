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
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Changes, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.at)}</td>
                <td>{entry.actor ?? "System"}</td>
                <td>
                  {actionLabels[entry.action] ?? entry.action}
                  <span className="muted-block">{entry.subject}</span>
                </td>
                <td>
                  {entry.changes.length ? (
                    <ul className="change-list">
                      {entry.changes.map((change) => (
                        <li key={change.field}>
                          <span className="change-list__field">
                            {fieldLabels[change.field] ?? change.field}
                          </span>
                          :{" "}
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
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
