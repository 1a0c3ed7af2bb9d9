import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { DataTable } from "~/components/data-table.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { FilterForm } from "~/components/filter-form.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import { requireAdmin } from "~/models/accounts/auth.server.ts";
import { auditChoices, listAuditLog } from "~/models/accounts/audit-log.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { PAGE_SIZE, readAuditFilter } from "~/utils/account-forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Audit log · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const choices = await auditChoices(context.db, admin);
  const parsed = readAuditFilter(new URL(request.url));
  if (!parsed.ok) {
    const answer = {
      ...choices,
      entries: [],
      total: 0,
      page: 1,
      pageCount: 0,
      values: query,
      errors: parsed.errors,
    };
    return data(answer, { status: 400 });
  }
  const log = await listAuditLog(context.db, admin, { ...parsed.filter, pageSize: PAGE_SIZE });
  const pageCount = Math.ceil(log.total / PAGE_SIZE);
  return { ...choices, ...log, page: parsed.filter.page, pageCount, values: query, errors: undefined };
}

/** Before and after, short: the log keeps them whole, and the CSV has them whole. */
function Change({ before, after }: { before: unknown; after: unknown }) {
  const show = (value: unknown) => {
    const text = JSON.stringify(value);
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
  };
  return (
    <div className="audit-change">
      {before !== null ? <div>Before: {show(before)}</div> : null}
      {after !== null ? <div>After: {show(after)}</div> : null}
    </div>
  );
}

export default function AuditLog() {
  const { entries, total, page, pageCount, actions, subjectTypes, values, errors } =
    useLoaderData<typeof loader>();
  const search = useLocation().search;
  const exportParams = new URLSearchParams(search);
  exportParams.delete("page");
  const value = (name: string) => (typeof values[name] === "string" ? values[name] : undefined);
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Audit log</h1>
      <p>Every change anyone makes is recorded here with who made it and when. Times are UK time.</p>
      <FilterForm label="Filter the audit log">
        <TextField
          name="who"
          label="Who"
          hint="Part of a name or email address"
          defaultValue={value("who")}
          error={errors?.who}
        />
        <SelectField
          name="action"
          label="What"
          placeholder="Any action"
          options={actions.map((action) => ({ value: action, label: action }))}
          defaultValue={value("action")}
          error={errors?.action}
        />
        <SelectField
          name="subjectType"
          label="Object type"
          placeholder="Any type"
          options={subjectTypes.map((type) => ({ value: type, label: type }))}
          defaultValue={value("subjectType")}
          error={errors?.subjectType}
        />
        <TextField
          name="subjectId"
          label="Object id"
          defaultValue={value("subjectId")}
          error={errors?.subjectId}
        />
        <TextField name="from" label="From" type="date" defaultValue={value("from")} error={errors?.from} />
        <TextField name="to" label="To" type="date" defaultValue={value("to")} error={errors?.to} />
      </FilterForm>
      <p>
        {total === 1 ? "1 entry" : `${total} entries`}.{" "}
        {total > 0 && !errors ? (
          <a href={`/admin/audit.csv?${exportParams}`} download>
            Download these as CSV
          </a>
        ) : null}
      </p>
      {entries.length === 0 ? (
        <p className="panel">
          {errors ? "Correct the filters to see entries." : "No entries match these filters."}
        </p>
      ) : (
        <DataTable
          caption="Audit entries, newest first"
          rows={entries}
          rowKey={(entry) => entry.id}
          columns={[
            { header: "When", cell: (entry) => formatDateTime(entry.at) },
            {
              header: "Who",
              cell: (entry) => (entry.actor ? `${entry.actor} (${entry.actorEmail ?? ""})` : "The system"),
            },
            { header: "What", cell: (entry) => entry.action },
            { header: "Object", cell: (entry) => `${entry.subjectType} ${entry.subjectId}` },
            { header: "Change", cell: (entry) => <Change before={entry.before} after={entry.after} /> },
          ]}
        />
      )}
      <Pagination page={page} pageCount={pageCount} search={search} />
    </>
  );
}
