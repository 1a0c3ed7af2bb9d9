import { createGovukClient } from "~/services/govuk.server.ts";
import { createCitizenSpaceClient } from "~/services/citizen-space.server.ts";
import type { SyncDeps } from "~/models/consultations/sync.server.ts";
import type { ManualConsultationInput } from "~/schemas/consultations.ts";
import type { Nation } from "~/schemas/directory.ts";
import type { Db } from "~/utils/db.server.ts";
import { londonDay } from "~/utils/london-time.ts";
import { GOVUK_URL } from "../mocks/govuk.ts";
import { NORTHERN_IRELAND_URL, SCOTLAND_URL } from "../mocks/citizen-space.ts";

/** Short timeouts, so the timeout cases finish quickly. */
export function testSyncDeps(
  options: { sites?: { nation: Nation; url: string }[]; timeoutMs?: number } = {},
): SyncDeps {
  const timeoutMs = options.timeoutMs ?? 300;
  return {
    govukUrl: GOVUK_URL,
    citizenSpaceSites: options.sites ?? [
      { nation: "scotland", url: SCOTLAND_URL },
      { nation: "northern_ireland", url: NORTHERN_IRELAND_URL },
    ],
    govuk: createGovukClient({ baseUrl: GOVUK_URL, timeoutMs }),
    citizenSpace: (siteUrl) => createCitizenSpaceClient({ siteUrl, timeoutMs }),
  };
}

export const govukOnly = () => testSyncDeps({ sites: [] });

/** Each test starts with an empty radar (the file's database is shared by its tests). */
export async function clearRadar(db: Db) {
  await db.deleteFrom("consultations").execute();
  await db.deleteFrom("consultation_sync_runs").execute();
  await db.deleteFrom("background_jobs").execute();
  await db.deleteFrom("topic_keywords").execute();
}

export async function addKeywords(db: Db, entries: [topic: string, keyword: string][]) {
  await db
    .insertInto("topic_keywords")
    .values(entries.map(([topic, keyword]) => ({ topic, keyword })))
    .execute();
}

export const dayFromNow = (days: number) => londonDay(new Date(Date.now() + days * 86_400_000));

export function welshConsultation(overrides: Partial<ManualConsultationInput> = {}): ManualConsultationInput {
  return {
    title: "Social care workforce: registration of domiciliary care workers",
    body: "Welsh Government",
    level: "devolved",
    nation: "wales",
    url: "https://www.gov.wales/social-care-workforce-registration",
    description: "Proposals on commissioning and registration of care workers in Wales.",
    opensOn: dayFromNow(-5),
    closesOn: dayFromNow(20),
    ...overrides,
  };
}

export async function runsOf(db: Db) {
  return db
    .selectFrom("consultation_sync_runs")
    .innerJoin("consultation_sources", "consultation_sources.id", "consultation_sync_runs.source_id")
    .select([
      "consultation_sources.key",
      "consultation_sync_runs.trigger",
      "consultation_sync_runs.status",
      "consultation_sync_runs.imported_count",
      "consultation_sync_runs.updated_count",
      "consultation_sync_runs.skipped_count",
      "consultation_sync_runs.skipped",
      "consultation_sync_runs.error_at",
      "consultation_sync_runs.error_message",
      "consultation_sync_runs.finished_at",
    ])
    .orderBy("consultation_sync_runs.id")
    .execute();
}
