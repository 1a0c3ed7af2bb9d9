import type { SurveyMode } from "~/schemas/surveys-labels.ts";
import { formatCount } from "./format.ts";
import { formatPercent, percentOf } from "./survey-stats.ts";

/**
 * A survey's response rate in its own unit: with one response per organisation, colleagues share
 * one answer, so organisations are what is invited and what responds; otherwise people.
 */
export interface ResponseFigures {
  mode: SurveyMode;
  invited: number;
  responded: number;
}

export function unitOf(mode: SurveyMode, count: number): string {
  if (mode === "organisation") return count === 1 ? "organisation" : "organisations";
  return count === 1 ? "person" : "people";
}

/** "3 organisations invited, 1 responded (33%)" */
export function responseFiguresText({ mode, invited, responded }: ResponseFigures): string {
  const rate = invited > 0 ? ` (${formatPercent(percentOf(responded, invited))})` : "";
  return `${formatCount(invited)} ${unitOf(mode, invited)} invited, ${formatCount(responded)} responded${rate}`;
}
