import { sql } from "kysely";
import type { Actor } from "~/models/accounts/people.server.ts";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { sizeBandRanges, type Audience, type ReminderKind } from "~/schemas/surveys.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { hashToken, randomToken } from "~/utils/crypto.server.ts";
import { eachInItsOwnTransaction, inTransaction, type Db } from "~/utils/db.server.ts";
import { formatLongDate } from "~/utils/letter-format.ts";
import { londonDay } from "~/utils/london-time.ts";
import type { ResponseFigures } from "~/utils/survey-figures.ts";
import {
  assertSurveyTransition,
  lockSurvey,
  requireStaffActor,
  SurveyConflictError,
  surveyColumns,
  toSurvey,
  type Survey,
} from "./surveys.server.ts";

/**
 * Who a survey asks: active member contacts of organisations in good standing (active
 * membership, not archived) that match the audience. An empty filter list means no filter.
 */
export function audienceMembers(db: Db, audience: Audience) {
  let query = db
    .selectFrom("people")
    .innerJoin("organisations", "organisations.id", "people.organisation_id")
    .where("people.active", "=", true)
    .where("people.role", "=", "member")
    .where("organisations.membership_status", "=", "active")
    .where("organisations.archived_at", "is", null);
  if (audience.nations.length) query = query.where("organisations.nation", "in", audience.nations);
  if (audience.serviceAreas.length)
    query = query.where("organisations.service_area", "in", audience.serviceAreas);
  if (audience.sizeBands.length) {
    query = query.where((eb) =>
      eb.or(
        audience.sizeBands.map((band) => {
          const range = sizeBandRanges[band];
          return range.below === null
            ? eb("organisations.staff_count", ">=", range.min)
            : eb.and([
                eb("organisations.staff_count", ">=", range.min),
                eb("organisations.staff_count", "<", range.below),
              ]);
        }),
      ),
    );
  }
  return query;
}

export async function countAudience(db: Db, actor: Actor, audience: Audience) {
  requireStaffActor(actor);
  const row = await audienceMembers(db, audience)
    .select((eb) => [
      eb.fn.count<number>("people.id").as("people"),
      eb.fn.count<number>("organisations.id").distinct().as("organisations"),
    ])
    .executeTakeFirstOrThrow();
  return { people: Number(row.people), organisations: Number(row.organisations) };
}

export const surveyLink = (appUrl: string, token: string) => new URL(`/s/${token}`, appUrl).toString();

const closingDay = (survey: Survey) =>
  survey.closesAt ? formatLongDate(new Date(survey.closesAt.getTime() - 1)) : "its closing date";

/** Audience members with no invitation to this survey yet. */
function uninvitedAudience(db: Db, survey: Pick<Survey, "id" | "audience">) {
  return audienceMembers(db, survey.audience).where((eb) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom("survey_invitations")
          .select("survey_invitations.id")
          .whereRef("survey_invitations.person_id", "=", "people.id")
          .where("survey_invitations.survey_id", "=", survey.id),
      ),
    ),
  );
}

/**
 * Personal links: one random token per person per survey, only its hash kept, dead once the survey
 * closes. Only people without an invitation are asked, and the (survey, person) unique key turns a
 * duplicate into a skipped row, so nobody is ever invited or emailed twice.
 */
async function inviteAudience(trx: Db, survey: Survey, appUrl: string): Promise<number> {
  const people = await uninvitedAudience(trx, survey)
    .select(["people.id", "people.name", "people.email", "organisations.id as organisation_id"])
    .select("organisations.name as organisation")
    .orderBy("people.id")
    .execute();
  let invited = 0;
  for (const person of people) {
    const token = randomToken();
    // One response per organisation: a colleague invited after their organisation answered shares
    // that answer, so they must not count (or be reminded) as a non-responder.
    const responded =
      survey.mode === "organisation"
        ? sql<boolean>`exists (select 1 from survey_invitations where survey_id = ${survey.id}
            and organisation_id = ${person.organisation_id} and responded)`
        : false;
    const inserted = await trx
      .insertInto("survey_invitations")
      .values({
        survey_id: survey.id,
        person_id: person.id,
        organisation_id: person.organisation_id,
        token_hash: hashToken(token),
        responded,
      })
      .onConflict((oc) => oc.columns(["survey_id", "person_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) continue;
    await enqueueEmail(trx, {
      to: person.email,
      template: "survey-invitation",
      props: {
        name: person.name,
        title: survey.title,
        organisation: survey.mode === "organisation" ? person.organisation : null,
        link: surveyLink(appUrl, token),
        closesOn: closingDay(survey),
        reminder: false,
        anonymous: survey.anonymity === "anonymous",
      },
    });
    invited++;
  }
  return invited;
}

/** Opens a draft: it needs a closing date in the future and at least one question. */
export async function openSurvey(
  db: Db,
  actor: Actor,
  id: number,
  appUrl: string,
): Promise<{ survey: Survey; invited: number }> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await lockSurvey(trx, id);
    assertSurveyTransition(before, "open");
    if (!before.closesAt) throw new SurveyConflictError("Set a closing date before opening the survey.");
    if (before.closesAt <= new Date()) {
      throw new SurveyConflictError("The closing date has passed: change it in the settings before opening.");
    }
    const questions = await trx
      .selectFrom("survey_questions")
      .select("id")
      .where("survey_id", "=", id)
      .limit(1)
      .execute();
    if (!questions.length)
      throw new SurveyConflictError("Add at least one question before opening the survey.");
    const now = new Date();
    const row = await trx
      .updateTable("surveys")
      .set({ state: "open", opened_at: now, updated_at: now })
      .where("id", "=", id)
      .returning(surveyColumns)
      .executeTakeFirstOrThrow();
    const survey = toSurvey(row);
    const invited = await inviteAudience(trx, survey, appUrl);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.opened",
      subjectType: "survey",
      subjectId: id,
      before: { state: before.state },
      after: { state: survey.state, invited },
    });
    return { survey, invited };
  });
}

/** People in the audience now (new organisations, new contacts, people active again) with no invitation. */
export async function countUninvited(db: Db, actor: Actor, survey: Pick<Survey, "id" | "audience">) {
  requireStaffActor(actor);
  const row = await uninvitedAudience(db, survey)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * "Invite more" on an open survey: whoever joined the audience since it opened is invited exactly as
 * at opening. The survey row lock makes two clicks run one after the other, so the second finds
 * nobody left to invite.
 */
export async function inviteRemainingAudience(
  db: Db,
  actor: Actor,
  id: number,
  appUrl: string,
  now = new Date(),
): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const survey = await lockSurvey(trx, id);
    if (survey.state !== "open")
      throw new SurveyConflictError("Invitations can be sent only while the survey is open.");
    if (!survey.closesAt || survey.closesAt <= now)
      throw new SurveyConflictError("The closing date has passed, so no more invitations can be sent.");
    const invited = await inviteAudience(trx, survey, appUrl);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.invited_more",
      subjectType: "survey",
      subjectId: id,
      after: { invited },
    });
    return invited;
  });
}

/**
 * Closes an open survey: links stop working and, in anonymous surveys, the token-derived keys
 * are replaced, so from now on not even the holder of a link can find their response again.
 * `actor` null is the background loop closing a survey whose closing date has passed.
 */
export async function closeSurvey(db: Db, actor: Actor | null, id: number): Promise<Survey> {
  if (actor) requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await lockSurvey(trx, id);
    assertSurveyTransition(before, "close");
    const now = new Date();
    const row = await trx
      .updateTable("surveys")
      .set({ state: "closed", closed_at: now, updated_at: now })
      .where("id", "=", id)
      .returning(surveyColumns)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("survey_invitations")
      .set({ token_hash: null, reminder_token_hash: null })
      .where("survey_id", "=", id)
      .execute();
    if (before.anonymity === "anonymous") {
      await trx
        .updateTable("survey_responses")
        .set({ respondent_key: sql<string>`'closed:' || id` })
        .where("survey_id", "=", id)
        .execute();
    }
    await writeAudit(trx, {
      actorId: actor?.id ?? null,
      action: "survey.closed",
      subjectType: "survey",
      subjectId: id,
      before: { state: before.state },
      after: { state: "closed", by: actor ? "staff" : "closing date" },
    });
    return toSurvey(row);
  });
}

export async function archiveSurvey(db: Db, actor: Actor, id: number): Promise<Survey> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await lockSurvey(trx, id);
    assertSurveyTransition(before, "archive");
    const now = new Date();
    const row = await trx
      .updateTable("surveys")
      .set({ state: "archived", archived_at: now, updated_at: now })
      .where("id", "=", id)
      .returning(surveyColumns)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.archived",
      subjectType: "survey",
      subjectId: id,
      before: { state: before.state },
      after: { state: "archived" },
    });
    return toSurvey(row);
  });
}

/** Open surveys whose closing date has passed, one transaction each; safe in several processes. */
export function closeSurveysPastTheirDate(db: Db, now = new Date()): Promise<number> {
  return eachInItsOwnTransaction(db, async (trx) => {
    const due = await trx
      .selectFrom("surveys")
      .select("id")
      .where("state", "=", "open")
      .where("closes_at", "<=", now)
      .orderBy("closes_at")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!due) return false;
    await closeSurvey(trx, null, due.id);
    return true;
  });
}

/**
 * One reminder of `kind` to everyone invited who has not answered and has not had it before: the
 * (invitation, kind) primary key of survey_reminders is what makes "never twice" true, even with
 * two staff pressing the button at once. Each reminder carries a fresh link (the first keeps working).
 */
async function remind(trx: Db, survey: Survey, kind: ReminderKind, appUrl: string): Promise<number> {
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
  let sent = 0;
  for (const person of people) {
    if (!person.active) continue;
    const token = randomToken();
    await trx
      .updateTable("survey_invitations")
      .set({ reminder_token_hash: hashToken(token) })
      .where("id", "=", person.id)
      .execute();
    await enqueueEmail(trx, {
      to: person.email,
      template: "survey-invitation",
      props: {
        name: person.name,
        title: survey.title,
        organisation: survey.mode === "organisation" ? person.organisation : null,
        link: surveyLink(appUrl, token),
        closesOn: closingDay(survey),
        reminder: true,
        anonymous: survey.anonymity === "anonymous",
      },
    });
    sent++;
  }
  return sent;
}

/** Staff's "remind everyone who has not answered": each person at most once. */
export async function remindNonResponders(db: Db, actor: Actor, id: number, appUrl: string): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const survey = await lockSurvey(trx, id);
    if (survey.state !== "open")
      throw new SurveyConflictError("Reminders can be sent only while the survey is open.");
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

/**
 * The background loop's reminder, `reminder_days_before` London days before closing. The survey row
 * is claimed with SKIP LOCKED and stamped, and each person is guarded by survey_reminders.
 */
export async function sendAutomaticReminders(db: Db, appUrl: string, now = new Date()): Promise<number> {
  let sent = 0;
  await eachInItsOwnTransaction(db, async (trx) => {
    const due = await trx
      .selectFrom("surveys")
      .select(["id", "closes_at", "reminder_days_before"])
      .where("state", "=", "open")
      .where("automatic_reminder_sent_at", "is", null)
      .where("reminder_days_before", "is not", null)
      .where("closes_at", ">", now)
      .where(sql<boolean>`closes_at - make_interval(days => reminder_days_before) <= ${now}`)
      .orderBy("closes_at")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .execute();
    const row = due[0];
    if (!row) return false;
    const survey = await lockSurvey(trx, row.id);
    sent += await remind(trx, survey, "automatic", appUrl);
    await trx
      .updateTable("surveys")
      .set({ automatic_reminder_sent_at: now })
      .where("id", "=", row.id)
      .execute();
    await writeAudit(trx, {
      actorId: null,
      action: "survey.reminded",
      subjectType: "survey",
      subjectId: row.id,
      after: { kind: "automatic", on: londonDay(now) },
    });
    return true;
  });
  return sent;
}

export interface InvitationFigures extends ResponseFigures {
  peopleInvited: number;
  organisationsInvited: number;
}

/**
 * Invited and responded in the survey's own unit: organisations when colleagues share one response,
 * people otherwise. Responded is submitted responses, which come one per organisation or one per
 * person, the same count the results page starts from.
 */
export async function invitationFigures(
  db: Db,
  actor: Actor,
  survey: Pick<Survey, "id" | "mode">,
): Promise<InvitationFigures> {
  requireStaffActor(actor);
  const [invited, responded] = await Promise.all([
    db
      .selectFrom("survey_invitations")
      .select((eb) => [
        eb.fn.countAll<number>().as("people"),
        eb.fn.count<number>("organisation_id").distinct().as("organisations"),
      ])
      .where("survey_id", "=", survey.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("survey_responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("survey_id", "=", survey.id)
      .where("status", "=", "submitted")
      .executeTakeFirstOrThrow(),
  ]);
  const peopleInvited = Number(invited.people);
  const organisationsInvited = Number(invited.organisations);
  return {
    mode: survey.mode,
    invited: survey.mode === "organisation" ? organisationsInvited : peopleInvited,
    responded: Number(responded.n),
    peopleInvited,
    organisationsInvited,
  };
}
