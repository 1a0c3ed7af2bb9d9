import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CampaignSections } from "~/components/campaigns/sections.tsx";
import { CampaignStateTag } from "~/components/campaigns/state-tag.tsx";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { ConfirmPanel, IntentButton } from "~/components/intent-forms.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { getCampaign } from "~/models/campaigns/campaigns.server.ts";
import { campaignMovesFor, moveCampaign } from "~/models/campaigns/lifecycle.server.ts";
import { adoptIntoCampaign, linkedItemTitle, unlinkFromCampaign } from "~/models/campaigns/links.server.ts";
import { loadCampaignPage } from "~/models/campaigns/page.server.ts";
import { setCampaignPublic } from "~/models/campaigns/publishing.server.ts";
import { campaignTargetLabels } from "~/schemas/campaign-labels.ts";
import { campaignLinkKindLabels } from "~/schemas/campaign-labels.ts";
import { campaignLinkKindSchema, campaignPageSchema } from "~/schemas/campaigns.ts";
import { idField } from "~/schemas/ids.ts";
import { positionTopicLabels } from "~/schemas/positions.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { formatCount } from "~/utils/format.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: `${page?.campaign.name ?? "Campaign"} · Campaigns · Mutual Voice` },
];

/** "Unlink X?": the row asked about, from the page's own address. */
const unlinkQuery = z.object({ kind: campaignLinkKindSchema, itemId: idField() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const page = await loadCampaignPage(context.db, user, params.slug ?? "");
  const url = new URL(request.url);
  const unlink = unlinkQuery.safeParse({
    kind: url.searchParams.get("unlink") ?? undefined,
    itemId: url.searchParams.get("item") ?? undefined,
  });
  const unlinkTitle = unlink.success
    ? await linkedItemTitle(context.db, user, page.campaign.id, unlink.data)
    : null;
  return {
    ...page,
    moves: campaignMovesFor(user, page.campaign),
    confirmUnlink: unlink.success && unlinkTitle !== null ? { ...unlink.data, title: unlinkTitle } : null,
    confirmClose: url.searchParams.get("confirm") === "close",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const campaign = await getCampaign(context.db, user, params.slug ?? "");
  const form = parseForm(campaignPageSchema, await readForm(request));
  if (!form.ok)
    return data({ refusal: "Something in the form was not right: reload the page and try again." }, 400);
  try {
    const input = form.data;
    if (input.intent === "move") await moveCampaign(context.db, user, campaign.id, input.move);
    else if (input.intent === "publish")
      await setCampaignPublic(context.db, user, campaign.id, input.isPublic === "on");
    else if (input.intent === "unlink") await unlinkFromCampaign(context.db, user, campaign.id, input);
    else await adoptIntoCampaign(context.db, user, campaign.id, input.consultationId);
  } catch (error) {
    return refusalAnswer(error, {});
  }
  // The public page shows links, outcomes and the state: the shared cache renders it afresh.
  context.purgeCachedPage(`/campaign/${campaign.slug}`);
  return redirect(`/campaigns/${campaign.slug}`, 303);
}

export default function CampaignPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { campaign, moves, backers, confirmUnlink, confirmClose } = page;
  const here = `/campaigns/${campaign.slug}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/campaigns">Campaigns</Link>
      </p>
      <RefusalPanel message={actionData?.refusal} />
      {confirmUnlink ? (
        <ConfirmPanel
          title={`Unlink “${confirmUnlink.title}”?`}
          intent="unlink"
          fields={{ kind: confirmUnlink.kind, itemId: confirmUnlink.itemId }}
          confirmLabel="Yes, unlink it"
          backTo={here}
        >
          <p>
            The {campaignLinkKindLabels[confirmUnlink.kind].toLowerCase()} stays as it is; it just leaves this
            campaign and its public page. You can link it again later.
          </p>
        </ConfirmPanel>
      ) : null}
      {confirmClose && moves.some((move) => move.name === "close") ? (
        <ConfirmPanel
          title={`Close “${campaign.name}”?`}
          intent="move"
          fields={{ move: "close" }}
          confirmLabel="Yes, close it"
          backTo={here}
        >
          <p>
            A closed campaign no longer flags consultations on the radar and new items cannot join it. Its
            items stay linked, and it can be reopened.
          </p>
        </ConfirmPanel>
      ) : null}
      <h1>{campaign.name}</h1>
      <p className="lead">{campaign.ask}</p>
      <dl className="summary-list">
        <div>
          <dt>State</dt>
          <dd>
            <CampaignStateTag state={campaign.state} />
          </dd>
        </div>
        <div>
          <dt>Targets</dt>
          <dd>{campaign.targets.map((target) => campaignTargetLabels[target]).join(", ")}</dd>
        </div>
        <div>
          <dt>Topics</dt>
          <dd>{campaign.topics.map((topic) => positionTopicLabels[topic]).join(", ")}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{campaign.ownerName}</dd>
        </div>
        <div>
          <dt>Public page</dt>
          <dd>
            {campaign.isPublic ? (
              <Link to={`/campaign/${campaign.slug}`}>On: /campaign/{campaign.slug}</Link>
            ) : (
              "Off: only staff can see this campaign"
            )}
          </dd>
        </div>
      </dl>
      <p className="backers">
        <strong>
          {formatCount(backers.organisations)} {backers.organisations === 1 ? "mutual" : "mutuals"} employing{" "}
          {formatCount(backers.staff)} staff
        </strong>{" "}
        {backers.organisations === 1 ? "has" : "have"} backed this, by signing its letters or answering its
        surveys (anonymous answers are not counted).
      </p>
      <div className="button-group">
        <Link className="button button--secondary" to={`${here}/edit`}>
          Edit the campaign
        </Link>
        {moves.map((move) =>
          move.name === "close" ? (
            <Link
              key={move.name}
              className="button button--secondary"
              to="?confirm=close#confirm-heading"
              preventScrollReset
            >
              {move.label}
            </Link>
          ) : (
            <IntentButton
              key={move.name}
              intent="move"
              fields={{ move: move.name }}
              className="button button--secondary"
            >
              {move.label}
            </IntentButton>
          ),
        )}
        <IntentButton
          intent="publish"
          fields={{ isPublic: campaign.isPublic ? "off" : "on" }}
          className="button button--secondary"
        >
          {campaign.isPublic ? "Turn the public page off" : "Publish the campaign page"}
        </IntentButton>
        <Link className="button" to={`/campaigns/${campaign.slug}/link`}>
          Link an item
        </Link>
        <Link className="button" to={`/campaigns/${campaign.slug}/outcome`}>
          Record an outcome
        </Link>
      </div>
      <CampaignSections page={page} />
    </>
  );
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no campaign at this address.",
  back: { to: "/campaigns", label: "Back to campaigns" },
});
