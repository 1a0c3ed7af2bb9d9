import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GovernmentPicker } from "~/components/positions/government-picker.tsx";
import { MarkdownView } from "~/components/positions/markdown-view.tsx";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { getPositionBySlug, getVersion, renderVersion } from "~/models/positions/positions.server.ts";
import { governmentLabels, type Government } from "~/schemas/governments-labels.ts";
import { governmentSchema } from "~/schemas/governments.ts";
import { positionTopicLabels } from "~/schemas/positions-labels.ts";
import { formatDateTime } from "~/utils/format.ts";
import { Refusal } from "~/utils/refusal.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.position.title ?? "Position"} · Public Service Mutuals Network` },
  { name: "description", content: loaded?.position.summary ?? "" },
];

/** The public page of a published, public position: what anyone may read, print or link to. */
export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const position = await getPositionBySlug(context.db, null, params.slug ?? "");
  if (position.publishedVersionId === null) throw Refusal.notFound();
  const version = await getVersion(context.db, null, position, position.publishedVersionId);
  const chosen = governmentSchema.safeParse(new URL(request.url).searchParams.get("government"));
  const government: Government | "all" = chosen.success ? chosen.data : "all";
  const rendered = await renderVersion(context.db, position, version, { government, mode: "published" });
  return {
    position: {
      title: position.title,
      summary: position.summary,
      topics: position.topics,
      publishedAt: position.publishedAt,
    },
    html: rendered.html,
    government,
  };
}

export default function PublicPosition() {
  const { position, html, government } = useLoaderData<typeof loader>();
  return (
    <article className="public-position">
      <p className="public-position__kicker">Policy position of the Public Service Mutuals Network</p>
      <h1>{position.title}</h1>
      {position.summary ? <p className="lead">{position.summary}</p> : null}
      <p className="public-position__meta">
        {position.publishedAt ? `Published ${formatDateTime(position.publishedAt)}. ` : ""}
        Topics: {position.topics.map((topic) => positionTopicLabels[topic]).join(", ")}.
        {government !== "all" ? ` Text as it applies for ${governmentLabels[government]}.` : ""}
      </p>
      <div className="no-print">
        <GovernmentPicker government={government} />
      </div>
      <MarkdownView html={html} />
    </article>
  );
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no published policy position at this address.",
  back: { to: "/p", label: "See the published policy positions" },
});
