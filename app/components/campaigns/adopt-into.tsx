import { Form, Link, useNavigation } from "@remix-run/react";

/**
 * The radar's flag for a consultation that matches an active campaign's topics, with a button that
 * adopts it and links it to that campaign in one step (posted to the campaign page's own action).
 */
export function CampaignFlags({
  consultation,
  campaigns,
  offerAdopt,
}: {
  consultation: { id: number; title: string };
  campaigns: readonly { id: number; slug: string; name: string }[];
  offerAdopt: boolean;
}) {
  const busy = useNavigation().state === "submitting";
  if (!campaigns.length) return null;
  return (
    <div className="campaign-flags">
      {campaigns.map((campaign) => (
        <div key={campaign.id} className="campaign-flag">
          <span className="status">Campaign match</span>{" "}
          <Link to={`/campaigns/${campaign.slug}`}>{campaign.name}</Link>
          {offerAdopt ? (
            <Form method="post" action={`/campaigns/${campaign.slug}`} className="inline-form">
              <input type="hidden" name="intent" value="adopt" />
              <input type="hidden" name="consultationId" value={consultation.id} />
              <button type="submit" className="button button--secondary button--small" disabled={busy}>
                Adopt into {campaign.name}
                <span className="visually-hidden">: {consultation.title}</span>
              </button>
            </Form>
          ) : null}
        </div>
      ))}
    </div>
  );
}
