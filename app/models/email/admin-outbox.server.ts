import type { SelectQueryBuilder } from "kysely";
import type { Database } from "../../../db/schema.ts";
import { requireAdminActor, type Actor } from "~/models/accounts/people.server.ts";
import type { OutboxStatus } from "~/schemas/outbox.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";

/** The administrators' view of the outbox: what was promised, how delivery goes, a retry. */

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
