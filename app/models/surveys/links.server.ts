import { createHash } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import type { Actor } from "~/models/accounts/people.server.ts";
import { hashToken, randomToken } from "~/utils/crypto.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { isRefusal, Refusal } from "~/utils/refusal.server.ts";
import { surveyColumns, toSurvey, type Survey } from "./surveys.server.ts";

/**
 * Personal links: each invited person answers through /s/<token>, a random token of which only the
 * hash is kept. The link is the whole of their access: no account and no password.
 */

export const surveyLink = (appUrl: string, token: string) => new URL(`/s/${token}`, appUrl).toString();

/** What a personal link opens: the survey, and who holds the link. */
export interface SurveyAccess {
  survey: Survey;
  /** False once closed or past the closing time: pages say so and nothing is saved. */
  open: boolean;
  invitationId: number;
  personId: number;
  personName: string;
  personEmail: string;
  organisationId: number;
  organisationName: string;
  /** How the response is found: see survey_responses.respondent_key. */
  respondentKey: string;
}

const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/**
 * The response key of an anonymous respondent: a hash of their token with its own prefix, so it is
 * a different value from the invitation's token_hash and only someone holding the link can derive it.
 */
const anonymousRespondentKey = (token: string) =>
  `anonymous:${createHash("sha256").update(`survey-response:${token}`).digest("hex")}`;

/** Invitations with their survey, person and organisation: what a link, or a fresh one, is about. */
export function selectInvitations(db: Db) {
  return db
    .selectFrom("survey_invitations")
    .innerJoin("surveys", "surveys.id", "survey_invitations.survey_id")
    .innerJoin("people", "people.id", "survey_invitations.person_id")
    .innerJoin("organisations", "organisations.id", "survey_invitations.organisation_id")
    .select(surveyColumns.map((column) => `surveys.${column}` as const))
    .select([
      "survey_invitations.id as invitation_id",
      "people.name as person_name",
      "people.email as person_email",
      "organisations.name as organisation_name",
    ]);
}

/** A link that is malformed, unknown, or from a closed survey (closing clears the hashes): 404. */
export async function accessByToken(db: Db, token: string, now = new Date()): Promise<SurveyAccess> {
  if (!tokenShape.test(token)) throw Refusal.notFound();
  const hash = hashToken(token);
  const row = await selectInvitations(db)
    .select([
      "people.id as person_id",
      "people.active as person_active",
      "organisations.id as organisation_id",
    ])
    .where((eb) =>
      eb.or([
        eb("survey_invitations.token_hash", "=", hash),
        eb("survey_invitations.reminder_token_hash", "=", hash),
        eb("survey_invitations.member_token_hash", "=", hash),
      ]),
    )
    .executeTakeFirst();
  if (!row || !row.person_active) throw Refusal.notFound();
  const survey = toSurvey(row);
  const respondentKey =
    survey.anonymity === "anonymous"
      ? anonymousRespondentKey(token)
      : survey.mode === "organisation"
        ? `organisation:${row.organisation_id}`
        : `person:${row.person_id}`;
  return {
    survey,
    open: survey.state === "open" && survey.closesAt !== null && survey.closesAt > now,
    invitationId: row.invitation_id,
    personId: row.person_id,
    personName: row.person_name,
    personEmail: row.person_email,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    respondentKey,
  };
}

/**
 * The link a signed-in member follows from their home, for an open survey they were invited to.
 * `remembered` is the token this browser was given last time: while it is still the invitation's,
 * it is given again, so an anonymous respondent (whose response is keyed by their token) finds
 * their saved pages. Otherwise a fresh token replaces the last one; the emailed links keep working.
 * Anyone else, or a survey that is not open: 404.
 */
export async function memberSurveyToken(
  db: Db,
  actor: Actor,
  surveyId: number,
  remembered: string | null,
  now = new Date(),
): Promise<string> {
  const invitation = await db
    .selectFrom("survey_invitations")
    .innerJoin("surveys", "surveys.id", "survey_invitations.survey_id")
    .select(["survey_invitations.id", "survey_invitations.member_token_hash"])
    .where("survey_invitations.survey_id", "=", surveyId)
    .where("survey_invitations.person_id", "=", actor.id)
    .where("surveys.state", "=", "open")
    .where("surveys.closes_at", ">", now)
    .executeTakeFirst();
  if (!invitation) throw Refusal.notFound();
  if (remembered && tokenShape.test(remembered) && hashToken(remembered) === invitation.member_token_hash) {
    return remembered;
  }
  const token = randomToken();
  await db
    .updateTable("survey_invitations")
    .set({ member_token_hash: hashToken(token) })
    .where("id", "=", invitation.id)
    .execute();
  return token;
}

/**
 * accessByToken for a page opened by a visitor: a link that does not exist counts against the
 * visitor's address (app-server.ts answers 429 once too many have), one that does is remembered as
 * good so it keeps opening even from an address that is waiting.
 */
export async function accessByLink(context: AppLoadContext, token: string): Promise<SurveyAccess> {
  try {
    const access = await accessByToken(context.db, token);
    context.surveyLinks.succeeded(token);
    return access;
  } catch (error) {
    if (isRefusal(error) && error.kind === "not_found") context.surveyLinks.failed(context.clientIp);
    throw error;
  }
}
