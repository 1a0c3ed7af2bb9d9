import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ContributedCampaigns } from "~/components/homes/contributed-campaigns.tsx";
import { EvidenceUses } from "~/components/homes/evidence-uses.tsx";
import { listContributedCampaigns } from "~/models/campaigns/members.server.ts";
import { requireMember } from "~/models/accounts/auth.server.ts";
import { listEvidenceUses } from "~/models/evidence/uses.server.ts";

export const meta: MetaFunction = () => [{ title: "Where your evidence was used · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireMember(request, context);
  const [uses, campaigns] = await Promise.all([
    listEvidenceUses(context.db, user, 500),
    listContributedCampaigns(context.db, user, 100),
  ]);
  return { uses, campaigns };
}

export default function WhereEvidenceWasUsed() {
  const { uses, campaigns } = useLoaderData<typeof loader>();
  return (
    <>
      <EvidenceUses uses={uses} more={false} page />
      <ContributedCampaigns campaigns={campaigns} />
    </>
  );
}
