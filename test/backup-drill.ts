import { createHash } from "node:crypto";
import { sql } from "kysely";
import { expect } from "vitest";
import { createPerson } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { uniqueEmail } from "./context.ts";
import { submission } from "./submissions/factories.ts";

/**
 * What the backup drills share: a record of sending to check byte for byte, a write load that runs
 * while the backup is taken, and what to compare between the source and the restored copy.
 */

/** A submission with a record of what was sent and one stored file, as marking it submitted writes. */
export async function addSubmissionRecord(db: Db) {
  const lead = await createPerson(db, null, { email: uniqueEmail("lead"), name: "Sam Lead", role: "staff" });
  const { id } = await submission(db, lead);
  const record = await db
    .insertInto("submission_records")
    .values({ submission_id: id, channel: "email", reference: "HMT-2026-114", sent_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const content = new TextEncoder().encode("# Our response\n\nQuestion 1: yes.");
  await db
    .insertInto("submission_files")
    .values({
      record_id: record.id,
      kind: "markdown",
      filename: "response.md",
      content,
      sha256: createHash("sha256").update(content).digest("hex"),
    })
    .execute();
}

/**
 * Transactions that each write an audit row and an email row with the same number, back to back,
 * until stopped: a backup taken meanwhile must hold both rows of a transaction or neither.
 */
export function startWriteLoad(db: Db) {
  let stopped = false;
  let written = 0;
  const running = (async () => {
    while (!stopped) {
      const n = written + 1;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("audit_log")
          .values({ actor_id: null, action: "drill.write", subject_type: "drill", subject_id: String(n) })
          .execute();
        await trx
          .insertInto("email_outbox")
          .values({ template: "drill", to_address: `drill-${n}@example.org`, subject: "Drill", text: "x" })
          .execute();
      });
      written = n;
      // PGlite answers without touching the event loop: without this the loop would starve timers
      // and sockets (requests, the backup socket), which real writes arriving over HTTP never do.
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    written: () => written,
    async stop() {
      stopped = true;
      await running;
      return written;
    },
  };
}

/** Rows in every table of the public schema, by table name. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}`.execute(
      db,
    );
    counts[table_name] = result.rows[0]?.n ?? 0;
  }
  return counts;
}

/** The drill's rows in each of its two tables. */
export async function drillRows(db: Db) {
  const audit = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("action", "=", "drill.write")
    .executeTakeFirstOrThrow();
  const emails = await db
    .selectFrom("email_outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("template", "=", "drill")
    .executeTakeFirstOrThrow();
  return { audit: Number(audit.n), emails: Number(emails.n) };
}

/** One checksum over every record of sending and every stored file's bytes. */
export async function submissionRecordsChecksum(db: Db): Promise<{ records: number; checksum: string }> {
  const { rows } = await sql<{ records: number; checksum: string }>`
    select count(distinct r.id)::int as records,
      md5(coalesce(string_agg(concat_ws('|', r.id, r.submission_id, r.channel, r.reference,
        extract(epoch from r.sent_at), r.corrects_id, f.kind, f.filename, f.sha256, md5(f.content)),
        E'\n' order by r.id, f.kind), '')) as checksum
    from submission_records r left join submission_files f on f.record_id = r.id`.execute(db);
  const row = rows[0];
  if (!row) throw new Error("no checksum row");
  return row;
}

/**
 * The drill's comparison: each load transaction is in the backup whole or not at all, at least the
 * 20 written before the backup started are in it, every other table has every row, and the records
 * of sending match byte for byte. Returns how many load transactions the backup holds.
 */
export async function expectRestoredWhole(source: Db, restored: Db): Promise<number> {
  const [sourceCounts, restoredCounts] = [await tableCounts(source), await tableCounts(restored)];
  const sourceDrill = await drillRows(source);
  const restoredDrill = await drillRows(restored);
  expect(restoredDrill.audit).toBe(restoredDrill.emails);
  expect(restoredDrill.audit).toBeGreaterThanOrEqual(20);
  expect(restoredDrill.audit).toBeLessThanOrEqual(sourceDrill.audit);
  expect(Object.keys(restoredCounts)).toEqual(Object.keys(sourceCounts));
  expect(Object.keys(sourceCounts).length).toBeGreaterThan(30);
  expect(sourceCounts.organisations).toBeGreaterThan(100);
  for (const table of Object.keys(sourceCounts)) {
    const drill = table === "audit_log" ? "audit" : table === "email_outbox" ? "emails" : null;
    const expected = drill
      ? (sourceCounts[table] ?? 0) - sourceDrill[drill] + restoredDrill[drill]
      : sourceCounts[table];
    expect({ table, rows: restoredCounts[table] }).toEqual({ table, rows: expected });
  }
  const checksum = await submissionRecordsChecksum(source);
  expect(checksum.records).toBe(1);
  expect(await submissionRecordsChecksum(restored)).toEqual(checksum);
  return restoredDrill.audit;
}
