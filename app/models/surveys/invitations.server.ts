import { formatDateIn } from "~/utils/i18n.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { enqueueEmails } from "~/models/email/outbox.server.ts";
import type { OutboxEmail } from "~/models/lifecycle.server.ts";
import { sizeBandRanges, type Audience } from "~/schemas/surveys.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { hashToken, randomToken } from "~/utils/crypto.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { formatLongDate } from "~/utils/letter-format.ts";
import { rateLimits, takeRateLimits } from "~/utils/rate-limit.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import type { ResponseFigures } from "~/utils/survey-figures.ts";
import { selectInvitations, surveyLink } from "./links.server.ts";
import { loadSurvey, toSurvey, type Survey } from "./surveys.server.ts";

/**
 * Who a survey asks: active member contacts of organisations in good standing (active
 * membership, not archived) that match the audience. An empty filter list means no filter.
 */
function audienceMembers(db: Db, audience: Audience) {
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

/** The invitation email, and the reminder: the same words, with a link of its own each time. */
export function invitationEmail(
  survey: Survey,
  person: { name: string; email: string; organisation: string },
  link: string,
  reminder: boolean,
): OutboxEmail {
  const props = {
    name: person.name,
    title: survey.title,
    organisation: survey.mode === "organisation" ? person.organisation : null,
    link,
    closesOn: survey.closesAt ? formatLongDate(new Date(survey.closesAt.getTime() - 1)) : "its closing date",
    reminder,
    anonymous: survey.anonymity === "anonymous",
  };
  if (survey.bilingual) {
    // One email in both languages, Welsh first: we do not know which the person reads.
    return {
      to: person.email,
      template: "survey-invitation-bilingual",
      props: {
        ...props,
        titleCy: survey.titleCy ?? survey.title,
        closesOnCy: survey.closesAt
          ? formatDateIn("cy", new Date(survey.closesAt.getTime() - 1))
          : "ei ddyddiad cau",
      },
    };
  }
  return { to: person.email, template: "survey-invitation", props };
}

export const INSERT_BATCH = 500;
/** People invited per transaction: small enough that no other request waits long behind one. */
const INVITE_BATCH = 50;

const yieldToOtherWork = () => new Promise<void>((resolve) => setImmediate(resolve));

type Invitee = { id: number; name: string; email: string; organisation_id: number; organisation: string };

/**
 * Whom a survey still has to invite: its audience less everyone it has invited, worked out here
 * rather than by an anti-join, which PostgreSQL without statistics (PGlite, a fresh table) runs as
 * a nested loop that grows with the square of the audience.
 */
export async function pendingInvitees(db: Db, survey: Survey): Promise<Invitee[]> {
  const audience = await audienceMembers(db, survey.audience)
    .select(["people.id", "people.name", "people.email", "organisations.id as organisation_id"])
    .select("organisations.name as organisation")
    .orderBy("people.id")
    .execute();
  // Two statements with a pause between, so another request's query can run in the gap.
  await yieldToOtherWork();
  const invited = await db
    .selectFrom("survey_invitations")
    .select("person_id")
    .where("survey_id", "=", survey.id)
    .execute();
  const done = new Set(invited.map((row) => row.person_id));
  return audience.filter((person) => !done.has(person.id));
}

/**
 * Personal links: one random token per person per survey, only its hash kept, dead once the survey
 * closes. The (survey, person) unique key turns a duplicate into a skipped row, so nobody is ever
 * invited or emailed twice, even by two processes finishing the same survey.
 */
async function invite(trx: Db, survey: Survey, appUrl: string, people: readonly Invitee[]): Promise<number> {
  if (!people.length) return 0;
  // One response per organisation: a colleague invited after their organisation answered shares
  // that answer, so they must not count (or be reminded) as a non-responder.
  const answered =
    survey.mode === "organisation"
      ? new Set(
          (
            await trx
              .selectFrom("survey_invitations")
              .select("organisation_id")
              .distinct()
              .where("survey_id", "=", survey.id)
              .where("responded", "=", true)
              .execute()
          ).map((row) => row.organisation_id),
        )
      : new Set<number>();
  const byPerson = new Map(people.map((person) => [person.id, { person, token: randomToken() }]));
  const inserted = await trx
    .insertInto("survey_invitations")
    .values(
      people.map((person) => ({
        survey_id: survey.id,
        person_id: person.id,
        organisation_id: person.organisation_id,
        token_hash: hashToken(byPerson.get(person.id)?.token ?? ""),
        responded: answered.has(person.organisation_id),
      })),
    )
    .onConflict((oc) => oc.columns(["survey_id", "person_id"]).doNothing())
    .returning("person_id")
    .execute();
  const emails = inserted.flatMap(({ person_id }) => {
    const entry = byPerson.get(person_id);
    return entry ? [invitationEmail(survey, entry.person, surveyLink(appUrl, entry.token), false)] : [];
  });
  await enqueueEmails(trx, emails);
  return emails.length;
}

/**
 * Marks an open survey's audience as to be invited, with links to `appUrl`. Call in the
 * transaction that opens the survey (or asks for more): the promise to invite is then as durable
 * as the opening, and sendPendingInvitations (the request, or the background loop after a crash)
 * keeps it.
 */
export async function markInvitationsPending(trx: Db, surveyId: number, appUrl: string, now = new Date()) {
  await trx
    .updateTable("surveys")
    .set({ inviting_from: appUrl, inviting_since: now })
    .where("id", "=", surveyId)
    .execute();
}

/**
 * Invites the pending audience of one survey, fifty people per transaction (each invitation
 * with its email), letting other requests run between batches: on PGlite, one transaction holds
 * the only connection, so one big one would stall the whole app. Returns how many it invited.
 */
export async function sendPendingInvitations(
  db: Db,
  surveyId: number,
  { batchSize = INVITE_BATCH }: { batchSize?: number } = {},
): Promise<number> {
  await yieldToOtherWork();
  const survey = await loadSurvey(db, surveyId, { lock: false });
  const people = survey.state === "open" ? await pendingInvitees(db, survey) : [];
  await yieldToOtherWork();
  let invited = 0;
  for (let start = 0; ; start += batchSize) {
    const batch = people.slice(start, start + batchSize);
    const last = start + batchSize >= people.length;
    const step = await inTransaction(db, async (trx) => {
      const pending = await trx
        .selectFrom("surveys")
        .select(["inviting_from", "state"])
        .where("id", "=", surveyId)
        .forUpdate()
        .executeTakeFirst();
      // Finished meanwhile by another process, or closed: nothing more to send.
      if (!pending?.inviting_from) return { invited: 0, stop: true };
      const made = pending.state === "open" ? await invite(trx, survey, pending.inviting_from, batch) : 0;
      const stop = last || pending.state !== "open";
      await trx
        .updateTable("surveys")
        .set(stop ? { inviting_from: null, inviting_since: null } : { inviting_since: new Date() })
        .where("id", "=", surveyId)
        .execute();
      return { invited: made, stop };
    });
    invited += step.invited;
    if (step.stop) return invited;
    await yieldToOtherWork();
  }
}

/** The background loop: finishes invitations a crashed or stopped process left half sent. */
export async function sendStalledInvitations(
  db: Db,
  { stalledMs = 2 * 60_000, now = new Date() } = {},
): Promise<number> {
  const stalled = await db
    .selectFrom("surveys")
    .select("id")
    .where("inviting_from", "is not", null)
    .where("inviting_since", "<", new Date(now.getTime() - stalledMs))
    .orderBy("id")
    .execute();
  let invited = 0;
  for (const { id } of stalled) invited += await sendPendingInvitations(db, id);
  return invited;
}

/**
 * People in the audience now (new organisations, new contacts, people active again) with no
 * invitation: whom "invite more" would email. Null unless the survey is open, read in the same
 * statement, since invitations go out only while it is.
 */
export async function countUninvited(
  db: Db,
  actor: Actor,
  survey: Pick<Survey, "id" | "audience">,
): Promise<number | null> {
  requireStaffActor(actor);
  const row = await db
    .selectFrom("surveys")
    .select((eb) => [
      "surveys.state",
      uninvitedAudience(db, survey).select(eb.fn.countAll<number>().as("n")).as("uninvited"),
    ])
    .where("surveys.id", "=", survey.id)
    .executeTakeFirst();
  return row?.state === "open" ? Number(row.uninvited ?? 0) : null;
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
  await inTransaction(db, async (trx) => {
    const survey = await loadSurvey(trx, id, { lock: true });
    if (survey.state !== "open")
      throw Refusal.conflict("Invitations can be sent only while the survey is open.");
    if (!survey.closesAt || survey.closesAt <= now)
      throw Refusal.conflict("The closing date has passed, so no more invitations can be sent.");
    await markInvitationsPending(trx, id, appUrl, now);
  });
  const invited = await sendPendingInvitations(db, id);
  await writeAudit(db, {
    actorId: actor.id,
    action: "survey.invited_more",
    subjectType: "survey",
    subjectId: id,
    after: { invited },
  });
  return invited;
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

/**
 * "Email me a fresh link", from a dead link's page: every open survey this address was invited to
 * gets a new reminder link (the invitation's own link keeps working; an earlier reminder's stops).
 * Says nothing of what it found: the caller answers the same whatever the address, and rate limits
 * per address and per client stop it being used to flood an inbox or to probe.
 */
export async function sendFreshSurveyLinks(
  db: Db,
  { email, ip, appUrl }: { email: string; ip: string; appUrl: string },
  now = new Date(),
): Promise<void> {
  const address = email.trim().toLowerCase();
  const allowed = await takeRateLimits(db, [
    [`fresh-survey-link:email:${address}`, rateLimits.freshSurveyLinkPerEmail],
    [`fresh-survey-link:ip:${ip}`, rateLimits.freshSurveyLinkPerIp],
  ]);
  if (!allowed) return;
  await inTransaction(db, async (trx) => {
    const rows = await selectInvitations(trx)
      .select("survey_invitations.responded")
      .where((eb) => eb(eb.fn("lower", ["people.email"]), "=", address))
      .where("people.active", "=", true)
      .where("surveys.state", "=", "open")
      .where("surveys.closes_at", ">", now)
      .execute();
    for (const row of rows) {
      const survey = toSurvey(row);
      // An anonymous link finds only its own answers, and this person has given theirs already.
      if (survey.anonymity === "anonymous" && row.responded) continue;
      const token = randomToken();
      await trx
        .updateTable("survey_invitations")
        .set({ reminder_token_hash: hashToken(token) })
        .where("id", "=", row.invitation_id)
        .execute();
      await enqueueEmails(trx, [
        invitationEmail(
          survey,
          { name: row.person_name, email: row.person_email, organisation: row.organisation_name },
          surveyLink(appUrl, token),
          true,
        ),
      ]);
    }
  });
}
