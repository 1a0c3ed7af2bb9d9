import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { openPglite } from "../client.ts";
import { backupFormatOf, dumpPglite, restorePglite } from "./pglite.ts";
import { dumpPostgres, restorePostgres } from "./postgres.ts";
import { askServerForBackup } from "./socket.ts";

/** What the backup commands need of the configuration (app/utils/env.server.ts parses it). */
export interface BackupSettings {
  DATABASE_URL?: string | undefined;
  dataDir: string;
  PG_DUMP_PATH?: string | undefined;
  PG_RESTORE_PATH?: string | undefined;
}

export interface BackupResult {
  bytes: number;
  /** How the dump was made: by pg_dump, by the running server, or by opening the directory. */
  via: "pg_dump" | "running server" | "data directory";
}

/**
 * Writes a consistent backup to `outFile`, through a temporary file renamed at the end, so a failed
 * or interrupted backup never leaves a file that looks whole.
 */
export async function backupDatabase(settings: BackupSettings, outFile: string): Promise<BackupResult> {
  const partial = `${outFile}.partial`;
  try {
    if (settings.DATABASE_URL) {
      await dumpPostgres(settings.DATABASE_URL, partial, settings.PG_DUMP_PATH);
      await rename(partial, outFile);
      return { bytes: (await readFile(outFile)).byteLength, via: "pg_dump" };
    }
    const fromServer = await askServerForBackup(settings.dataDir);
    let bytes: Uint8Array;
    let via: BackupResult["via"];
    if (fromServer instanceof Uint8Array) {
      bytes = fromServer;
      via = "running server";
    } else {
      // No server holds the directory, so this process may open it (and holds it while it copies).
      const pglite = await openPglite({ dataDir: settings.dataDir });
      try {
        bytes = await dumpPglite(pglite);
      } finally {
        await pglite.close();
      }
      via = "data directory";
    }
    await writeFile(partial, bytes, { mode: 0o600 });
    await rename(partial, outFile);
    return { bytes: bytes.byteLength, via };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Restores a backup into the configured database or data directory (see restorePglite/restorePostgres). */
export async function restoreDatabase(
  settings: BackupSettings,
  file: string,
  { force }: { force: boolean },
): Promise<{ movedAside: string | null }> {
  const bytes = await readFile(file);
  const format = backupFormatOf(bytes);
  if (format === null) throw new Error(`${file} is not a Mutual Voice backup (neither PGlite nor pg_dump).`);
  if (settings.DATABASE_URL) {
    if (format !== "postgres") {
      throw new Error(`${file} is a PGlite backup: unset DATABASE_URL to restore it into DATA_DIR.`);
    }
    await restorePostgres(settings.DATABASE_URL, file, { force, pgRestorePath: settings.PG_RESTORE_PATH });
    return { movedAside: null };
  }
  if (format !== "pglite") {
    throw new Error(`${file} is a pg_dump archive: set DATABASE_URL to the database to restore it into.`);
  }
  if ((await askServerForBackup(settings.dataDir, { probeOnly: true })) === "server") {
    throw new Error(`A running server holds ${settings.dataDir}: stop it before restoring into it.`);
  }
  return restorePglite(settings.dataDir, bytes, { force });
}
