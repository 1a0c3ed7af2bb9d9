import { sql } from "kysely";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { governmentLabels, governmentSchema } from "~/schemas/governments.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/format.ts";
import { londonClockAt, londonDay } from "~/utils/london-time.ts";

/** The day's batch goes out from this hour (London), so a busy day's documents arrive together. */
export const EVIDENCE_EMAIL_HOUR = 16;

const kindLabels = {
  position: "Policy position",
  submission: "Consultation response",
  letter: "Open letter",
} as const;

interface WaitingNotice {
  id: number;
  organisation_id: number;
  organisation: string;
  kind: string;
  title: string;
  to: string | null;
  on: Date | null;
  public_path: string | null;
}

/** Waiting notices with what the email says of each document, locked so two workers never share one. */
async function claimWaitingNotices(trx: Db): Promise<WaitingNotice[]> {
  const { rows } = await sql<WaitingNotice>`
    select n.id, n.organisation_id, o.name as organisation, n.document_kind as kind,
      coalesce(p.title, c.title, l.title) as title,
      case n.document_kind when 'submission' then s.government when 'letter' then l.addressee end as to,
      case n.document_kind
        when 'position' then p.published_at
        when 'submission' then (select min(r.sent_at) from submission_records r where r.submission_id = s.id)
        else l.delivered_at end as on,
      case n.document_kind
        when 'position' then case when p.is_public then '/p/' || p.slug end
        when 'submission' then case when s.slug is not null then '/c/' || s.slug end
        else '/letters/' || l.slug end as public_path
    from evidence_use_notices n
    join organisations o on o.id = n.organisation_id
    left join positions p on n.document_kind = 'position' and p.id = n.document_id
    left join submissions s on n.document_kind = 'submission' and s.id = n.document_id
    left join consultations c on c.id = s.consultation_id
    left join letters l on n.document_kind = 'letter' and l.id = n.document_id
    where n.emailed_at is null
    order by n.organisation_id, n.id
    for update of n skip locked`.execute(trx);
  return rows;
}

function describe(notice: WaitingNotice, appUrl: string) {
  const government = governmentSchema.safeParse(notice.to);
  const kind = notice.kind === "position" || notice.kind === "submission" ? notice.kind : "letter";
  return {
    kind: kindLabels[kind],
    title: notice.title,
    to: kind === "submission" && government.success ? governmentLabels[government.data] : notice.to,
    on: notice.on ? formatDate(londonDay(notice.on)) : null,
    publicLink: notice.public_path ? new URL(notice.public_path, appUrl).toString() : null,
  };
}

/**
 * The day's "your evidence was used" emails: from EVIDENCE_EMAIL_HOUR London time, every waiting
 * notice goes to its organisation's contacts (active members, not erased), one email per person
 * listing all of them. A person's row for the day makes it once a day whichever process runs it;
 * an organisation whose contacts have had today's email keeps later notices for tomorrow's.
 * Returns how many emails were queued.
 */
export async function sendEvidenceUseEmails(
  db: Db,
  {
    appUrl,
    now = new Date(),
    fromHour = EVIDENCE_EMAIL_HOUR,
  }: { appUrl: string; now?: Date; fromHour?: number },
): Promise<number> {
  if (londonClockAt(now).hour < fromHour) return 0;
  const day = londonDay(now);
  // The loop asks every tick: most ticks find nothing waiting, and open no transaction to say so.
  const waiting = await db
    .selectFrom("evidence_use_notices")
    .select("id")
    .where("emailed_at", "is", null)
    .limit(1)
    .executeTakeFirst();
  if (!waiting) return 0;
  return inTransaction(db, async (trx) => {
    const notices = await claimWaitingNotices(trx);
    const byOrganisation = new Map<number, WaitingNotice[]>();
    for (const notice of notices) {
      byOrganisation.set(notice.organisation_id, [
        ...(byOrganisation.get(notice.organisation_id) ?? []),
        notice,
      ]);
    }
    let queued = 0;
    for (const [organisationId, waiting] of byOrganisation) {
      const contacts = await trx
        .selectFrom("people")
        .select(["id", "name", "email"])
        .where("organisation_id", "=", organisationId)
        .where("role", "=", "member")
        .where("active", "=", true)
        .where("erased_at", "is", null)
        .orderBy("id")
        .execute();
      const alreadyToday = contacts.length
        ? await trx
            .selectFrom("evidence_use_emails")
            .select("person_id")
            .where(
              "person_id",
              "in",
              contacts.map((contact) => contact.id),
            )
            .where("day", "=", day)
            .executeTakeFirst()
        : undefined;
      if (alreadyToday) continue;
      // The email lists the newest fifty; the page it links to lists them all.
      const uses = waiting.slice(-50).map((notice) => describe(notice, appUrl));
      const organisation = waiting[0]?.organisation ?? "";
      for (const contact of contacts) {
        const fresh = await trx
          .insertInto("evidence_use_emails")
          .values({ person_id: contact.id, day })
          .onConflict((oc) => oc.doNothing())
          .returning("person_id")
          .executeTakeFirst();
        if (!fresh) continue;
        await enqueueEmail(trx, {
          to: contact.email,
          template: "evidence-used",
          props: {
            name: contact.name,
            organisation,
            uses,
            link: new URL("/organisation/evidence", appUrl).toString(),
          },
        });
        queued++;
      }
      await trx
        .updateTable("evidence_use_notices")
        .set({ emailed_at: now })
        .where(
          "id",
          "in",
          waiting.map((notice) => notice.id),
        )
        .execute();
    }
    return queued;
  });
}
