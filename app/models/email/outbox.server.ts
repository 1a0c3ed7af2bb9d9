import { z } from "zod";
import type { SelectQueryBuilder } from "kysely";
import type { Database } from "../../../db/schema.ts";
import { requireAdminActor, type Actor } from "~/models/accounts/people.server.ts";
import type { OutboxStatus } from "~/schemas/outbox.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { renderEmail, type EmailProps, type TemplateName } from "../../../emails/index.server.ts";

/** What a delivery function gets: one claimed row, ready to hand to a transport. */
export interface OutboxEmail {
  id: number;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The same on every attempt, so a receiver can recognise a retry of a message it already has. */
  messageId: string;
  /** Including this one. */
  attempts: number;
  createdAt: Date;
  /** Extra headers for this message (List-Unsubscribe); empty for most. */
  headers: Record<string, string>;
}

interface DeliveryOptions {
  maxAttempts: number;
  batchSize: number;
  now?: Date;
  /** How long a claim keeps other workers off a row. */
  lockMs?: number;
}

interface DeliveryCounts {
  sent: number;
  failed: number;
  retrying: number;
}

interface MailboxEntry {
  id: number;
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: Date;
}

const DEFAULT_LOCK_MS = 2 * 60_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 6 * 60 * 60_000;
const emailAddress = z.email();
const extraHeaders = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/), z.string().regex(/^[^\r\n]*$/));

/** Wait before the next try after `attempts` failed ones: 30 s, 1 min, 2 min... at most 6 h. */
export function retryBackoffMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempts - 1, 0), LONGEST_RETRY_MS);
}

/** Created-at is part of the id so a database started afresh never reuses an id a mailbox has seen. */
function outboxMessageId(id: number, createdAt: Date): string {
  return `outbox-${id}.${createdAt.getTime().toString(36)}`;
}

/**
 * Call inside the transaction of the change that causes the email: the email then exists if
 * and only if the change does. Rendering here means a broken template fails that change loudly.
 */
export async function enqueueEmail<Name extends TemplateName>(
  db: Db,
  email: { to: string; template: Name; props: EmailProps<Name>; headers?: Record<string, string> },
): Promise<{ id: number }> {
  const to = emailAddress.parse(email.to.trim());
  const headers = email.headers ? JSON.stringify(extraHeaders.parse(email.headers)) : null;
  const { subject, html, text } = await renderEmail(email.template, email.props);
  return db
    .insertInto("email_outbox")
    .values({ template: email.template, to_address: to, subject, html, text, headers })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

const claimColumns = [
  "id",
  "to_address",
  "subject",
  "html",
  "text",
  "attempts",
  "created_at",
  "headers",
] as const;

/** SKIP LOCKED lets several workers claim at once, each taking rows the others have not. */
async function claimDueEmails(
  db: Db,
  now: Date,
  lockedUntil: Date,
  batchSize: number,
): Promise<OutboxEmail[]> {
  const rows = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("email_outbox")
      .select("id")
      .where("sent_at", "is", null)
      .where("failed_at", "is", null)
      .where("next_attempt_at", "<=", now)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", now)]))
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(batchSize)
      .forUpdate()
      .skipLocked()
      .execute();
    if (!due.length) return [];
    return trx
      .updateTable("email_outbox")
      .set((eb) => ({ locked_until: lockedUntil, attempts: eb("attempts", "+", 1) }))
      .where(
        "id",
        "in",
        due.map((row) => row.id),
      )
      .returning(claimColumns)
      .execute();
  });
  return rows
    .sort((a, b) => a.id - b.id)
    .map((row) => ({
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      html: row.html,
      text: row.text,
      messageId: outboxMessageId(row.id, row.created_at),
      attempts: row.attempts,
      createdAt: row.created_at,
      headers: extraHeaders.catch({}).parse(row.headers ?? {}),
    }));
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 2000) || "Unknown error";
}

/**
 * Sends what is due, outside any transaction: a slow mail server holds no database locks.
 * Delivery is at least once: a crash between sending and recording it sends again after the
 * claim expires, with the same Message-ID.
 */
export async function deliverDueEmails(
  db: Db,
  deliver: (email: OutboxEmail) => Promise<void>,
  options: DeliveryOptions,
): Promise<DeliveryCounts> {
  if (db.isTransaction) throw new Error("deliverDueEmails must not run inside a transaction");
  const clock = () => options.now ?? new Date();
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  // Sends start only in the first half of the claim, leaving the rest for the last send to end.
  const startBy = performance.now() + lockMs / 2;
  const claimedAt = clock();
  const lockedUntil = new Date(claimedAt.getTime() + lockMs);
  const claimed = await claimDueEmails(db, claimedAt, lockedUntil, options.batchSize);
  const counts: DeliveryCounts = { sent: 0, failed: 0, retrying: 0 };

  for (const [index, email] of claimed.entries()) {
    if (performance.now() > startBy) {
      await releaseClaims(db, claimed.slice(index), lockedUntil);
      break;
    }
    try {
      await deliver(email);
    } catch (error) {
      const giveUp = email.attempts >= options.maxAttempts;
      await recordFailure(db, email, errorText(error), giveUp, clock());
      counts[giveUp ? "failed" : "retrying"]++;
      continue;
    }
    await db
      .updateTable("email_outbox")
      .set({ sent_at: clock(), locked_until: null })
      .where("id", "=", email.id)
      .execute();
    counts.sent++;
  }
  return counts;
}

async function recordFailure(db: Db, email: OutboxEmail, error: string, giveUp: boolean, now: Date) {
  await db
    .updateTable("email_outbox")
    .set(
      giveUp
        ? { last_error: error, locked_until: null, failed_at: now }
        : {
            last_error: error,
            locked_until: null,
            next_attempt_at: new Date(now.getTime() + retryBackoffMs(email.attempts)),
          },
    )
    .where("id", "=", email.id)
    .where("sent_at", "is", null)
    .execute();
}

/** Rows we claimed but had no time left to send go back untouched, their attempt not counted. */
async function releaseClaims(db: Db, emails: OutboxEmail[], lockedUntil: Date) {
  await db
    .updateTable("email_outbox")
    .set((eb) => ({ locked_until: null, attempts: eb("attempts", "-", 1) }))
    .where(
      "id",
      "in",
      emails.map((email) => email.id),
    )
    .where("locked_until", "=", lockedUntil)
    .where("sent_at", "is", null)
    .execute();
}

const mailboxColumns = ["id", "to_address", "subject", "text", "html", "created_at"] as const;

function toMailboxEntry(row: {
  id: number;
  to_address: string;
  subject: string;
  text: string;
  html: string;
  created_at: Date;
}): MailboxEntry {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.text,
    html: row.html,
    createdAt: row.created_at,
  };
}

/** The dev mailbox: what would have been sent, newest first. */
export async function listMailbox(db: Db, { limit }: { limit: number }): Promise<MailboxEntry[]> {
  const rows = await db
    .selectFrom("email_outbox")
    .select(mailboxColumns)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toMailboxEntry);
}

/**
 * One page of the dev mailbox, newest first, to one address if asked (in any case). One row past
 * the page says whether there is another.
 */
export async function pageMailbox(
  db: Db,
  { pageSize, page, to }: { pageSize: number; page: number; to: string | null },
): Promise<{ messages: MailboxEntry[]; more: boolean }> {
  let query = db.selectFrom("email_outbox").select(mailboxColumns);
  if (to) query = query.where((eb) => eb(eb.fn("lower", ["to_address"]), "=", to.toLowerCase()));
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { messages: rows.slice(0, pageSize).map(toMailboxEntry), more: rows.length > pageSize };
}

export async function getMailboxMessage(db: Db, id: number): Promise<MailboxEntry | undefined> {
  const row = await db
    .selectFrom("email_outbox")
    .select(mailboxColumns)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toMailboxEntry(row);
}

export interface OutboxListEntry {
  id: number;
  to: string;
  subject: string;
  template: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  status: OutboxStatus;
}

function statusOf(row: { sent_at: Date | null; failed_at: Date | null; attempts: number }): OutboxStatus {
  if (row.sent_at) return "sent";
  if (row.failed_at) return "failed";
  return row.attempts > 0 ? "retrying" : "pending";
}

/** For administrators: what the app has promised to send and how delivery is going, newest first. */
export async function listOutbox(
  db: Db,
  actor: Actor,
  { page, pageSize, status }: { page: number; pageSize: number; status?: OutboxStatus },
): Promise<{ entries: OutboxListEntry[]; total: number; counts: Record<OutboxStatus, number> }> {
  requireAdminActor(actor);
  const statusFilter = (query: SelectQueryBuilder<Database, "email_outbox", object>) => {
    switch (status) {
      case "sent":
        return query.where("sent_at", "is not", null);
      case "failed":
        return query.where("failed_at", "is not", null);
      case "retrying":
        return query.where("sent_at", "is", null).where("failed_at", "is", null).where("attempts", ">", 0);
      case "pending":
        return query.where("sent_at", "is", null).where("failed_at", "is", null).where("attempts", "=", 0);
      default:
        return query;
    }
  };
  const [rows, countRow] = await Promise.all([
    statusFilter(db.selectFrom("email_outbox"))
      .select([
        "id",
        "to_address",
        "subject",
        "template",
        "created_at",
        "sent_at",
        "failed_at",
        "attempts",
        "next_attempt_at",
        "last_error",
      ])
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom("email_outbox")
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere("sent_at", "is not", null).as("sent"),
        eb.fn.countAll<number>().filterWhere("failed_at", "is not", null).as("failed"),
        eb.fn
          .countAll<number>()
          .filterWhere((f) =>
            f.and([f("sent_at", "is", null), f("failed_at", "is", null), f("attempts", ">", 0)]),
          )
          .as("retrying"),
        eb.fn
          .countAll<number>()
          .filterWhere((f) =>
            f.and([f("sent_at", "is", null), f("failed_at", "is", null), f("attempts", "=", 0)]),
          )
          .as("pending"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const counts = {
    pending: countRow.pending,
    retrying: countRow.retrying,
    sent: countRow.sent,
    failed: countRow.failed,
  };
  return {
    entries: rows.map((row) => ({
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      template: row.template,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
      lastError: row.last_error,
      status: statusOf(row),
    })),
    total: status ? counts[status] : counts.pending + counts.retrying + counts.sent + counts.failed,
    counts,
  };
}

/** An administrator gives a failed email a fresh set of attempts, e.g. after fixing the SMTP settings. */
export async function retryFailedEmail(db: Db, actor: Actor, id: number): Promise<boolean> {
  requireAdminActor(actor);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable("email_outbox")
      .set({ failed_at: null, attempts: 0, next_attempt_at: new Date(), last_error: null })
      .where("id", "=", id)
      .where("failed_at", "is not", null)
      .where("sent_at", "is", null)
      .returning(["id", "to_address", "subject"])
      .executeTakeFirst();
    if (!row) return false;
    await writeAudit(trx, {
      actorId: actor.id,
      action: "email.retried",
      subjectType: "email",
      subjectId: row.id,
      after: { to: row.to_address, subject: row.subject },
    });
    return true;
  });
}
