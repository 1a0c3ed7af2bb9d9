import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table.tsx";
import { TextField } from "~/components/text-field.tsx";
import { getNetworkFigures, type Figures } from "~/models/directory/network.server.ts";
import { nationLabels, serviceAreaLabels } from "~/schemas/directory-labels.ts";
import { networkFiguresQuerySchema } from "~/schemas/directory.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { describeNetwork, formatCount, formatDate, formatPoundsShort } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: "Network figures · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  const query = networkFiguresQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const asOf = query.success ? query.data.asOf : null;
  const typed = new URL(request.url).searchParams.get("asOf") ?? "";
  const figures = await getNetworkFigures(context.db, asOf ? { asOf } : {});
  return { figures, typed, invalidDate: typed !== "" && asOf === null };
}

function FiguresTable({ caption, rows }: { caption: string; rows: (Figures & { label: string })[] }) {
  return (
    <DataTable
      caption={caption}
      showCaption
      rowHeaders
      rows={rows}
      rowKey={(row) => row.label}
      columns={[
        { header: "Where", cell: (row) => row.label },
        { header: "Members", numeric: true, cell: (row) => formatCount(row.members) },
        { header: "Staff", numeric: true, cell: (row) => formatCount(row.staff) },
        { header: "Public income", numeric: true, cell: (row) => formatPoundsShort(row.publicIncomeGbp) },
      ]}
    />
  );
}

export default function Network() {
  const { figures, typed, invalidDate } = useLoaderData<typeof loader>();
  const nations: (Figures & { label: string })[] = figures.byNation.map(({ nation, ...row }) => ({
    ...row,
    label: nationLabels[nation],
  }));
  if (figures.unknownNation.members) {
    nations.push({ ...figures.unknownNation, label: "Nation not known (postcode not found yet)" });
  }
  return (
    <>
      <h1>Network figures</h1>
      <p className="lead network-sentence">
        As of {formatDate(figures.asOf)}: <strong>{describeNetwork(figures)}</strong>.
      </p>
      <p>
        Counted from the directory: active members that had joined by that date (or whose joining date is not
        recorded). Prospective, lapsed and former members and archived organisations are left out. Staff and
        income are the figures held now. Every letter and submission that says who we are uses these same
        figures.
      </p>
      <Form method="get" className="inline-form">
        <TextField
          name="asOf"
          label="Figures as of"
          type="date"
          className="input--short"
          defaultValue={typed || figures.asOf}
          error={invalidDate ? "Enter a real date, like 2026-04-01" : undefined}
        />
        <button type="submit" className="button button--secondary">
          Show
        </button>
      </Form>
      {figures.members === 0 ? (
        <p className="panel">
          No active members on that date. <Link to="/directory">Open the directory</Link> to add or import
          members.
        </p>
      ) : (
        <>
          <FiguresTable caption="By nation" rows={nations} />
          <FiguresTable
            caption="By service area"
            rows={figures.byServiceArea
              .filter((row) => row.members > 0)
              .map((row) => ({ ...row, label: serviceAreaLabels[row.serviceArea] }))}
          />
        </>
      )}
    </>
  );
}
