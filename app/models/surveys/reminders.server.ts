import { sql } from "kysely";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { enqueueEmails } from "~/models/email/outbox.server.ts";
import type { ReminderKind } from "~/schemas/surveys.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { hashToken, randomToken } from "~/utils/crypto.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { INSERT_BATCH, invitationEmail } from "./invitations.server.ts";
import { surveyLink } from "./links.server.ts";
import { loadSurvey, type Survey } from "./surveys.server.ts";

/**
 * One reminder of `kind` to everyone invited who has not answered and has not had it before: the
 * (invitation, kind) primary key of survey_reminders is what makes "never twice" true, even with
 * two staff pressing the button at once. Each reminder carries a fresh link (the first keeps working).
 */
export async function remind(trx: Db, survey: Survey, kind: ReminderKind, appUrl: string): Promise<number> {
  const inserted = await trx
    .insertInto("survey_reminders")
    .columns(["invitation_id", "kind"])
    .expression((eb) =>
      eb
        .selectFrom("survey_invitations")
        .select(["survey_invitations.id", sql<string>`${kind}`.as("kind")])
        .where("survey_invitations.survey_id", "=", survey.id)
        .where("survey_invitations.responded", "=", false)
        .where("survey_invitations.token_hash", "is not", null),
    )
    .onConflict((oc) => oc.columns(["invitation_id", "kind"]).doNothing())
    .returning("invitation_id")
    .execute();
  if (!inserted.length) return 0;
  const people = await trx
    .selectFrom("survey_invitations")
    .innerJoin("people", "people.id", "survey_invitations.person_id")
    .innerJoin("organisations", "organisations.id", "survey_invitations.organisation_id")
    .select(["survey_invitations.id", "people.name", "people.email", "people.active"])
    .select("organisations.name as organisation")
    .where(
      "survey_invitations.id",
      "in",
      inserted.map((row) => row.invitation_id),
    )
    .orderBy("survey_invitations.id")
    .execute();
  const reminders = people
    .filter((person) => person.active)
    .map((person) => ({ person, token: randomToken() }));
  for (let start = 0; start < reminders.length; start += INSERT_BATCH) {
    const batch = reminders.slice(start, start + INSERT_BATCH);
    const hashes = batch.map(({ person, token }) => ({ id: person.id, hash: hashToken(token) }));
    await sql`
      update survey_invitations set reminder_token_hash = r.hash
      from jsonb_to_recordset(${JSON.stringify(hashes)}::jsonb) as r(id int, hash text)
      where survey_invitations.id = r.id`.execute(trx);
    await enqueueEmails(
      trx,
      batch.map(({ person, token }) => invitationEmail(survey, person, surveyLink(appUrl, token), true)),
    );
  }
  return reminders.length;
}

/** Staff's "remind everyone who has not answered": each person at most once. */
export async function remindNonResponders(db: Db, actor: Actor, id: number, appUrl: string): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const survey = await loadSurvey(trx, id, { lock: true });
    if (survey.state !== "open")
      throw Refusal.conflict("Reminders can be sent only while the survey is open.");
    const sent = await remind(trx, survey, "manual", appUrl);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.reminded",
      subjectType: "survey",
      subjectId: id,
      after: { kind: "manual", sent },
    });
    return sent;
  });
}
