// Runs only against the PostgreSQL server (DATABASE_URL): PGlite has no connection pool to prepare on.
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PreparedStatementPool } from "../../db/prepared-pool.ts";
import type { Database } from "../../db/schema.ts";
import { openTestDb } from "../db.ts";

const testDb = await openTestDb();

/** One connection, so every query of a test lands where pg_prepared_statements can see it. */
async function withOneConnection(maxStatements: number, test: (db: Kysely<Database>) => Promise<void>) {
  if (!testDb.databaseUrl) throw new Error("This suite needs DATABASE_URL");
  const pool = new pg.Pool({ connectionString: testDb.databaseUrl, max: 1 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new PreparedStatementPool(pool, maxStatements) }),
  });
  try {
    await test(db);
  } finally {
    await db.destroy();
  }
}

const preparedStatements = (db: Kysely<Database>) =>
  sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements order by name`
    .execute(db)
    .then((result) => result.rows);

describe("prepared statements on the server", () => {
  it("prepares a parameterised query once per connection and reuses it", () =>
    withOneConnection(10, async (db) => {
      for (const id of [1, 2, 3])
        await db.selectFrom("organisations").select(["id"]).where("id", "=", id).execute();
      const statements = await preparedStatements(db);
      expect(statements.filter((row) => row.statement.includes('from "organisations"'))).toHaveLength(1);
    }));

  it("leaves queries without parameters unprepared", () =>
    withOneConnection(10, async (db) => {
      await sql`select 1 as one`.execute(db);
      expect(await preparedStatements(db)).toEqual([]);
    }));

  it("stops naming new texts at the cap and still answers them", () =>
    withOneConnection(2, async (db) => {
      const answers: number[] = [];
      for (const length of [1, 2, 3, 4]) {
        const ids = Array.from({ length }, (_, index) => index + 1);
        const result = await sql<{
          n: number;
        }>`select cardinality(array[${sql.join(ids)}]::int[]) as n`.execute(db);
        answers.push(result.rows[0]?.n ?? 0);
      }
      expect(answers).toEqual([1, 2, 3, 4]);
      expect(await preparedStatements(db)).toHaveLength(2);
    }));

  it("reports affected rows and transaction ends as Kysely expects", () =>
    withOneConnection(10, async (db) => {
      await sql`create temporary table counted (n int)`.execute(db);
      const updated = await db.transaction().execute(async (trx) => {
        await sql`insert into counted (n) values (${1}), (${2}), (${3})`.execute(trx);
        return sql`update counted set n = n + 1 where n >= ${2}`.execute(trx);
      });
      expect(updated.numAffectedRows).toBe(2n);
      const { rows } = await sql<{ total: number }>`select sum(n)::int as total from counted`.execute(db);
      expect(rows).toEqual([{ total: 1 + 3 + 4 }]);
    }));
});
