import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { DataTable } from "~/components/data-table.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import {
  commitImport,
  discardImport,
  getImport,
  postcodesOfImport,
} from "~/models/directory/imports.server.ts";
import { latestPostcodeLookup, requestPostcodeLookups } from "~/models/directory/postcode-lookups.server.ts";
import { JobStatus } from "~/components/job-status.tsx";
import { formatCount, formatDateTime } from "~/utils/format.ts";
import { idParam, pageParam } from "~/utils/ids.ts";
import { isRefusal, Refusal, refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { importIntentSchema } from "~/schemas/directory.ts";
const PAGE = 50;

export const meta: MetaFunction = () => [{ title: "Import preview · Mutual Voice" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const item = await getImport(context.db, user, idParam(params, "importId"));
  const url = new URL(request.url);
  const problemPages = Math.max(1, Math.ceil(item.preview.problems.length / PAGE));
  const problemPage = Math.min(pageParam(url), problemPages);
  const problems = item.preview.problems.slice((problemPage - 1) * PAGE, problemPage * PAGE);
  const [postcodes, postcodeLookup] = await Promise.all([
    postcodesOfImport(context.db, item),
    latestPostcodeLookup(context.db, { importId: item.id }),
  ]);
  const { preview, ...rest } = item;
  return {
    item: rest,
    counts: preview.counts,
    rowCount: preview.rowCount,
    unknownColumns: preview.unknownColumns,
    tidied: preview.tidied.slice(0, PAGE),
    tidiedCount: preview.tidied.length,
    refreshedAt: preview.refreshedAt,
    problems,
    problemCount: preview.problems.length,
    problemPage,
    problemPages,
    updated: preview.updated.slice(0, PAGE),
    updatedCount: preview.updated.length,
    peopleUpdated: preview.peopleUpdated.slice(0, PAGE),
    peopleUpdatedCount: preview.peopleUpdated.length,
    created: preview.created.slice(0, PAGE),
    postcodes,
    postcodeLookup,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "importId");
  try {
    const parsed = importIntentSchema.safeParse(Object.fromEntries(await readForm(request)));
    if (!parsed.success) throw Refusal.invalid("That action is not recognised");
    if (parsed.data.intent === "discard") {
      await discardImport(context.db, user, id);
      return redirect("/imports");
    }
    const outcome = await commitImport(context.db, user, id);
    if (outcome.kind === "stale") {
      throw Refusal.conflict(
        "The directory changed since this preview was made. Check the updated preview below and confirm again.",
      );
    }
    // The import is saved; the background loop fills in places and this page shows how it goes.
    const touched = outcome.touched.map((org) => org.id);
    await requestPostcodeLookups(context.db, touched, { requestedBy: user.id, importId: id });
  } catch (error) {
    // The page shows the reason as one message above the preview.
    return refusalAnswer(error, { message: isRefusal(error) ? error.message : "" });
  }
  return redirect(`/imports/${id}`);
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

const changesIn = (changes: { field: string; from: string; to: string }[]) =>
  changes.map((change) => `${change.field} ${change.from} → ${change.to}`).join("; ");

/** The first rows of a long list (the loader sends a page of them), and how many more there are. */
function FirstRows<Item extends { row: number }>({
  shown,
  total,
  className,
  children,
}: {
  shown: Item[];
  total: number;
  className?: string;
  children: (item: Item) => ReactNode;
}) {
  return (
    <>
      <ul className={className}>
        {shown.map((item) => (
          <li key={item.row}>{children(item)}</li>
        ))}
      </ul>
      {total > shown.length ? <p>and {formatCount(total - shown.length)} more.</p> : null}
    </>
  );
}

export default function ImportPage() {
  const loaded = useLoaderData<typeof loader>();
  const { item, counts, problems, problemCount, postcodes, postcodeLookup } = loaded;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const committing = navigation.state === "submitting" && navigation.formData?.get("intent") === "commit";
  const { search } = useLocation();
  const nothingToDo =
    counts.organisations.create +
      counts.organisations.update +
      counts.people.create +
      counts.people.update ===
    0;
  return (
    <>
      <p>
        <Link to="/imports">Back to imports</Link>
      </p>
      <h1>
        {item.status === "committed"
          ? "Import complete"
          : item.status === "discarded"
            ? "Import discarded"
            : "Check the import"}
      </h1>
      <p>
        {item.fileName}, {plural(loaded.rowCount, "row")}, uploaded {formatDateTime(item.createdAt)}
        {item.createdBy ? ` by ${item.createdBy}` : ""}.
      </p>
      <RefusalPanel message={actionData?.message} />

      <h2>{item.status === "committed" ? "What was imported" : "What will happen"}</h2>
      <DataTable
        caption="Changes by kind"
        className="table table--compact"
        rowHeaders
        rows={[
          { kind: "Organisations", tally: counts.organisations },
          { kind: "People", tally: counts.people },
        ]}
        rowKey={(row) => row.kind}
        columns={[
          { header: "Kind", cell: (row) => row.kind },
          { header: "New", numeric: true, cell: (row) => formatCount(row.tally.create) },
          { header: "Changed", numeric: true, cell: (row) => formatCount(row.tally.update) },
          { header: "Unchanged", numeric: true, cell: (row) => formatCount(row.tally.unchanged) },
        ]}
      />
      <p>
        {plural(counts.rowsImported, "row")} {item.status === "committed" ? "were" : "can be"} imported
        {counts.rowsWithProblems
          ? `; ${plural(counts.rowsWithProblems, "row")} with problems ${item.status === "committed" ? "were" : "will be"} left out`
          : ""}
        .
      </p>

      {item.status === "previewed" ? (
        <section className="panel confirm" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">{nothingToDo ? "Nothing to import" : "Import these changes?"}</h2>
          {loaded.refreshedAt ? (
            <p>
              This preview was updated at {formatDateTime(loaded.refreshedAt)} because the directory had
              changed.
            </p>
          ) : null}
          {nothingToDo ? (
            <p>The directory already holds everything in this file.</p>
          ) : (
            <p>
              Everything is saved together, or nothing is.
              {counts.rowsWithProblems
                ? " Rows with problems are left out: fix them in your spreadsheet and import it again later."
                : ""}
            </p>
          )}
          <Form method="post" className="inline-actions">
            {nothingToDo ? null : (
              <button type="submit" name="intent" value="commit" className="button" disabled={committing}>
                {committing ? "Importing…" : `Import ${plural(counts.rowsImported, "row")}`}
              </button>
            )}
            <button
              type="submit"
              name="intent"
              value="discard"
              className="button button--secondary"
              disabled={committing}
            >
              Discard
            </button>
          </Form>
          {committing ? (
            <p role="status" className="busy">
              <progress aria-label="Importing" /> Importing {plural(counts.rowsImported, "row")}. Their
              postcodes are looked up in the background afterwards.
            </p>
          ) : null}
        </section>
      ) : null}

      {item.status === "committed" ? (
        <section aria-labelledby="postcodes-heading">
          <h2 id="postcodes-heading">Postcodes</h2>
          {postcodeLookup ? <JobStatus job={postcodeLookup} label="Postcode lookup" /> : null}
          <p>
            {plural(postcodes.found, "postcode")} found.
            {postcodes.pending
              ? ` ${plural(postcodes.pending, "postcode")} not looked up yet: they are looked up in the background, and retried automatically if postcodes.io does not answer.`
              : ""}
          </p>
          {postcodes.notFound.length ? (
            <>
              <p>
                These postcodes were not found: they may be mistyped or no longer in use. Correct them on each
                organisation&apos;s page.
              </p>
              <ul>
                {postcodes.notFound.map((org) => (
                  <li key={org.id}>
                    Row {org.row}: <Link to={`/directory/${org.id}`}>{org.name}</Link> ({org.postcode})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {loaded.unknownColumns.length ? (
        <div className="panel">
          <h2>Columns that are ignored</h2>
          <p>{loaded.unknownColumns.join(", ")}</p>
        </div>
      ) : null}

      {loaded.tidiedCount ? (
        <section aria-labelledby="tidied">
          <h2 id="tidied">Tidied ({formatCount(loaded.tidiedCount)})</h2>
          <p>These names had line breaks or repeated spaces; they will be imported on one line.</p>
          <DataTable
            caption="Cells joined onto one line"
            rows={loaded.tidied}
            rowKey={(note, index) => `${note.row}-${note.column}-${index}`}
            columns={[
              { header: "Row", cell: (note) => note.row ?? "File" },
              { header: "Column", cell: (note) => (note.column ? <code>{note.column}</code> : "") },
              { header: "What changed", cell: (note) => note.message },
            ]}
          />
          {loaded.tidiedCount > loaded.tidied.length ? (
            <p>
              And {formatCount(loaded.tidiedCount - loaded.tidied.length)} more: check them in your
              spreadsheet.
            </p>
          ) : null}
        </section>
      ) : null}

      <h2 id="problems">Problems ({formatCount(problemCount)})</h2>
      {problemCount === 0 ? (
        <p>No problems: every row can be imported.</p>
      ) : (
        <>
          <DataTable
            caption="Problems by row"
            rows={problems}
            rowKey={(problem, index) => `${problem.row}-${problem.column}-${index}`}
            columns={[
              { header: "Row", cell: (problem) => problem.row ?? "File" },
              { header: "Column", cell: (problem) => (problem.column ? <code>{problem.column}</code> : "") },
              { header: "Problem", cell: (problem) => problem.message },
            ]}
          />
          <Pagination
            page={loaded.problemPage}
            pageCount={loaded.problemPages}
            search={search}
            label="Problem pages"
          />
        </>
      )}

      {loaded.updatedCount ? (
        <>
          <h2>Organisations that change ({formatCount(loaded.updatedCount)})</h2>
          <FirstRows shown={loaded.updated} total={loaded.updatedCount} className="change-list">
            {(org) => (
              <>
                Row {org.row}: <Link to={`/directory/${org.id}`}>{org.name}</Link>: {changesIn(org.changes)}
              </>
            )}
          </FirstRows>
        </>
      ) : null}
      {loaded.peopleUpdatedCount ? (
        <>
          <h2>People whose details change ({formatCount(loaded.peopleUpdatedCount)})</h2>
          <FirstRows shown={loaded.peopleUpdated} total={loaded.peopleUpdatedCount} className="change-list">
            {(person) => `Row ${person.row}: ${person.email}: ${changesIn(person.changes)}`}
          </FirstRows>
        </>
      ) : null}
      {counts.organisations.create ? (
        <details>
          <summary>New organisations ({formatCount(counts.organisations.create)})</summary>
          <FirstRows shown={loaded.created} total={counts.organisations.create}>
            {(org) => `Row ${org.row}: ${org.name}`}
          </FirstRows>
        </details>
      ) : null}
    </>
  );
}
