import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CampaignStateTag } from "~/components/campaigns/state-tag.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { listCampaigns } from "~/models/campaigns/campaigns.server.ts";
import { campaignTargetLabels } from "~/schemas/campaign-labels.ts";

export const meta: MetaFunction = () => [{ title: "Campaigns · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  return { campaigns: await listCampaigns(context.db, user) };
}

export default function Campaigns() {
  const { campaigns } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Campaigns</h1>
      <p className="lead">
        Each campaign is one ask of government, with the positions, evidence, responses and letters that press
        it, and what it has won.
      </p>
      <p>
        <Link className="button" to="/campaigns/new">
          Start a campaign
        </Link>
      </p>
      {campaigns.length === 0 ? (
        <p>No campaigns yet. Start the first one.</p>
      ) : (
        <TableScroll label="Campaigns">
          <table className="table">
            <caption className="visually-hidden">Campaigns</caption>
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">State</th>
                <th scope="col">Targets</th>
                <th scope="col">Items</th>
                <th scope="col">Outcomes</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((campaign) => (
                <tr key={campaign.id}>
                  <td>
                    <Link to={`/campaigns/${campaign.slug}`}>{campaign.name}</Link>
                    <br />
                    <span className="field__hint">{campaign.ask}</span>
                  </td>
                  <td>
                    <CampaignStateTag state={campaign.state} />
                  </td>
                  <td>{campaign.targets.map((target) => campaignTargetLabels[target]).join(", ")}</td>
                  <td>{campaign.items}</td>
                  <td>{campaign.outcomes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
