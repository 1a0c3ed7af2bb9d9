// Backup and restore of the demo network on embedded PostgreSQL (PGlite), as `npm run db:backup`
// and `npm run db:restore` do it: from a running server over its socket, from a data directory no
// server holds, and a restore into a fresh directory. The bars: backup under 5 s, restore
// under 10 s.
//
//   npx tsx test/bench/backup.ts
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { backupDatabase, restoreDatabase } from "../../db/backup/commands.ts";
import { serveBackups } from "../../db/backup/socket.ts";
import { createDb } from "../../db/client.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { seedDemoNetwork } from "../../db/seed.ts";

const dir = await mkdtemp(path.join(os.tmpdir(), "mv-bk-bench-"));
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);
try {
  const dataDir = path.join(dir, "data");
  const source = await createDb({ dataDir });
  if (!source.pglite) throw new Error("PGlite expected");
  await migrateToLatest(source.db);
  await seedDemoNetwork(source.db, "http://127.0.0.1:3000");
  console.log("Backup and restore of the demo network on PGlite (bars: backup < 5 s, restore < 10 s)");

  const socket = await serveBackups(source.pglite, dataDir, (error) => console.error(error));
  let started = performance.now();
  const served = await backupDatabase({ dataDir }, path.join(dir, "served.tar.gz"));
  console.log(
    `  backup from the running server (socket): ${seconds(started)} s, ${(served.bytes / 2 ** 20).toFixed(1)} MiB`,
  );
  await socket.close();
  await source.db.destroy();

  started = performance.now();
  const alone = await backupDatabase({ dataDir }, path.join(dir, "alone.tar.gz"));
  console.log(
    `  backup with no server (opens the directory): ${seconds(started)} s, ${(alone.bytes / 2 ** 20).toFixed(1)} MiB`,
  );

  started = performance.now();
  await restoreDatabase({ dataDir: path.join(dir, "restored") }, path.join(dir, "served.tar.gz"), {
    force: false,
  });
  console.log(`  restore into a fresh directory (and open it once): ${seconds(started)} s`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
