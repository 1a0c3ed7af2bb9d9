import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";

export interface NewConsultation {
  id: number;
  title: string;
  body: string;
  closesOn: string;
  createdAt: Date;
}

/** On a first visit there is no "last time": the past week stands in for it. */
const FIRST_VISIT_DAYS = 7;

/** Relevant consultations nobody has triaged yet that reached the radar since `since`, newest first. */
export async function listNewRelevantConsultations(
  db: Db,
  actor: Actor,
  since: Date | null,
  now = new Date(),
): Promise<NewConsultation[]> {
  requireStaffActor(actor);
  const from = since ?? new Date(now.getTime() - FIRST_VISIT_DAYS * 86_400_000);
  const rows = await db
    .selectFrom("consultations")
    .select(["id", "title", "body", "closes_on", "created_at"])
    .where("relevant", "=", true)
    .where("triage_state", "=", "untriaged")
    .where("created_at", ">", from)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(20)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    body: row.body,
    closesOn: row.closes_on,
    createdAt: row.created_at,
  }));
}

export interface FailedSync {
  source: string;
  startedAt: Date;
  error: string | null;
}

/** Sources whose latest radar sync failed, in one query. */
export async function listFailedSyncs(db: Db, actor: Actor): Promise<FailedSync[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("consultation_sync_runs as r")
        .innerJoin("consultation_sources as src", "src.id", "r.source_id")
        .distinctOn("r.source_id")
        .select(["r.source_id", "src.name", "r.status", "r.started_at", "r.error_message"])
        .where("src.enabled", "=", true)
        .orderBy("r.source_id")
        .orderBy("r.started_at", "desc")
        .orderBy("r.id", "desc")
        .as("latest"),
    )
    .selectAll()
    .where("latest.status", "=", "failed")
    .orderBy("latest.started_at", "desc")
    .execute();
  return rows.map((row) => ({ source: row.name, startedAt: row.started_at, error: row.error_message }));
}
