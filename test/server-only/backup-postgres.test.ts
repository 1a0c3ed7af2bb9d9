// Runs only against the PostgreSQL server (DATABASE_URL): the drill for pg_dump and pg_restore.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { createDb } from "../../db/client.ts";
import { backupDatabase, restoreDatabase } from "../../db/backup/commands.ts";
import { seedDemoNetwork } from "../../db/seed.ts";
import { addSubmissionRecord, expectRestoredWhole, startWriteLoad } from "../backup-drill.ts";
import { openTestDb } from "../db.ts";

const source = await openTestDb();
const sourceUrl = source.databaseUrl;
const adminUrl = process.env.DATABASE_URL;
if (!sourceUrl || !adminUrl) throw new Error("This suite needs DATABASE_URL");
await seedDemoNetwork(source.db, "http://127.0.0.1:3000");
await addSubmissionRecord(source.db);

const dir = await mkdtemp(path.join(tmpdir(), "mv-pgbk-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A new, empty database on the same server (no template: nothing in it), dropped after the file. */
async function emptyDatabase(): Promise<string> {
  const name = `mv_restore_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template template0`);
  await admin.end();
  afterAll(async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });
  const url = new URL(adminUrl ?? "");
  url.pathname = `/${name}`;
  return url.toString();
}

const backupFile = path.join(dir, "backup.pgdump");
const settings = { DATABASE_URL: sourceUrl, dataDir: dir };

test("the drill: pg_dump under write load, pg_restore into a fresh database, every table compared", async () => {
  const load = startWriteLoad(source.db);
  while (load.written() < 20) await new Promise((resolve) => setTimeout(resolve, 10));
  const result = await backupDatabase(settings, backupFile);
  const written = await load.stop();
  expect(result.via).toBe("pg_dump");

  const targetUrl = await emptyDatabase();
  await restoreDatabase({ DATABASE_URL: targetUrl, dataDir: dir }, backupFile, { force: false });
  const restored = await createDb({ databaseUrl: targetUrl, poolSize: 2 });
  try {
    // pg_dump reads one snapshot, so the comparison holds under the write load.
    const inBackup = await expectRestoredWhole(source.db, restored.db);
    expect(inBackup).toBeLessThanOrEqual(written);
  } finally {
    await restored.db.destroy();
  }

  // The database now has tables: a second restore is refused unless forced.
  await expect(
    restoreDatabase({ DATABASE_URL: targetUrl, dataDir: dir }, backupFile, { force: false }),
  ).rejects.toThrow(/already has \d+ tables.*--force/s);
  await restoreDatabase({ DATABASE_URL: targetUrl, dataDir: dir }, backupFile, { force: true });
}, 120_000);

test("a pg_dump that cannot be found is named in the error, and no partial file is left", async () => {
  const out = path.join(dir, "never.pgdump");
  await expect(backupDatabase({ ...settings, PG_DUMP_PATH: "/nowhere/pg_dump" }, out)).rejects.toThrow(
    /PG_DUMP_PATH is \/nowhere\/pg_dump/,
  );
  expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);
});
