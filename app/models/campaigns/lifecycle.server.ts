import type { CampaignsUpdate } from "../../../db/schema.ts";
import { isStaff, requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { defineLifecycle } from "~/models/lifecycle.server.ts";
import { campaignStateLabels, type CampaignState } from "~/schemas/campaigns.ts";
import type { Db } from "~/utils/db.server.ts";
import { loadCampaign, type Campaign } from "./campaigns.server.ts";
import { forgetPublicCampaign } from "./public-cache.server.ts";

const staffOnly = (actor: Actor | null) =>
  actor !== null && isStaff(actor) ? true : "Only policy staff can change a campaign.";

/**
 * A campaign's lifecycle: active ⇄ paused, and won or closed from either; a won or closed
 * campaign can be reopened when the ask comes back. Its items stay linked whatever its state;
 * only an active campaign flags new consultations on the radar.
 */
const campaignLifecycle = defineLifecycle<Campaign, CampaignsUpdate>({
  subject: "campaign",
  stateLabels: campaignStateLabels,
  load: (trx, id, { lock }) => loadCampaign(trx, id, { lock }),
  write: async (trx, id, { state, updatedAt, set }) => {
    await trx
      .updateTable("campaigns")
      .set({ ...set, state, updated_at: updatedAt })
      .where("id", "=", id)
      .execute();
  },
  afterCommit: (db, campaign) => forgetPublicCampaign(db, campaign.slug),
}).withMoves({
  pause: {
    from: ["active"],
    to: "paused",
    label: "Pause",
    verb: "pause",
    alreadyDone: true,
    may: staffOnly,
    audit: "paused",
  },
  resume: {
    from: ["paused"],
    to: "active",
    label: "Resume",
    verb: "resume",
    alreadyDone: true,
    may: staffOnly,
    audit: "resumed",
  },
  win: {
    from: ["active", "paused"],
    to: "won",
    label: "Mark as won",
    verb: "mark as won",
    alreadyDone: true,
    may: staffOnly,
    audit: "won",
  },
  close: {
    from: ["active", "paused"],
    to: "closed",
    label: "Close",
    verb: "close",
    alreadyDone: true,
    may: staffOnly,
    audit: "closed",
  },
  reopen: {
    from: ["won", "closed"],
    to: "active",
    label: "Reopen",
    verb: "reopen",
    may: staffOnly,
    audit: "reopened",
  },
});

export type CampaignMove = keyof typeof campaignLifecycle.moves;

/** The state buttons the page offers this person, in the table's order. */
export function campaignMovesFor(actor: Actor, campaign: Campaign): { name: CampaignMove; label: string }[] {
  return campaignLifecycle
    .available(actor, campaign)
    .map((name) => ({ name, label: campaignLifecycle.moves[name].label }));
}

export async function moveCampaign(db: Db, actor: Actor, id: number, move: CampaignMove): Promise<Campaign> {
  requireStaffActor(actor);
  return campaignLifecycle.move(db, actor, move, id, null, { appUrl: "" });
}

/** The move in the table that takes this campaign to `state`, or null when there is none. */
export function campaignMoveTo(campaign: Campaign, state: CampaignState): CampaignMove | null {
  const names = Object.keys(campaignLifecycle.moves).filter(
    (name): name is CampaignMove => name in campaignLifecycle.moves,
  );
  return (
    names.find((name) => {
      const move = campaignLifecycle.moves[name];
      return move.to === state && move.from.some((from) => from === campaign.state);
    }) ?? null
  );
}

/** The edit form's state choices: where it is now, then where the table lets this person move it. */
export function campaignStateChoices(
  actor: Actor,
  campaign: Campaign,
): { value: CampaignState; label: string }[] {
  const reachable = campaignLifecycle
    .available(actor, campaign)
    .map((name) => campaignLifecycle.moves[name].to);
  return [campaign.state, ...reachable]
    .filter((state, index, all) => all.indexOf(state) === index)
    .map((state) => ({ value: state, label: campaignStateLabels[state] }));
}
