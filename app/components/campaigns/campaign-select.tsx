import { SelectField } from "~/components/select-field.tsx";

/** "Campaign (optional)" on a create form: none, or one of the campaigns that still take items. */
export function CampaignSelect({
  campaigns,
  defaultValue,
  error,
}: {
  campaigns: readonly { id: number; label: string }[];
  defaultValue?: string;
  error?: string;
}) {
  if (campaigns.length === 0 && !error) return null;
  return (
    <SelectField
      name="campaignId"
      label="Campaign (optional)"
      hint="The campaign this belongs to. You can also add it to one later from its page."
      placeholder="None"
      options={campaigns.map((campaign) => ({ value: String(campaign.id), label: campaign.label }))}
      defaultValue={defaultValue ?? ""}
      error={error}
    />
  );
}
