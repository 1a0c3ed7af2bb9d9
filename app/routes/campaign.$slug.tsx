import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OutcomeList } from "~/components/campaigns/outcome-list.tsx";
import { CampaignStateTag } from "~/components/campaigns/state-tag.tsx";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { getUser } from "~/models/accounts/auth.server.ts";
import { getPublicCampaign } from "~/models/campaigns/public.server.ts";
import { campaignTargetLabels } from "~/schemas/campaign-labels.ts";
import { buildId } from "~/utils/build-id.server.ts";
import { matchesIfNoneMatch, weakEtag } from "~/utils/etag.server.ts";
import { formatCount } from "~/utils/format.ts";
import { formatLongDate } from "~/utils/letter-format.ts";
import { Refusal } from "~/utils/refusal.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.campaign.name} · Campaign · Mutual Voice` : "Campaign · Mutual Voice" },
  ...(page ? [{ name: "description", content: page.campaign.ask }] : []),
];

/**
 * Off until staff turn it on (404 until then). Read far more than it changes, so like the public
 * letter page: anonymous visitors get a page caches may keep briefly and then revalidate (ETag,
 * 304); signed-in people see their own header, so their copy is private.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const campaign = await getPublicCampaign(context.db, params.slug ?? "");
  if (!campaign) throw Refusal.notFound();
  const user = await getUser(request, context);
  const etag = weakEtag(campaign.version, buildId, user ? `u${user.id}` : "public");
  const headers = {
    ETag: etag,
    Vary: "Cookie",
    "Cache-Control": user
      ? "private, no-cache"
      : "public, max-age=60, s-maxage=10, stale-while-revalidate=600",
  };
  if (matchesIfNoneMatch(request, etag)) throw new Response(null, { status: 304, headers });
  const { version: _version, ...shown } = campaign;
  return data({ campaign: shown }, { headers });
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const source = errorHeaders?.has("ETag") ? errorHeaders : loaderHeaders;
  const result = new Headers();
  for (const name of ["ETag", "Vary", "Cache-Control"]) {
    const value = source.get(name);
    if (value) result.set(name, value);
  }
  return result;
};

export default function PublicCampaign() {
  const { campaign } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{campaign.name}</h1>
      <p className="lead">{campaign.ask}</p>
      <p>
        <CampaignStateTag state={campaign.state} /> Pressing{" "}
        {campaign.targets.map((target) => campaignTargetLabels[target]).join(", ")}.
      </p>
      <h2>Progress</h2>
      {campaign.outcomes.length ? <OutcomeList outcomes={campaign.outcomes} /> : <p>No outcomes yet.</p>}
      <h2>Our positions</h2>
      {campaign.positions.length ? (
        <ul className="card-list">
          {campaign.positions.map((position) => (
            <li key={position.slug} className="card">
              <Link to={`/p/${position.slug}`}>{position.title}</Link>
              {position.summary ? <p className="card__text">{position.summary}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>No published positions yet.</p>
      )}
      <h2>Consultation responses we sent</h2>
      {campaign.responses.length ? (
        <ul className="card-list">
          {campaign.responses.map((response) => (
            <li key={response.slug} className="card">
              <Link to={`/c/${response.slug}`}>{response.title}</Link>
              <p className="card__text">
                To {response.government}
                {response.sentAt ? `, sent ${formatLongDate(response.sentAt)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>No responses published yet.</p>
      )}
      <h2>Open letters delivered</h2>
      {campaign.letters.length ? (
        <ul className="card-list">
          {campaign.letters.map((letter) => (
            <li key={letter.slug} className="card">
              <Link to={`/letters/${letter.slug}`}>{letter.title}</Link>
              <p className="card__text">
                To {letter.addressee}, signed by {formatCount(letter.organisations)}{" "}
                {letter.organisations === 1 ? "mutual" : "mutuals"}
                {letter.deliveredAt ? `, delivered ${formatLongDate(letter.deliveredAt)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>No letters delivered yet.</p>
      )}
    </>
  );
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no public campaign page at this address.",
});
