import { randomBytes } from "node:crypto";
import { Kysely, PGliteDialect } from "kysely";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createDb, type DbHandle } from "../db/client.ts";
import type { Database } from "../db/schema.ts";
import { releasePglite, takeMigratedPglite } from "./pglite-pool.ts";

export interface TestDb extends DbHandle {
  /** For tests that need a second, independent connection string (server only). */
  databaseUrl?: string;
}

async function createFromTemplate(adminUrl: string, template: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Two files copying the same template at the same moment collide; the loser waits and retries.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
}

/**
 * A freshly migrated database of this test file's own: PGlite from the migrated snapshot (or a
 * finished file's instance emptied back to it), or a database made from the server template when
 * DATABASE_URL is set, dropped after the file.
 */
export async function openTestDb(): Promise<TestDb> {
  const adminUrl = process.env.DATABASE_URL;
  const template = inject("templateDatabase");
  if (adminUrl && template) {
    const name = `mv_test_${randomBytes(6).toString("hex")}`;
    await createFromTemplate(adminUrl, template, name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await createDb({ databaseUrl: url.toString(), poolSize: 5 });
    afterAll(async () => {
      await handle.db.destroy();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      // The pool's last clients may still be saying goodbye: forcing the drop then would kill them
      // mid-way and their FATAL would surface as an unhandled error in the test run.
      for (let attempt = 0; attempt < 40; attempt++) {
        const { rows } = await admin.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where datname = $1",
          [name],
        );
        if (!rows[0]?.n) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    return { ...handle, databaseUrl: url.toString() };
  }
  const pglite = await takeMigratedPglite(inject("pgliteSnapshot"));
  afterAll(() => releasePglite(pglite));
  return { db: new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) }), kind: "pglite", pglite };
}
