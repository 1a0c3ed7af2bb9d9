// Split from consultations.ts: what a page may need in the browser, without zod (see the javascript budget test).
import { type Nation } from "./directory-labels.ts";
import { type Government } from "./governments-labels.ts";

/** The same lists are the CHECK constraints in db/migrations/20261126150000_consultations.ts. */
export const consultationLevels = ["national", "devolved", "local"] as const;

export type ConsultationLevel = (typeof consultationLevels)[number];

export const consultationLevelLabels: Record<ConsultationLevel, string> = {
  national: "National (UK Government)",
  devolved: "Devolved government",
  local: "Local (council)",
};

/**
 * Triage of a consultation on the radar: untouched, adopted (a submission will answer it) or
 * dismissed (not for us, with an optional reason; undoable).
 */
export const triageStates = ["untriaged", "adopted", "dismissed"] as const;

export type TriageState = (typeof triageStates)[number];

export const triageStateLabels: Record<TriageState, string> = {
  untriaged: "Not yet triaged",
  adopted: "Adopted",
  dismissed: "Dismissed",
};

/** Where a consultation came from. */
export const sourceKinds = ["govuk", "citizen_space", "manual"] as const;

export type SourceKind = (typeof sourceKinds)[number];

export const sourceKindLabels: Record<SourceKind, string> = {
  govuk: "GOV.UK",
  citizen_space: "Citizen Space",
  manual: "Entered by hand",
};

export const syncRunStatuses = ["running", "succeeded", "partial", "failed"] as const;

export type SyncRunStatus = (typeof syncRunStatuses)[number];

export const syncRunStatusLabels: Record<SyncRunStatus, string> = {
  running: "Running",
  succeeded: "Succeeded",
  partial: "Imported with records skipped",
  failed: "Failed",
};

export type SyncTrigger = "scheduled" | "manual";

/** The radar's tabs. */
export const radarViews = ["relevant", "open", "adopted", "dismissed"] as const;

export type RadarView = (typeof radarViews)[number];

export const radarViewLabels: Record<RadarView, string> = {
  relevant: "Relevant",
  open: "All open",
  adopted: "Adopted",
  dismissed: "Dismissed",
};

/** The deadlines view: adopted consultations closed already, closing within 7 days, later. */
export const deadlineGroups = ["overdue", "this_week", "later"] as const;

export type DeadlineGroup = (typeof deadlineGroups)[number];

/** The government a submission to a consultation is addressed to, as far as level and nation tell. */
export function governmentOfConsultation(level: ConsultationLevel, nation: Nation | null): Government {
  if (level === "national" || nation === null) return "uk_government";
  if (level === "devolved") {
    return nation === "scotland"
      ? "scottish_government"
      : nation === "wales"
        ? "welsh_government"
        : nation === "northern_ireland"
          ? "northern_ireland_executive"
          : "uk_government";
  }
  const local: Record<Nation, Government> = {
    england: "local_authority_england",
    scotland: "local_authority_scotland",
    wales: "local_authority_wales",
    northern_ireland: "local_authority_northern_ireland",
  };
  return local[nation];
}

export const RADAR_PAGE_SIZE = 25;

export interface MatchedKeyword {
  topic: string;
  keyword: string;
}
