import { Link } from "@remix-run/react";
import { OutcomeList } from "~/components/campaigns/outcome-list.tsx";
import type { ContributedCampaign } from "~/models/campaigns/members.server.ts";
import { campaignStateLabels } from "~/schemas/campaign-labels.ts";

/** Campaigns the organisation's signatures and survey answers backed, with what each has won so far. */
export function ContributedCampaigns({ campaigns }: { campaigns: ContributedCampaign[] }) {
  return (
    <section aria-labelledby="campaigns-heading">
      <h2 id="campaigns-heading">Campaigns you have backed</h2>
      {campaigns.length === 0 ? (
        <p>
          None yet. When your organisation answers a survey or signs a letter for one of our campaigns, it
          will be listed here with what the campaign achieves.
        </p>
      ) : (
        <ul className="queue-list">
          {campaigns.map((campaign) => (
            <li key={campaign.id}>
              {campaign.publicPath ? (
                <Link to={campaign.publicPath}>{campaign.name}</Link>
              ) : (
                <strong>{campaign.name}</strong>
              )}{" "}
              ({campaignStateLabels[campaign.state].toLowerCase()}): {campaign.ask}
              {campaign.outcomes.length ? <OutcomeList outcomes={campaign.outcomes} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
