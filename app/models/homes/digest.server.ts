import { listFailedSyncs, listNewRelevantConsultations } from "~/models/consultations/queue.server.ts";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { listEvidenceUses } from "~/models/evidence/uses.server.ts";
import { isStaff, type Actor } from "~/models/accounts/people.server.ts";
import { listLettersToSign } from "~/models/letters/asks.server.ts";
import { listQueuedPositions } from "~/models/positions/queue.server.ts";
import { listQueuedSubmissions } from "~/models/submissions/queue.server.ts";
import { listAskedSurveys, type AskedSurvey } from "~/models/surveys/members.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/format.ts";
import { isoWeekOf, londonClockAt, londonDay } from "~/utils/london-time.ts";
import { unsubscribeToken } from "~/utils/unsubscribe.server.ts";
import { renderEmail } from "../../../emails/index.server.ts";

export interface DigestSection {
  heading: string;
  lines: string[];
}

interface Recipient extends Actor {
  name: string;
  email: string;
}

/** The digest goes out on Mondays from this hour, London time. */
export const DIGEST_HOUR = 8;
const FIRST_DIGEST_LOOKBACK_DAYS = 7;
const MAX_LINES = 50;

const onDay = (at: Date) => formatDate(londonDay(at));
const closes = (on: string | null) => (on ? `, closes on ${formatDate(on)}` : "");

function surveyAsk(survey: AskedSurvey): string | null {
  switch (survey.state.kind) {
    case "not_started":
      return `Survey “${survey.title}”: not started${closes(survey.closesOn)}`;
    case "in_progress":
      return `Survey “${survey.title}”: in progress, section ${Math.min(survey.state.savedSections, survey.sectionCount)} of ${survey.sectionCount} saved${closes(survey.closesOn)}`;
    default:
      return null;
  }
}

const section = (heading: string, lines: (string | null)[]): DigestSection[] => {
  const kept = lines.filter((line): line is string => line !== null).slice(0, MAX_LINES);
  return kept.length ? [{ heading, lines: kept }] : [];
};

/** When this person's last digest was sent, so "new uses" start where it left off. */
async function lastDigestAt(db: Db, personId: number): Promise<Date | null> {
  const row = await db
    .selectFrom("digest_sends")
    .select((eb) => eb.fn.max("created_at").as("at"))
    .where("person_id", "=", personId)
    .executeTakeFirst();
  return row?.at ?? null;
}

async function memberSections(db: Db, person: Recipient, now: Date): Promise<DigestSection[]> {
  const since =
    (await lastDigestAt(db, person.id)) ?? new Date(now.getTime() - FIRST_DIGEST_LOOKBACK_DAYS * 86_400_000);
  const [surveys, letters, uses] = await Promise.all([
    listAskedSurveys(db, person, now),
    person.isLeader ? listLettersToSign(db, person, now) : Promise.resolve([]),
    listEvidenceUses(db, person),
  ]);
  return [
    ...section("Asked of you", [
      ...surveys.map(surveyAsk),
      ...letters
        .filter((letter) => letter.signature === null)
        .map(
          (letter) =>
            `Open letter “${letter.title}” to ${letter.addressee}: not signed yet${letter.closesAt ? `, closes on ${onDay(letter.closesAt)}` : ""}`,
        ),
    ]),
    ...section(
      "Where your evidence was used",
      uses
        .filter((use) => use.on !== null && use.on > since)
        .map(
          (use) => `“${use.title}”${use.to ? `, to ${use.to}` : ""}${use.on ? `, on ${onDay(use.on)}` : ""}`,
        ),
    ),
  ];
}

async function staffSections(db: Db, person: Recipient, now: Date): Promise<DigestSection[]> {
  const since = await lastDigestAt(db, person.id);
  const [positions, submissions, failedSyncs, consultations] = await Promise.all([
    listQueuedPositions(db, person),
    listQueuedSubmissions(db, person, londonDay(now)),
    listFailedSyncs(db, person),
    listNewRelevantConsultations(db, person, since, now),
  ]);
  return [
    ...section("Waiting for your review", [
      ...positions.filter((p) => p.reason === "review").map((p) => `Policy position “${p.title}”`),
      ...submissions.filter((s) => s.reviewMine).map((s) => `Consultation response “${s.title}”`),
    ]),
    ...section("Your drafts", [
      ...positions.filter((p) => p.reason === "draft").map((p) => `Policy position “${p.title}”`),
      ...submissions.filter((s) => s.draftMine).map((s) => `Consultation response “${s.title}”`),
    ]),
    ...section(
      "Internal deadlines in the next 14 days",
      submissions
        .filter((s) => s.dueSoon)
        .map((s) => `“${s.title}”: due on ${formatDate(s.internalDeadline)} (lead: ${s.leadName})`),
    ),
    ...section(
      since ? "New relevant consultations since your last digest" : "New relevant consultations this week",
      consultations.map((c) => `“${c.title}”: closes on ${formatDate(c.closesOn)}`),
    ),
    ...section(
      "Consultation imports that failed",
      failedSyncs.map((sync) => `${sync.source}, on ${onDay(sync.startedAt)}`),
    ),
  ];
}

/** What this person's digest would say now; empty when there is nothing to tell them. */
export async function digestSections(db: Db, person: Recipient, now = new Date()): Promise<DigestSection[]> {
  if (isStaff(person)) return staffSections(db, person, now);
  if (person.role === "member" && person.organisationId !== null) return memberSections(db, person, now);
  return [];
}

/** Everyone the digest may go to: active, not erased, and not opted out. */
async function listRecipients(db: Db, onlyEmail?: string): Promise<Recipient[]> {
  let query = db
    .selectFrom("people")
    .select(["id", "role", "organisation_id", "is_leader", "name", "email"])
    .where("active", "=", true)
    .where("erased_at", "is", null)
    .where("weekly_digest", "=", true);
  if (onlyEmail) query = query.where((eb) => eb(eb.fn("lower", ["email"]), "=", onlyEmail.toLowerCase()));
  const rows = await query.orderBy("id").execute();
  return rows.flatMap((row) => {
    const role = row.role === "admin" || row.role === "staff" || row.role === "member" ? row.role : null;
    return role
      ? [
          {
            id: row.id,
            role,
            organisationId: row.organisation_id,
            isLeader: row.is_leader,
            name: row.name,
            email: row.email,
          },
        ]
      : [];
  });
}

export const isDigestTime = (now: Date) => {
  const clock = londonClockAt(now);
  return clock.weekday === "Mon" && clock.hour >= DIGEST_HOUR;
};

export const unsubscribeLink = (appUrl: string, personId: number, secret: string) =>
  new URL(`/unsubscribe?token=${unsubscribeToken(personId, secret)}`, appUrl).toString();

const digestProps = (person: Recipient, sections: DigestSection[], appUrl: string, secret: string) => ({
  name: person.name,
  sections,
  link: new URL("/", appUrl).toString(),
  unsubscribeLink: unsubscribeLink(appUrl, person.id, secret),
});

/**
 * The weekly digest: on Mondays from 08:00 London, one email to each person with something to be
 * told, guarded by a row per person per ISO week written in the email's transaction, so a second
 * run (or a second process) sends nothing more. Returns how many were queued.
 */
export async function sendWeeklyDigests(
  db: Db,
  { appUrl, secret, now = new Date() }: { appUrl: string; secret: string; now?: Date },
): Promise<number> {
  if (!isDigestTime(now)) return 0;
  const week = isoWeekOf(londonDay(now));
  const sent = await db.selectFrom("digest_sends").select("person_id").where("week", "=", week).execute();
  const done = new Set(sent.map((row) => row.person_id));
  let queued = 0;
  for (const person of await listRecipients(db)) {
    if (done.has(person.id)) continue;
    const sections = await digestSections(db, person, now);
    if (!sections.length) continue;
    const fresh = await inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto("digest_sends")
        .values({ person_id: person.id, week, created_at: now })
        .onConflict((oc) => oc.doNothing())
        .returning("person_id")
        .executeTakeFirst();
      if (!row) return false;
      const link = unsubscribeLink(appUrl, person.id, secret);
      await enqueueEmail(trx, {
        to: person.email,
        template: "weekly-digest",
        props: digestProps(person, sections, appUrl, secret),
        headers: {
          "List-Unsubscribe": `<${link}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
      });
      return true;
    });
    if (fresh) queued++;
  }
  return queued;
}

/** `npm run digest -- --preview <email>`: the digest's text as it would be sent now, or why there is none. */
export async function previewDigest(
  db: Db,
  { email, appUrl, secret, now = new Date() }: { email: string; appUrl: string; secret: string; now?: Date },
): Promise<string> {
  const [person] = await listRecipients(db, email.trim());
  if (!person) return `No digest for ${email}: nobody active with that address has the weekly digest on.`;
  const sections = await digestSections(db, person, now);
  if (!sections.length) return `No digest for ${email} this week: there is nothing to tell them.`;
  const rendered = await renderEmail("weekly-digest", digestProps(person, sections, appUrl, secret));
  return [`To: ${person.email}`, `Subject: ${rendered.subject}`, "", rendered.text].join("\n");
}
