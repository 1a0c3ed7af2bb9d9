import { Link } from "@remix-run/react";
import { OutcomeList } from "~/components/campaigns/outcome-list.tsx";
import type { ContributedCampaign } from "~/models/campaigns/members.server.ts";
import { campaignStateLabels } from "~/schemas/campaign-labels.ts";
import type { Language } from "~/utils/i18n.ts";
import { homeMessagesFor } from "~/utils/i18n-home.ts";

/**
 * Campaigns the organisation's signatures and survey answers backed, with what each has won so far.
 * The campaigns themselves (name, ask, state, outcomes) are staff's words, in English.
 */
export function ContributedCampaigns({
  campaigns,
  language = "en",
}: {
  campaigns: ContributedCampaign[];
  language?: Language;
}) {
  const t = homeMessagesFor(language);
  return (
    <section aria-labelledby="campaigns-heading">
      <h2 id="campaigns-heading">{t.campaignsBacked}</h2>
      {campaigns.length === 0 ? (
        <p>{t.noCampaigns}</p>
      ) : (
        <ul className="queue-list">
          {campaigns.map((campaign) => (
            <li key={campaign.id} lang={language === "en" ? undefined : "en-GB"}>
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
