import { Link } from "@remix-run/react";
import type { CampaignLinkKind } from "~/schemas/campaign-labels.ts";

/**
 * A summary-list row on an item's own page: the campaigns it belongs to, and a way to add it to
 * another (a page of its own, so it works without JavaScript).
 */
export function ItemCampaignsRow({
  campaigns,
  kind,
  itemId,
}: {
  campaigns: readonly { id: number; slug: string; name: string }[];
  kind: Exclude<CampaignLinkKind, "consultation">;
  itemId: number;
}) {
  return (
    <div>
      <dt>Campaigns</dt>
      <dd>
        {campaigns.length === 0 ? "None. " : null}
        {campaigns.map((campaign, index) => (
          <span key={campaign.id}>
            {index > 0 ? ", " : null}
            <Link to={`/campaigns/${campaign.slug}`}>{campaign.name}</Link>
          </span>
        ))}
        {campaigns.length ? ". " : null}
        <Link to={`/campaign-links/new?kind=${kind}&item=${itemId}`}>Add to a campaign</Link>
      </dd>
    </div>
  );
}
