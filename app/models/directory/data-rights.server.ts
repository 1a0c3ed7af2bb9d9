import { getDirectoryPerson } from "~/models/directory/people.server.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { storedEmailText } from "~/models/email/mailbox.server.ts";
import { deleteFileRows, removeUnreferencedBlobs } from "~/models/files/files.server.ts";
import type { FileStore } from "~/services/storage.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/** What an erased person's identity becomes, everywhere it was kept. */
const ERASED_NAME = "Erased person";
const erasedEmail = (personId: number) => `erased-${personId}@erased.invalid`;

/** Keys of a person in audit snapshots that identify them. */
const identityKeys = { name: ERASED_NAME, email: "", jobTitle: null } as const;

function scrub(value: unknown, email: string): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...value };
  for (const [key, replacement] of Object.entries(identityKeys)) {
    if (key in copy) copy[key] = key === "email" ? email : replacement;
  }
  return copy;
}

/** Sign-in links in an email are live credentials: an export must never carry one. */
const redactTokens = (text: string) => text.replace(/([?&]token=)[^\s&"'<>]+/g, "$1REDACTED");

interface PersonDataExport {
  format: "mutual-voice-person-export/1";
  exportedAt: string;
  person: {
    id: number;
    name: string;
    email: string;
    jobTitle: string | null;
    role: string;
    isLeader: boolean;
    active: boolean;
    organisation: { id: number; name: string };
    invitedAt: string | null;
    erasedAt: string | null;
    createdAt: string;
  };
  sessions: { count: number; lastSeenAt: string | null };
  signInLinks: { count: number };
  auditEntriesAboutThem: { at: string; action: string; by: string | null; before: unknown; after: unknown }[];
  actionsTheyTook: { at: string; action: string; subjectType: string; subjectId: string }[];
  emailsSentToThem: {
    createdAt: string;
    subject: string;
    text: string;
    sentAt: string | null;
    failedAt: string | null;
  }[];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Everything held about one contact, for a subject access request. The export itself is audited. */
export async function exportPersonData(db: Db, actor: Actor, personId: number): Promise<PersonDataExport> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const person = await getDirectoryPerson(trx, actor, personId);
    const sessions = await trx
      .selectFrom("sessions")
      .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.max("last_seen_at").as("last")])
      .where("person_id", "=", personId)
      .executeTakeFirstOrThrow();
    const tokens = await trx
      .selectFrom("login_tokens")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("person_id", "=", personId)
      .executeTakeFirstOrThrow();
    const about = await trx
      .selectFrom("audit_log")
      .leftJoin("people as actor", "actor.id", "audit_log.actor_id")
      .select([
        "audit_log.created_at",
        "audit_log.action",
        "audit_log.before",
        "audit_log.after",
        "actor.name as actor_name",
      ])
      .where("audit_log.subject_type", "=", "person")
      .where("audit_log.subject_id", "=", String(personId))
      .orderBy("audit_log.id")
      .execute();
    const actions = await trx
      .selectFrom("audit_log")
      .select(["created_at", "action", "subject_type", "subject_id"])
      .where("actor_id", "=", personId)
      .orderBy("id")
      .execute();
    const emails = await trx
      .selectFrom("email_outbox")
      .select(["created_at", "subject", "template", "props", "text", "sent_at", "failed_at"])
      .where("to_address", "=", person.email)
      .orderBy("id")
      .execute();
    const exportedAt = new Date();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "person.data_exported",
      subjectType: "person",
      subjectId: personId,
      after: { exportedAt },
    });
    return {
      format: "mutual-voice-person-export/1",
      exportedAt: exportedAt.toISOString(),
      person: {
        id: person.id,
        name: person.name,
        email: person.email,
        jobTitle: person.jobTitle,
        role: person.role,
        isLeader: person.isLeader,
        active: person.active,
        organisation: { id: person.organisationId, name: person.organisationName },
        invitedAt: iso(person.invitedAt),
        erasedAt: iso(person.erasedAt),
        createdAt: person.createdAt.toISOString(),
      },
      sessions: {
        count: sessions.count,
        lastSeenAt: sessions.last === null ? null : new Date(sessions.last).toISOString(),
      },
      signInLinks: { count: tokens.count },
      auditEntriesAboutThem: about.map((row) => ({
        at: row.created_at.toISOString(),
        action: row.action,
        by: row.actor_name,
        before: row.before,
        after: row.after,
      })),
      actionsTheyTook: actions.map((row) => ({
        at: row.created_at.toISOString(),
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
      })),
      emailsSentToThem: emails.map((row) => ({
        createdAt: row.created_at.toISOString(),
        subject: row.subject,
        text: redactTokens(storedEmailText(row)),
        sentAt: iso(row.sent_at),
        failedAt: iso(row.failed_at),
      })),
    };
  });
}

/**
 * Right to erasure: the person row stays (so counts, signatures and survey responses keep their
 * shape) but nothing in it, in the audit trail or in the outbox says who they were any more.
 * Their sessions and sign-in links end in the same transaction.
 */
export async function erasePerson(db: Db, actor: Actor, personId: number, files?: FileStore): Promise<void> {
  requireStaffActor(actor);
  const fileHashes = await inTransaction(db, async (trx) => {
    const person = await getDirectoryPerson(trx, actor, personId);
    if (person.erasedAt) throw Refusal.conflict("This person's details were already erased");
    const { erasedAt, hashes } = await erasePersonalData(trx, { id: personId, email: person.email });
    await writeAudit(trx, {
      actorId: actor.id,
      action: "person.erased",
      subjectType: "person",
      subjectId: personId,
      after: { erasedAt, filesRemoved: hashes.length },
    });
    return hashes;
  });
  if (files) await removeUnreferencedBlobs(db, files, fileHashes);
}

/**
 * The erasure itself, inside the caller's transaction (one person's, or each of an organisation's):
 * the row blanked, sessions and links ended, the audit trail and outbox scrubbed, their uploads'
 * rows deleted. Returns the hashes whose bytes may now be unreferenced, for after the commit.
 */
export async function erasePersonalData(
  trx: Db,
  person: { id: number; email: string },
): Promise<{ erasedAt: Date; hashes: string[] }> {
  const personId = person.id;
  await trx.selectFrom("people").select("id").where("id", "=", personId).forUpdate().execute();
  const email = erasedEmail(personId);
  const erasedAt = new Date();
  await trx
    .updateTable("people")
    .set({
      name: ERASED_NAME,
      email,
      job_title: null,
      is_leader: false,
      active: false,
      invited_at: null,
      erased_at: erasedAt,
      updated_at: erasedAt,
    })
    .where("id", "=", personId)
    .execute();
  await trx.deleteFrom("sessions").where("person_id", "=", personId).execute();
  await trx.deleteFrom("login_tokens").where("person_id", "=", personId).execute();
  await trx.deleteFrom("rate_limit_events").where("bucket", "=", `sign-in:email:${person.email}`).execute();
  await trx
    .updateTable("letter_signatures")
    .set({ signer_ip: null })
    .where("person_id", "=", personId)
    .execute();

  const entries = await trx
    .selectFrom("audit_log")
    .select(["id", "before", "after"])
    .where("subject_type", "=", "person")
    .where("subject_id", "=", String(personId))
    .execute();
  for (const entry of entries) {
    await trx
      .updateTable("audit_log")
      .set({
        before: entry.before === null ? null : JSON.stringify(scrub(entry.before, email)),
        after: entry.after === null ? null : JSON.stringify(scrub(entry.after, email)),
      })
      .where("id", "=", entry.id)
      .execute();
  }

  const removed = `Removed on ${erasedAt.toISOString().slice(0, 10)} when the recipient's personal data was erased.`;
  // Unsent mail must not go out to an address that no longer exists; sent mail keeps only its subject.
  await trx
    .updateTable("email_outbox")
    .set({ failed_at: erasedAt, last_error: "Recipient erased", locked_until: null })
    .where("to_address", "=", person.email)
    .where("sent_at", "is", null)
    .where("failed_at", "is", null)
    .execute();
  await trx
    .updateTable("email_outbox")
    .set({ to_address: email, props: null, html: `<p>${removed}</p>`, text: removed })
    .where("to_address", "=", person.email)
    .execute();

  // Files they uploaded (and the answers holding them) go; the bytes once no other row names them.
  const hashes = await deleteFileRows(trx, { uploadedBy: personId });
  return { erasedAt, hashes };
}
