import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterForm } from "~/components/filter-form.tsx";
import {
  positionTitle,
  useStaffPosition,
  type PositionMatches,
} from "~/components/positions/use-position.ts";
import { SelectField } from "~/components/select-field.tsx";
import { WordDiff } from "~/components/word-diff.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { requirePosition } from "~/models/positions/page.server.ts";
import { getVersion } from "~/models/positions/positions.server.ts";
import { listVersions } from "~/models/positions/versions.server.ts";
import { compareSchema } from "~/schemas/positions.ts";
import { wordDiff } from "~/utils/diff.ts";
import { formatDateTime } from "~/utils/format.ts";

export const meta: MetaFunction<typeof loader, PositionMatches> = ({ matches }) => [
  { title: `History: ${positionTitle(matches) ?? "position"} · Mutual Voice` },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const { position } = await requirePosition(request, context, params.slug);
  const versions = await listVersions(context.db, user, position);
  const url = new URL(request.url);
  const asked = url.searchParams.has("from") || url.searchParams.has("to");
  const latest = versions[0];
  const previous = versions[1];
  // Without a choice, the page opens on the newest change.
  const parsed = asked
    ? compareSchema.safeParse(Object.fromEntries(url.searchParams))
    : compareSchema.safeParse({ from: previous?.id, to: latest?.id });
  let comparison = null;
  const problem = asked && !parsed.success ? "Choose two versions to compare." : null;
  if (parsed.success) {
    const [from, to] = await Promise.all([
      getVersion(context.db, user, position, parsed.data.from),
      getVersion(context.db, user, position, parsed.data.to),
    ]);
    comparison = {
      from: from.number,
      to: to.number,
      title: from.title === to.title ? null : wordDiff(from.title, to.title),
      summary: from.summary === to.summary ? null : wordDiff(from.summary, to.summary),
      body: wordDiff(from.body, to.body),
    };
  }
  return {
    versions,
    comparison,
    problem,
    selected: parsed.success ? parsed.data : { from: previous?.id ?? latest?.id, to: latest?.id },
  };
}

export default function PositionVersions() {
  const position = useStaffPosition();
  const { versions, comparison, problem, selected } = useLoaderData<typeof loader>();
  const options = versions.map((version) => ({
    value: String(version.id),
    label: `Version ${version.number}, ${version.authorName ?? "a former colleague"}, ${formatDateTime(version.createdAt)}`,
  }));
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/positions/${position.slug}`}>{position.title}</Link>
      </p>
      <h1>History and comparisons</h1>
      <FilterForm label="Compare two versions" button="Compare">
        <SelectField name="from" label="Compare version" options={options} defaultValue={selected.from} />
        <SelectField name="to" label="with version" options={options} defaultValue={selected.to} />
      </FilterForm>
      {problem ? (
        <p className="panel panel--error" role="alert">
          {problem}
        </p>
      ) : null}
      {comparison ? (
        <section aria-labelledby="comparison-title">
          <h2 id="comparison-title">
            Version {comparison.from} → version {comparison.to}
          </h2>
          {comparison.title ? <WordDiff diff={comparison.title} label="Title" /> : null}
          {comparison.summary ? <WordDiff diff={comparison.summary} label="Summary" /> : null}
          <WordDiff diff={comparison.body} label="Text" />
        </section>
      ) : null}
      <h2>Every saved version</h2>
      <table className="table">
        <caption className="visually-hidden">Versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Saved by</th>
            <th scope="col">When</th>
            <th scope="col">Note</th>
            <th scope="col">Started from</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => {
            const base = versions.find((other) => other.id === version.baseVersionId);
            return (
              <tr key={version.id}>
                <td>{version.number}</td>
                <td>{version.authorName ?? "A former colleague"}</td>
                <td>{formatDateTime(version.createdAt)}</td>
                <td>{version.note || "—"}</td>
                <td>
                  {base ? (
                    <Link to={`?from=${base.id}&to=${version.id}`}>
                      Version {base.number}
                      <span className="visually-hidden"> (compare with version {version.number})</span>
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
