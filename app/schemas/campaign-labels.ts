/**
 * Campaign states, targets, link kinds and outcome kinds with their labels: no zod, so pages read in
 * the browser (the public campaign page) can name them without loading the form schemas.
 */

/** The lifecycle: the same list is the CHECK constraint on campaigns.state. */
export const campaignStates = ["active", "paused", "won", "closed"] as const;
export type CampaignState = (typeof campaignStates)[number];
export const campaignStateLabels: Record<CampaignState, string> = {
  active: "Active",
  paused: "Paused",
  won: "Won",
  closed: "Closed",
};

/** Who a campaign presses: the four governments, councils and regulators. */
export const campaignTargets = [
  "uk_government",
  "scottish_government",
  "welsh_government",
  "northern_ireland_executive",
  "councils",
  "regulators",
] as const;
export type CampaignTarget = (typeof campaignTargets)[number];
export const campaignTargetLabels: Record<CampaignTarget, string> = {
  uk_government: "UK Government",
  scottish_government: "Scottish Government",
  welsh_government: "Welsh Government",
  northern_ireland_executive: "Northern Ireland Executive",
  councils: "Councils",
  regulators: "Regulators",
};

/** What a campaign holds; the same list is the CHECK constraint on campaign_links.kind. */
export const campaignLinkKinds = [
  "position",
  "survey",
  "evidence",
  "consultation",
  "submission",
  "letter",
] as const;
export type CampaignLinkKind = (typeof campaignLinkKinds)[number];
export const campaignLinkKindLabels: Record<CampaignLinkKind, string> = {
  position: "Position",
  survey: "Survey",
  evidence: "Evidence item",
  consultation: "Adopted consultation",
  submission: "Consultation response",
  letter: "Open letter",
};

export const outcomeKinds = ["commitment", "policy_change", "meeting", "rejection"] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];
export const outcomeKindLabels: Record<OutcomeKind, string> = {
  commitment: "Government commitment",
  policy_change: "Policy or guidance change",
  meeting: "Meeting",
  rejection: "Rejection",
};

/** One outcome as every page shows it (staff, public, members). */
export interface CampaignOutcome {
  id: number;
  kind: OutcomeKind;
  kindLabel: string;
  outcomeOn: string;
  government: string;
  sourceUrl: string | null;
  /** What happened, in staff's words: public (named so it is not taken for an internal note). */
  statement: string;
}
