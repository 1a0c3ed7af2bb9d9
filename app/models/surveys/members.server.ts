import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../../db/schema.ts";
import { isStaff, type Actor } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";
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
