import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "~/components/pagination.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { listDirectory } from "~/models/directory/directory.server.ts";
import {
  directoryFilterSchema,
  legalFormLabels,
  membershipStatuses,
  membershipStatusLabels,
  nationLabels,
  nations,
  postcodeStatusLabels,
  serviceAreaLabels,
} from "~/schemas/directory.ts";
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

const sortOptions = [
  { value: "name", label: "Name, A to Z" },
  { value: "-name", label: "Name, Z to A" },
  { value: "-staff", label: "Most staff" },
  { value: "staff", label: "Fewest staff" },
  { value: "-income", label: "Most public income" },
  { value: "-joined", label: "Joined most recently" },
  { value: "joined", label: "Joined longest ago" },
];

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
          <SelectField
            name="nation"
            label="Nation"
            placeholder="Any nation"
            options={nationOptions}
            defaultValue={filter.nation ?? ""}
          />
          <SelectField
            name="serviceArea"
            label="Service area"
            placeholder="Any service"
            options={optionsFrom(serviceAreaLabels)}
            defaultValue={filter.serviceArea ?? ""}
          />
          <SelectField
            name="legalForm"
            label="Legal form"
            placeholder="Any legal form"
            options={optionsFrom(legalFormLabels)}
            defaultValue={filter.legalForm ?? ""}
          />
          <SelectField
            name="status"
            label="Membership"
            placeholder="Any status"
            options={statusOptions}
            defaultValue={filter.status ?? ""}
          />
          <SelectField
            name="postcode"
            label="Postcode lookup"
            placeholder="Any"
            options={optionsFrom(postcodeStatusLabels)}
            defaultValue={filter.postcode ?? ""}
          />
          <SelectField
            name="archived"
            label="Archived organisations"
            options={[
              { value: "exclude", label: "Leave out" },
              { value: "include", label: "Include" },
              { value: "only", label: "Only archived" },
            ]}
            defaultValue={filter.archived}
          />
          <SelectField name="sort" label="Sort by" options={sortOptions} defaultValue={filter.sort} />
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
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Member organisations</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Place</th>
                    <th scope="col">Service</th>
                    <th scope="col" className="numeric">
                      Staff
                    </th>
                    <th scope="col" className="numeric">
                      Public income
                    </th>
                    <th scope="col">Membership</th>
                    <th scope="col" className="numeric">
                      People
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.entries.map((org) => (
                    <tr key={org.id}>
                      <td>
                        <Link to={`/directory/${org.id}`}>{org.name}</Link>
                        {org.archivedAt ? <span className="status"> Archived</span> : null}
                      </td>
                      <td>
                        {org.localAuthority ?? org.postcode ?? "No postcode"}
                        {org.nation ? <span className="muted-block">{nationLabels[org.nation]}</span> : null}
                        {org.postcodeStatus === "not_found" ? (
                          <span className="status status--error">Postcode not found</span>
                        ) : null}
                        {org.postcodeStatus === "pending" ? (
                          <span className="status">Lookup pending</span>
                        ) : null}
                      </td>
                      <td>{serviceAreaLabels[org.serviceArea]}</td>
                      <td className="numeric">{formatCount(org.staffCount)}</td>
                      <td className="numeric">{formatPounds(org.publicIncomeGbp)}</td>
                      <td>{membershipStatusLabels[org.membershipStatus]}</td>
                      <td className="numeric">{org.people}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination page={page.page} pageCount={page.pageCount} search={search} label="Directory pages" />
        </section>
      </div>
    </>
  );
}
