import type { SelectQueryBuilder } from "kysely";
import type { Database } from "../../../db/schema.ts";
import type { AuditFilter } from "~/schemas/audit.ts";
import { toCsv } from "~/utils/csv.ts";
import type { Db } from "~/utils/db.server.ts";
import { endOfLondonDay } from "~/utils/london-time.ts";
import { requireAdminActor, type Actor } from "./people.server.ts";

/** The administrators' view of the audit log: who did what to which object, and when. */

export interface AuditListEntry {
  id: number;
  at: Date;
  actor: string | null;
  actorEmail: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

const dayBefore = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
};

/** "%" and "_" typed into a search box are letters, not wildcards. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type AuditQuery = SelectQueryBuilder<Database, "audit_log" | "people", object>;

function filtered(db: Db, filter: Omit<AuditFilter, "page">): AuditQuery {
  let query: AuditQuery = db.selectFrom("audit_log").leftJoin("people", "people.id", "audit_log.actor_id");
  if (filter.who) {
    const who = likeText(filter.who.toLowerCase());
    query = query.where((eb) =>
      eb.or([eb(eb.fn("lower", ["people.name"]), "like", who), eb("people.email", "like", who)]),
    );
  }
  if (filter.action) query = query.where("audit_log.action", "=", filter.action);
  if (filter.subjectType) query = query.where("audit_log.subject_type", "=", filter.subjectType);
  if (filter.subjectId) query = query.where("audit_log.subject_id", "=", filter.subjectId);
  // Days are London days, as the page shows times.
  if (filter.from) query = query.where("audit_log.created_at", ">=", endOfLondonDay(dayBefore(filter.from)));
  if (filter.to) query = query.where("audit_log.created_at", "<", endOfLondonDay(filter.to));
  return query;
}

const columns = [
  "audit_log.id",
  "audit_log.created_at",
  "people.name",
  "people.email",
  "audit_log.action",
  "audit_log.subject_type",
  "audit_log.subject_id",
  "audit_log.before",
  "audit_log.after",
] as const;

type Row = {
  id: number;
  created_at: Date;
  name: string | null;
  email: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: unknown;
  after: unknown;
};

const toEntry = (row: Row): AuditListEntry => ({
  id: row.id,
  at: row.created_at,
  actor: row.name,
  actorEmail: row.email,
  action: row.action,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  before: row.before,
  after: row.after,
});

export async function listAuditLog(
  db: Db,
  actor: Actor,
  { page, pageSize, ...filter }: AuditFilter & { pageSize: number },
): Promise<{ entries: AuditListEntry[]; total: number }> {
  requireAdminActor(actor);
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .select(columns)
      .orderBy("audit_log.created_at", "desc")
      .orderBy("audit_log.id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { entries: rows.map(toEntry), total: count.n };
}

/** The choices for the action and object type filters: what the log holds. */
export async function auditChoices(
  db: Db,
  actor: Actor,
): Promise<{ actions: string[]; subjectTypes: string[] }> {
  requireAdminActor(actor);
  const [actions, subjectTypes] = await Promise.all([
    db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute(),
    db.selectFrom("audit_log").select("subject_type").distinct().orderBy("subject_type").execute(),
  ]);
  return {
    actions: actions.map((row) => row.action),
    subjectTypes: subjectTypes.map((row) => row.subject_type),
  };
}

/** At most this many rows in one export: a bigger one should be narrowed by the filters. */
export const AUDIT_EXPORT_LIMIT = 50_000;

/** The filtered log as CSV, formulas neutralised as every export is; before and after as JSON text. */
export async function exportAuditCsv(
  db: Db,
  actor: Actor,
  filter: Omit<AuditFilter, "page">,
): Promise<string> {
  requireAdminActor(actor);
  const rows = await filtered(db, filter)
    .select(columns)
    .orderBy("audit_log.created_at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(AUDIT_EXPORT_LIMIT)
    .execute();
  return toCsv(
    ["id", "at", "who", "who_email", "action", "object_type", "object_id", "before", "after"],
    rows.map((row) => [
      row.id,
      row.created_at.toISOString(),
      row.name,
      row.email,
      row.action,
      row.subject_type,
      row.subject_id,
      row.before === null ? null : JSON.stringify(row.before),
      row.after === null ? null : JSON.stringify(row.after),
    ]),
  );
}
