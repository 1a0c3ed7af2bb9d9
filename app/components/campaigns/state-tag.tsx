import { campaignStateLabels, type CampaignState } from "~/schemas/campaign-labels.ts";

export function CampaignStateTag({ state }: { state: CampaignState }) {
  return (
    <span className={`status${state === "active" ? "" : " status--muted"}`}>
      {campaignStateLabels[state]}
    </span>
  );
}
