// Split from governments.ts: what a page may need in the browser, without zod (see the javascript budget test).
import { type Nation } from "./directory-labels.ts";

/**
 * The nation a block of text can be marked for. `uk` is UK-wide: the same as unmarked text.
 * Written in Markdown as fenced containers (`::: scotland` … `:::`), so the names are kebab-case.
 */
export const blockScopes = ["uk", "england", "scotland", "wales", "northern-ireland"] as const;

export type BlockScope = (typeof blockScopes)[number];

export const blockScopeLabels: Record<BlockScope, string> = {
  uk: "UK-wide",
  england: "England only",
  scotland: "Scotland only",
  wales: "Wales only",
  "northern-ireland": "Northern Ireland only",
};

export const scopeOfNation: Record<Nation, BlockScope> = {
  england: "england",
  scotland: "scotland",
  wales: "wales",
  northern_ireland: "northern-ireland",
};

/**
 * Who a text can be addressed to. A local authority is always in one nation and reads what
 * applies there. Submissions and letters reuse this list.
 */
export const governments = [
  "uk_government",
  "scottish_government",
  "welsh_government",
  "northern_ireland_executive",
  "local_authority_england",
  "local_authority_scotland",
  "local_authority_wales",
  "local_authority_northern_ireland",
] as const;

export type Government = (typeof governments)[number];

export const governmentLabels: Record<Government, string> = {
  uk_government: "UK Government",
  scottish_government: "Scottish Government",
  welsh_government: "Welsh Government",
  northern_ireland_executive: "Northern Ireland Executive",
  local_authority_england: "A local authority in England",
  local_authority_scotland: "A local authority in Scotland",
  local_authority_wales: "A local authority in Wales",
  local_authority_northern_ireland: "A local authority in Northern Ireland",
};

/** The government in a sentence: "the UK Government", "a local authority in Wales". */
export function governmentInSentence(government: Government): string {
  const label = governmentLabels[government];
  return label.startsWith("A ") ? `a ${label.slice(2)}` : `the ${label}`;
}

/**
 * The nation whose blocks each government reads, besides the UK-wide text. UK Government reads
 * the England blocks because in devolved areas (health, care, local government) it legislates
 * for England alone; what it decides for Scotland, Wales or Northern Ireland is in UK-wide text.
 */
export const governmentNation: Record<Government, Nation> = {
  uk_government: "england",
  scottish_government: "scotland",
  welsh_government: "wales",
  northern_ireland_executive: "northern_ireland",
  local_authority_england: "england",
  local_authority_scotland: "scotland",
  local_authority_wales: "wales",
  local_authority_northern_ireland: "northern_ireland",
};

/** Whether a block marked `scope` is part of the text `government` reads. */
export function appliesTo(scope: BlockScope, government: Government): boolean {
  return scope === "uk" || scope === scopeOfNation[governmentNation[government]];
}
