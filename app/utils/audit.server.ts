import type { Db } from "./db.server.ts";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction that makes the change, so the change and its record stand or fall together. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: String(entry.subjectId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** Many entries in few statements, for bulk changes such as an import; same rules as writeAudit. */
export async function writeAudits(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  // Six parameters a row keeps each statement well under PostgreSQL's 65,535.
  for (let start = 0; start < entries.length; start += 1_000) {
    await db
      .insertInto("audit_log")
      .values(
        entries.slice(start, start + 1_000).map((entry) => ({
          actor_id: entry.actorId,
          action: entry.action,
          subject_type: entry.subjectType,
          subject_id: String(entry.subjectId),
          before: entry.before === undefined ? null : JSON.stringify(entry.before),
          after: entry.after === undefined ? null : JSON.stringify(entry.after),
        })),
      )
      .execute();
  }
}
