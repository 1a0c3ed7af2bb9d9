import { existsSync } from "node:fs";
import { readdir, rename } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import { openPglite } from "../client.ts";

/**
 * A PGlite backup is its data directory as a gzipped tarball (PGlite's own dumpDataDir), not a
 * logical dump: it takes the query lock, so no statement runs while the files are copied, and what
 * it copies is what a crash at that instant would leave on disk, write-ahead log included. On restore
 * PostgreSQL replays that log as after a crash, so every transaction committed before the copy is in
 * it whole and every one still open is left out whole. The CHECKPOINT first keeps the log to replay
 * short. A logical dump would need pg_dump compiled to WebAssembly and takes seconds, not a fraction.
 */
export async function dumpPglite(pglite: PGlite): Promise<Uint8Array> {
  await pglite.query("CHECKPOINT");
  const tarball = await pglite.dumpDataDir("gzip");
  return new Uint8Array(await tarball.arrayBuffer());
}

/** What the first bytes of a backup say it is: a gzip (PGlite tarball) or a pg_dump custom archive. */
export function backupFormatOf(bytes: Uint8Array): "pglite" | "postgres" | null {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return "pglite";
  if (new TextDecoder().decode(bytes.subarray(0, 5)) === "PGDMP") return "postgres";
  return null;
}

export async function isEmptyDirectory(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return true;
  return (await readdir(dir)).length === 0;
}

/**
 * Restores a PGlite tarball into `dataDir`, which must be empty unless `force`; a forced restore
 * moves the old directory aside (its new name is returned) rather than deleting anything.
 */
export async function restorePglite(
  dataDir: string,
  tarball: Uint8Array,
  { force }: { force: boolean },
): Promise<{ movedAside: string | null }> {
  let movedAside: string | null = null;
  if (!(await isEmptyDirectory(dataDir))) {
    if (!force) {
      throw new Error(
        `${dataDir} is not empty. Restore into an empty directory (set DATA_DIR), or add --force to move ` +
          "the current one aside first.",
      );
    }
    movedAside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(dataDir, movedAside);
  }
  const pglite = await openPglite({ dataDir, loadDataDir: new Blob([new Uint8Array(tarball)]) });
  try {
    // Recovery has run by now; a real query proves the restored files open as a database.
    await pglite.query("select count(*) from kysely_migration");
  } finally {
    await pglite.close();
  }
  return { movedAside };
}
