import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { DataTable } from "~/components/data-table.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { listDirectory, type DirectoryEntry } from "~/models/directory/directory.server.ts";
import {
  legalFormLabels,
  membershipStatuses,
  membershipStatusLabels,
  nationLabels,
  nations,
  postcodeStatusLabels,
  serviceAreaLabels,
} from "~/schemas/directory-labels.ts";
import { directoryFilterSchema } from "~/schemas/directory.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formatCount, formatPounds } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: "Directory · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const url = new URL(request.url);
  const filter = directoryFilterSchema.parse(Object.fromEntries(url.searchParams));
  const page = await listDirectory(context.db, user, filter);
  return {
    page,
    filter,
    filtered: [...url.searchParams.keys()].some((key) => key !== "page" && key !== "sort"),
  };
}

const archivedLabels = { exclude: "Leave out", include: "Include", only: "Only archived" };

type Option = { value: string; label: string };

const sortOptions: Option[] = [
  { value: "name", label: "Name, A to Z" },
  { value: "-name", label: "Name, Z to A" },
  { value: "-staff", label: "Most staff" },
  { value: "staff", label: "Fewest staff" },
  { value: "-income", label: "Most public income" },
  { value: "-joined", label: "Joined most recently" },
  { value: "joined", label: "Joined longest ago" },
];

/** Where an organisation is, as far as its postcode lookup has found. */
function Place({
  org,
}: {
  org: Pick<DirectoryEntry, "localAuthority" | "postcode" | "nation" | "postcodeStatus">;
}) {
  return (
    <>
      {org.localAuthority ?? org.postcode ?? "No postcode"}
      {org.nation ? <span className="muted-block">{nationLabels[org.nation]}</span> : null}
      {org.postcodeStatus === "not_found" ? (
        <span className="status status--error">Postcode not found</span>
      ) : null}
      {org.postcodeStatus === "pending" ? <span className="status">Lookup pending</span> : null}
    </>
  );
}

export default function Directory() {
  const { page, filter, filtered } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const exportParams = new URLSearchParams(search);
  exportParams.delete("page");
  const nationOptions = [
    ...nations.map((nation) => ({
      value: nation,
      label: `${nationLabels[nation]} (${page.byNation[nation]})`,
    })),
    { value: "unknown", label: `Not known (${page.byNation.unknown})` },
  ];
  const statusOptions = membershipStatuses.map((status) => ({
    value: status,
    label: `${membershipStatusLabels[status]} (${page.byStatus[status]})`,
  }));
  // Name, label, the choice that filters nothing, and the choices: one select each.
  const filters: [Exclude<keyof typeof filter, "q" | "page">, string, string | undefined, Option[]][] = [
    ["nation", "Nation", "Any nation", nationOptions],
    ["serviceArea", "Service area", "Any service", optionsFrom(serviceAreaLabels)],
    ["legalForm", "Legal form", "Any legal form", optionsFrom(legalFormLabels)],
    ["status", "Membership", "Any status", statusOptions],
    ["postcode", "Postcode lookup", "Any", optionsFrom(postcodeStatusLabels)],
    ["archived", "Archived organisations", undefined, optionsFrom(archivedLabels)],
    ["sort", "Sort by", undefined, sortOptions],
  ];
  const first = (page.page - 1) * 50 + 1;
  const last = first + page.entries.length - 1;
  return (
    <>
      <h1>Directory</h1>
      <p className="lead">Every member organisation and the people at it.</p>
      <ul className="button-group">
        <li>
          <Link className="button" to="/directory/new">
            Add an organisation
          </Link>
        </li>
        <li>
          <Link className="button button--secondary" to="/imports">
            Import a spreadsheet
          </Link>
        </li>
        <li>
          <a
            className="button button--secondary"
            href={`/directory/export.csv${exportParams.size ? `?${exportParams}` : ""}`}
            download
          >
            Download as CSV
          </a>
        </li>
      </ul>
      <div className="directory-layout">
        <Form method="get" className="filters" aria-labelledby="filters-heading">
          <h2 id="filters-heading">Filter</h2>
          <TextField name="q" label="Name, postcode or council" type="search" defaultValue={filter.q ?? ""} />
          {filters.map(([name, label, placeholder, options]) => (
            <SelectField
              key={name}
              name={name}
              label={label}
              placeholder={placeholder}
              options={options}
              defaultValue={filter[name] ?? ""}
            />
          ))}
          <button type="submit" className="button">
            Apply
          </button>{" "}
          {filtered ? <Link to="/directory">Clear filters</Link> : null}
        </Form>
        <section aria-labelledby="results-heading" className="results">
          <h2 id="results-heading" aria-live="polite">
            {page.total === 0
              ? "No organisations"
              : page.total === 1
                ? "1 organisation"
                : `${formatCount(page.total)} organisations${page.pageCount > 1 ? `, ${first} to ${last} shown` : ""}`}
          </h2>
          {page.entries.length === 0 ? (
            <div className="panel">
              {filtered ? (
                <p>
                  No organisations match these filters. <Link to="/directory">Clear the filters</Link> to see
                  the whole directory.
                </p>
              ) : (
                <p>
                  The directory is empty. <Link to="/directory/new">Add an organisation</Link> or{" "}
                  <Link to="/imports">import a members spreadsheet</Link>.
                </p>
              )}
            </div>
          ) : (
            <DataTable
              caption="Member organisations"
              rows={page.entries}
              rowKey={(org) => org.id}
              columns={[
                {
                  header: "Name",
                  cell: (org) => (
                    <>
                      <Link to={`/directory/${org.id}`}>{org.name}</Link>
                      {org.archivedAt ? <span className="status"> Archived</span> : null}
                    </>
                  ),
                },
                { header: "Place", cell: (org) => <Place org={org} /> },
                { header: "Service", cell: (org) => serviceAreaLabels[org.serviceArea] },
                { header: "Staff", numeric: true, cell: (org) => formatCount(org.staffCount) },
                { header: "Public income", numeric: true, cell: (org) => formatPounds(org.publicIncomeGbp) },
                { header: "Membership", cell: (org) => membershipStatusLabels[org.membershipStatus] },
                { header: "People", numeric: true, cell: (org) => org.people },
              ]}
            />
          )}
          <Pagination page={page.page} pageCount={page.pageCount} search={search} label="Directory pages" />
        </section>
      </div>
    </>
  );
}
