import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table.tsx";
import { ContributedCampaigns } from "~/components/homes/contributed-campaigns.tsx";
import { EvidenceUses } from "~/components/homes/evidence-uses.tsx";
import { listContributedCampaigns } from "~/models/campaigns/members.server.ts";
import { MemberAsks } from "~/components/homes/member-asks.tsx";
import { listEvidenceUses } from "~/models/evidence/uses.server.ts";
import { listLettersToSign } from "~/models/letters/asks.server.ts";
import { listAskedSurveys } from "~/models/surveys/members.server.ts";
import { OrganisationFacts } from "~/components/organisation-facts.tsx";
import { listPeopleOfOrganisation } from "~/models/directory/people.server.ts";
import { getOrganisation } from "~/models/directory/organisations.server.ts";
import { nationLabels } from "~/schemas/directory-labels.ts";
import { requireMember } from "~/models/accounts/auth.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

export const meta: MetaFunction = () => [{ title: "Your organisation · Mutual Voice" }];

/** How many uses of the organisation's evidence the home shows; the rest are a page of their own. */
const HOME_USES = 5;

/** A member's home: their own organisation only; the model refuses any other. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireMember(request, context);
  if (user.organisationId === null) throw Refusal.notFound();
  const [organisation, colleagues, surveys, letters, uses, campaigns] = await Promise.all([
    getOrganisation(context.db, user, user.organisationId),
    listPeopleOfOrganisation(context.db, user, user.organisationId),
    listAskedSurveys(context.db, user),
    listLettersToSign(context.db, user),
    listEvidenceUses(context.db, user, HOME_USES + 1),
    listContributedCampaigns(context.db, user),
  ]);
  return {
    organisation,
    campaigns,
    asks: { surveys, letters, leader: user.isLeader },
    uses: { uses: uses.slice(0, HOME_USES), more: uses.length > HOME_USES },
    colleagues: colleagues.map((person) => ({
      id: person.id,
      name: person.name,
      jobTitle: person.jobTitle,
      email: person.email,
      isLeader: person.isLeader,
      you: person.id === user.id,
    })),
  };
}

export default function YourOrganisation() {
  const { organisation: org, colleagues, asks, uses, campaigns } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{org.name}</h1>
      <p className="lead">Your organisation in the Public Service Mutuals Network.</p>

      <MemberAsks {...asks} />
      <EvidenceUses {...uses} />
      <ContributedCampaigns campaigns={campaigns} />

      <h2>Your organisation&apos;s details</h2>
      <OrganisationFacts
        org={org}
        more={[
          [
            "Place",
            [org.localAuthority, org.nation ? nationLabels[org.nation] : null, org.postcode]
              .filter(Boolean)
              .join(", ") || "Not known",
          ],
          ["Parliamentary constituency", org.constituency ?? "Not known"],
        ]}
      />
      <p>If any of this is wrong, tell the network team and they will correct it.</p>

      <h2>Your colleagues on Mutual Voice</h2>
      <DataTable
        caption={`People at ${org.name}`}
        rows={colleagues}
        rowKey={(person) => person.id}
        columns={[
          { header: "Name", cell: (person) => `${person.name}${person.you ? " (you)" : ""}` },
          { header: "Job title", cell: (person) => person.jobTitle ?? "" },
          { header: "Email", cell: (person) => person.email },
          { header: "Signs open letters", cell: (person) => (person.isLeader ? "Yes, as leader" : "No") },
        ]}
      />
    </>
  );
}
