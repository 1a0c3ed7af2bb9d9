import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterForm } from "~/components/filter-form.tsx";
import {
  positionTitle,
  useStaffPosition,
  type PositionMatches,
} from "~/components/positions/use-position.ts";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { WordDiff } from "~/components/word-diff.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { requirePosition } from "~/models/positions/page.server.ts";
import { getVersion } from "~/models/positions/positions.server.ts";
import { governmentLabels } from "~/schemas/governments-labels.ts";
import { wordDiff } from "~/utils/diff.ts";
import { variantMarkdown } from "~/utils/markdown.server.ts";
import { variantsQuerySchema } from "~/schemas/positions.ts";

export const meta: MetaFunction<typeof loader, PositionMatches> = ({ matches }) => [
  { title: `Variants: ${positionTitle(matches) ?? "position"} · Mutual Voice` },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const { position } = await requirePosition(request, context, params.slug);
  const version = await getVersion(context.db, user, position, position.currentVersionId);
  const { a, b } = variantsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    versionNumber: version.number,
    a,
    b,
    diff: wordDiff(variantMarkdown(version.body, a), variantMarkdown(version.body, b)),
  };
}

export default function PositionVariants() {
  const position = useStaffPosition();
  const { versionNumber, a, b, diff } = useLoaderData<typeof loader>();
  const options = optionsFrom(governmentLabels);
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/positions/${position.slug}`}>{position.title}</Link>
      </p>
      <h1>What two governments read</h1>
      <p>
        Each government reads the UK-wide text plus the blocks for its nation (UK Government: England).
        Version {versionNumber}.
      </p>
      <FilterForm label="Choose two governments" button="Compare">
        <SelectField name="a" label="Compare" options={options} defaultValue={a} />
        <SelectField name="b" label="with" options={options} defaultValue={b} />
      </FilterForm>
      <WordDiff diff={diff} label={`${governmentLabels[a]} → ${governmentLabels[b]}`} />
    </>
  );
}
