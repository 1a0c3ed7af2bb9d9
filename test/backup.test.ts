import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { createDb } from "../db/client.ts";
import { backupDatabase, restoreDatabase } from "../db/backup/commands.ts";
import { findTool } from "../db/backup/postgres.ts";
import { serveBackups } from "../db/backup/socket.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { seedDemoNetwork } from "../db/seed.ts";
import {
  addSubmissionRecord,
  drillRows,
  expectRestoredWhole,
  startWriteLoad,
  tableCounts,
} from "./backup-drill.ts";

// A short temporary path: the server's backup socket sits beside the data directory.
const dir = await mkdtemp(path.join(tmpdir(), "mv-bk-"));
afterAll(() => rm(dir, { recursive: true, force: true }));
const dataDir = path.join(dir, "data");
const source = await createDb({ dataDir });
afterAll(() => source.db.destroy());
await migrateToLatest(source.db);
await seedDemoNetwork(source.db, "http://127.0.0.1:3000");
await addSubmissionRecord(source.db);
if (!source.pglite) throw new Error("the drill needs PGlite");
// What server.ts does for an embedded database: answer `npm run db:backup` on the socket.
const socket = await serveBackups(source.pglite, dataDir, (error) => {
  throw error;
});
afterAll(() => socket.close());

const backupFile = path.join(dir, "backup.tar.gz");
const restoredDir = path.join(dir, "restored");

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

test("the drill: a backup taken from the running server under write load restores whole into a fresh directory", async () => {
  const load = startWriteLoad(source.db);
  await until(() => load.written() >= 20);
  const result = await backupDatabase({ dataDir }, backupFile);
  const atBackup = load.written();
  await until(() => load.written() >= atBackup + 20);
  const written = await load.stop();
  expect(result.via).toBe("running server");

  await restoreDatabase({ dataDir: restoredDir }, backupFile, { force: false });
  const restored = await createDb({ dataDir: restoredDir });
  try {
    const inBackup = await expectRestoredWhole(source.db, restored.db);
    expect((await drillRows(source.db)).audit).toBe(written);
    // The backup holds a moment between the writes before it and those after it.
    expect(inBackup).toBeLessThan(written);
  } finally {
    await restored.db.destroy();
  }
}, 120_000);

test("restore refuses a directory that is not empty unless forced, and then moves the old one aside", async () => {
  await expect(restoreDatabase({ dataDir: restoredDir }, backupFile, { force: false })).rejects.toThrow(
    /is not empty.*--force/s,
  );
  const { movedAside } = await restoreDatabase({ dataDir: restoredDir }, backupFile, { force: true });
  expect(movedAside).toMatch(/restored\.before-restore-/);
  expect(existsSync(path.join(movedAside ?? "", "PG_VERSION"))).toBe(true);
  expect(existsSync(path.join(restoredDir, "PG_VERSION"))).toBe(true);
}, 60_000);

test("restore never writes into the directory a running server holds, even when forced", async () => {
  await expect(restoreDatabase({ dataDir }, backupFile, { force: true })).rejects.toThrow(/running server/);
});

test("with no server running, the backup opens the data directory itself", async () => {
  const quietFile = path.join(dir, "quiet.tar.gz");
  const result = await backupDatabase({ dataDir: restoredDir }, quietFile);
  expect(result.via).toBe("data directory");
  const again = path.join(dir, "again");
  await restoreDatabase({ dataDir: again }, quietFile, { force: false });
  const [first, second] = [await createDb({ dataDir: restoredDir }), await createDb({ dataDir: again })];
  try {
    expect(await tableCounts(second.db)).toEqual(await tableCounts(first.db));
  } finally {
    await first.db.destroy();
    await second.db.destroy();
  }
}, 60_000);

test("restore says what is wrong with a file that is not a backup, or one for the other database", async () => {
  const notBackup = path.join(dir, "notes.txt");
  await writeFile(notBackup, "hello");
  await expect(
    restoreDatabase({ dataDir: path.join(dir, "x") }, notBackup, { force: false }),
  ).rejects.toThrow(/not a Mutual Voice backup/);
  const archive = path.join(dir, "dump.pgdump");
  await writeFile(archive, "PGDMP\u0001\u000e");
  await expect(restoreDatabase({ dataDir: path.join(dir, "x") }, archive, { force: false })).rejects.toThrow(
    /pg_dump archive: set DATABASE_URL/,
  );
  await expect(
    restoreDatabase({ DATABASE_URL: "postgres://127.0.0.1:9/x", dataDir }, backupFile, { force: false }),
  ).rejects.toThrow(/PGlite backup: unset DATABASE_URL/);
});

test("pg_dump is found on the PATH or named by PG_DUMP_PATH, with a clear error otherwise", () => {
  expect(() => findTool("pg_dump", "/nowhere/pg_dump")).toThrow(/PG_DUMP_PATH is \/nowhere\/pg_dump/);
  expect(() => findTool("pg_restore", "/nowhere/pg_restore")).toThrow(/PG_RESTORE_PATH/);
  expect(findTool("pg_dump", process.execPath)).toBe(process.execPath);
});
