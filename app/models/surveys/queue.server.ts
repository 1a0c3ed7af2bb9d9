import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { londonDay } from "~/utils/london-time.ts";

export interface OpenSurveyRate {
  id: number;
  title: string;
  closesOn: string | null;
  /** Organisations in one-per-organisation surveys, people otherwise. */
  invited: number;
  responded: number;
  mode: "organisation" | "person";
}

/** Open surveys with their response rate, from the invitations' "responded" marks, in one query. */
export async function listOpenSurveyRates(db: Db, actor: Actor): Promise<OpenSurveyRate[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("surveys as s")
    .leftJoin("survey_invitations as i", "i.survey_id", "s.id")
    .select((eb) => [
      "s.id",
      "s.title",
      "s.closes_at",
      "s.mode",
      eb.fn.count<number>("i.id").as("people"),
      eb.fn.count<number>("i.id").filterWhere("i.responded", "=", true).as("people_responded"),
      eb.fn.count<number>("i.organisation_id").distinct().as("organisations"),
      eb.fn
        .count<number>("i.organisation_id")
        .distinct()
        .filterWhere("i.responded", "=", true)
        .as("organisations_responded"),
    ])
    .where("s.state", "=", "open")
    .groupBy(["s.id", "s.title", "s.closes_at", "s.mode"])
    .orderBy("s.closes_at")
    .orderBy("s.id")
    .limit(50)
    .execute();
  return rows.map((row) => {
    const byOrganisation = row.mode === "organisation";
    return {
      id: row.id,
      title: row.title,
      closesOn: row.closes_at ? londonDay(new Date(row.closes_at.getTime() - 1)) : null,
      invited: Number(byOrganisation ? row.organisations : row.people),
      responded: Number(byOrganisation ? row.organisations_responded : row.people_responded),
      mode: byOrganisation ? "organisation" : "person",
    };
  });
}
