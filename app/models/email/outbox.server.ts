import { z } from "zod";
import type { Db } from "~/utils/db.server.ts";
import {
  EmailRenderError,
  isTemplateName,
  renderEmailText,
  renderStoredEmail,
  type EmailProps,
  type RenderedEmail,
  type TemplateName,
} from "../../../emails/index.server.ts";

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

export type EmailToQueue = {
  [Name in TemplateName]: { to: string; template: Name; props: EmailProps<Name> };
}[TemplateName];

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

const INSERT_BATCH = 500;

/**
 * Call inside the transaction of the change that causes the email: the email then exists if
 * and only if the change does. Only the props are checked and kept here (a bad prop still fails
 * the change loudly); the MJML is rendered when the email is sent, outside any transaction.
 */
export async function enqueueEmail<Name extends TemplateName>(
  db: Db,
  email: { to: string; template: Name; props: EmailProps<Name>; headers?: Record<string, string> },
): Promise<{ id: number }> {
  const [row] = await enqueueEmails(db, [email]);
  if (!row) throw new Error("The outbox row was not written");
  return row;
}

/** Many emails in a few inserts: a survey opening to thousands of people is a handful of statements. */
export async function enqueueEmails(
  db: Db,
  emails: readonly { to: string; template: TemplateName; props: unknown; headers?: Record<string, string> }[],
): Promise<{ id: number }[]> {
  const rows = emails.map((email) => {
    const { subject, props } = renderEmailText(email.template, email.props);
    return {
      template: email.template,
      to_address: emailAddress.parse(email.to.trim()),
      subject,
      props: JSON.stringify(props),
      headers: email.headers ? JSON.stringify(extraHeaders.parse(email.headers)) : null,
    };
  });
  const ids: { id: number }[] = [];
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    const inserted = await db
      .insertInto("email_outbox")
      .values(rows.slice(start, start + INSERT_BATCH))
      .returning(["id"])
      .execute();
    ids.push(...inserted.sort((a, b) => a.id - b.id));
  }
  return ids;
}

interface StoredEmail {
  template: string;
  props: unknown;
  html: string | null;
  text: string | null;
}

/**
 * What a row says, rendered now. Rows written before props were kept carry their bodies; a sent
 * row carries neither, on purpose (its links may still work).
 */
export async function renderRow(row: StoredEmail): Promise<RenderedEmail> {
  if (row.props !== null && isTemplateName(row.template)) return renderStoredEmail(row.template, row.props);
  if (row.html !== null && row.text !== null) return { subject: "", html: row.html, text: row.text };
  throw new EmailRenderError("The email's content is no longer kept");
}

const claimColumns = [
  "id",
  "to_address",
  "subject",
  "template",
  "props",
  "html",
  "text",
  "attempts",
  "created_at",
  "headers",
] as const;

type ClaimedRow = {
  id: number;
  to_address: string;
  subject: string;
  template: string;
  props: unknown;
  html: string | null;
  text: string | null;
  attempts: number;
  created_at: Date;
  headers: unknown;
};

/** SKIP LOCKED lets several workers claim at once, each taking rows the others have not. */
async function claimDueEmails(
  db: Db,
  now: Date,
  lockedUntil: Date,
  batchSize: number,
): Promise<ClaimedRow[]> {
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
  return rows.sort((a, b) => a.id - b.id);
}

export function errorText(error: unknown): string {
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

  for (const [index, row] of claimed.entries()) {
    if (performance.now() > startBy) {
      await releaseClaims(db, claimed.slice(index), lockedUntil);
      break;
    }
    try {
      // Rendered here, outside any transaction: the change that promised the email is long committed.
      const content = await renderRow(row);
      await deliver({
        id: row.id,
        to: row.to_address,
        subject: row.subject,
        html: content.html,
        text: content.text,
        messageId: outboxMessageId(row.id, row.created_at),
        attempts: row.attempts,
        createdAt: row.created_at,
        headers: extraHeaders.catch({}).parse(row.headers ?? {}),
      });
    } catch (error) {
      // A template that cannot render will not render on the next try either.
      const giveUp = error instanceof EmailRenderError || row.attempts >= options.maxAttempts;
      await recordFailure(db, row, errorText(error), giveUp, clock());
      counts[giveUp ? "failed" : "retrying"]++;
      continue;
    }
    // Sent: nothing that could rebuild the message (and its live links) stays behind.
    await db
      .updateTable("email_outbox")
      .set({ sent_at: clock(), locked_until: null, props: null, html: null, text: null, headers: null })
      .where("id", "=", row.id)
      .execute();
    counts.sent++;
  }
  return counts;
}

/** Sent rows are kept a while for the administrators' list and the data-rights export, then go. */
export async function pruneSentEmails(
  db: Db,
  { olderThanDays = 30, now = new Date() } = {},
): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanDays * 24 * 60 * 60_000);
  const deleted = await db
    .deleteFrom("email_outbox")
    .where("sent_at", "is not", null)
    .where("sent_at", "<", cutoff)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

async function recordFailure(
  db: Db,
  email: { id: number; attempts: number },
  error: string,
  giveUp: boolean,
  now: Date,
) {
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
async function releaseClaims(db: Db, emails: { id: number }[], lockedUntil: Date) {
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

/**
 * How far behind the outbox is, for /readyz and the metrics: emails neither sent nor given up on,
 * and the age of the oldest (on the pending partial index).
 */
export async function outboxBacklog(
  db: Db,
  now = new Date(),
): Promise<{ pending: number; oldestPendingAgeSeconds: number | null }> {
  const row = await db
    .selectFrom("email_outbox")
    .select((eb) => [eb.fn.countAll<number>().as("pending"), eb.fn.min("created_at").as("oldest")])
    .where("sent_at", "is", null)
    .where("failed_at", "is", null)
    .executeTakeFirstOrThrow();
  const oldest = row.oldest === null ? null : new Date(row.oldest);
  return {
    pending: Number(row.pending),
    oldestPendingAgeSeconds: oldest
      ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000))
      : null,
  };
}
