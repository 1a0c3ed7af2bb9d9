import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../../db/schema.ts";
import { isStaff, type Actor } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { londonDay } from "~/utils/london-time.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { getSurvey, loadSurvey, surveyColumns, toSurvey, type Survey } from "./surveys.server.ts";

/**
 * What members see of surveys: the open ones they were invited to, and the members' summary of
 * closed ones their organisation was asked.
 */

/** An invitation of this member, or of anyone in their organisation, to the survey in scope. */
function invitedMemberOrOrganisation(actor: Actor) {
  return (eb: ExpressionBuilder<Database, "survey_invitations">) =>
    actor.organisationId === null
      ? eb("survey_invitations.person_id", "=", actor.id)
      : eb.or([
          eb("survey_invitations.person_id", "=", actor.id),
          eb("survey_invitations.organisation_id", "=", actor.organisationId),
        ]);
}

interface MemberSurvey {
  id: number;
  title: string;
  closesOn: string | null;
  responded: boolean;
}

/** A signed-in member's open surveys: the ones they were invited to. */
export async function listMemberSurveys(db: Db, actor: Actor): Promise<MemberSurvey[]> {
  const rows = await db
    .selectFrom("survey_invitations")
    .innerJoin("surveys", "surveys.id", "survey_invitations.survey_id")
    .select(surveyColumns.map((column) => `surveys.${column}` as const))
    .select("survey_invitations.responded")
    .where("survey_invitations.person_id", "=", actor.id)
    .where("surveys.state", "=", "open")
    .orderBy("surveys.closes_at")
    .limit(50)
    .execute();
  return rows.map((row) => {
    const survey = toSurvey(row);
    return { id: survey.id, title: survey.title, closesOn: survey.closesOn, responded: row.responded };
  });
}

/** Closed surveys whose members' summary this member may read (see getSurveyForSummary), newest first. */
export async function listMemberPastSurveys(
  db: Db,
  actor: Actor,
): Promise<{ id: number; title: string; closedAt: Date | null }[]> {
  const rows = await db
    .selectFrom("surveys")
    .select(surveyColumns.map((column) => `surveys.${column}` as const))
    .where("surveys.state", "in", ["closed", "archived"])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("survey_invitations")
          .select("survey_invitations.id")
          .whereRef("survey_invitations.survey_id", "=", "surveys.id")
          .where(invitedMemberOrOrganisation(actor)),
      ),
    )
    .orderBy(sql`coalesce(surveys.closed_at, surveys.closes_at)`, (order) => order.desc().nullsLast())
    .orderBy("surveys.id", "desc")
    .limit(20)
    .execute();
  return rows.map((row) => {
    const survey = toSurvey(row);
    // When staff closed it, which may be before (or after) the day it was planned to close.
    return { id: survey.id, title: survey.title, closedAt: survey.closedAt ?? survey.closesAt };
  });
}

/**
 * A member may see the summary of a closed survey they (or their organisation) were invited to.
 * Staff may always see it. Anyone else: 404.
 */
export async function getSurveyForSummary(db: Db, actor: Actor, surveyId: number): Promise<Survey> {
  if (isStaff(actor)) return getSurvey(db, actor, surveyId);
  const survey = await loadSurvey(db, surveyId, { lock: false });
  const invited = await db
    .selectFrom("survey_invitations")
    .select("survey_invitations.id")
    .where("survey_invitations.survey_id", "=", surveyId)
    .where(invitedMemberOrOrganisation(actor))
    .limit(1)
    .executeTakeFirst();
  if (!invited || (survey.state !== "closed" && survey.state !== "archived")) throw Refusal.notFound();
  return survey;
}

/** Where an open survey stands for the member and, in one-per-organisation surveys, their colleagues. */
export type AskedSurveyState =
  | { kind: "not_started" }
  | { kind: "in_progress"; savedSections: number; savedBy: string | null; savedAt: Date | null }
  | { kind: "submitted"; on: string | null; by: string | null }
  /** Anonymous surveys: only the invitation knows whether this person answered, never which answers. */
  | { kind: "answered" };

export interface AskedSurvey {
  id: number;
  title: string;
  /** The Welsh title of a bilingual survey that has one. */
  titleCy: string | null;
  closesOn: string | null;
  mode: "organisation" | "person";
  anonymous: boolean;
  sectionCount: number;
  state: AskedSurveyState;
}

/**
 * The open surveys this member was invited to, each with where it stands, in one query. Anonymous
 * surveys are never joined to a response: their responses carry no key a member could be matched
 * by, and the invitation's "responded" mark is all there is to say.
 */
export async function listAskedSurveys(db: Db, actor: Actor, now = new Date()): Promise<AskedSurvey[]> {
  const { rows } = await sql<{
    id: number;
    title: string;
    title_cy: string | null;
    closes_at: Date | null;
    mode: string;
    anonymity: string;
    responded: boolean;
    section_count: number;
    status: string | null;
    submitted_on: string | null;
    submitted_by_name: string | null;
    saved_count: number;
    saved_by_name: string | null;
    saved_at: Date | null;
  }>`
    select s.id, s.title, case when s.bilingual then s.title_cy end as title_cy,
      s.closes_at, s.mode, s.anonymity, i.responded,
      (select count(*) from survey_sections ss where ss.survey_id = s.id)::int as section_count,
      r.status, r.submitted_on, submitter.name as submitted_by_name,
      (select count(*) from survey_response_sections rs where rs.response_id = r.id)::int as saved_count,
      last_save.saved_by_name, last_save.saved_at
    from survey_invitations i
    join surveys s on s.id = i.survey_id
    left join survey_responses r on r.survey_id = s.id and s.anonymity <> 'anonymous'
      and r.respondent_key = case when s.mode = 'organisation' then 'organisation:' || i.organisation_id
                                  else 'person:' || i.person_id end
    left join people submitter on submitter.id = r.submitted_by
    left join lateral (
      select rs.saved_by_name, rs.saved_at from survey_response_sections rs
      where rs.response_id = r.id order by rs.saved_at desc nulls last limit 1
    ) last_save on true
    where i.person_id = ${actor.id} and s.state = 'open' and s.closes_at > ${now}
    order by s.closes_at, s.id
    limit 50`.execute(db);
  return rows.map((row) => {
    const anonymous = row.anonymity === "anonymous";
    const state: AskedSurveyState = anonymous
      ? row.responded
        ? { kind: "answered" }
        : { kind: "not_started" }
      : row.status === "submitted"
        ? { kind: "submitted", on: row.submitted_on, by: row.submitted_by_name }
        : row.status === "in_progress" && row.saved_count > 0
          ? {
              kind: "in_progress",
              savedSections: row.saved_count,
              savedBy: row.saved_by_name,
              savedAt: row.saved_at,
            }
          : { kind: "not_started" };
    return {
      id: row.id,
      title: row.title,
      titleCy: row.title_cy,
      closesOn: row.closes_at ? londonDay(new Date(new Date(row.closes_at).getTime() - 1)) : null,
      mode: row.mode === "organisation" ? "organisation" : "person",
      anonymous,
      sectionCount: row.section_count,
      state,
    };
  });
}
