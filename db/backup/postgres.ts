import { spawn } from "node:child_process";
import { accessSync, constants, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";

type Tool = "pg_dump" | "pg_restore";

/**
 * The pg_dump or pg_restore to run: the one named by PG_DUMP_PATH / PG_RESTORE_PATH, else the first
 * on the PATH, else the newest in Debian's /usr/lib/postgresql/<version>/bin.
 */
export function findTool(
  tool: Tool,
  configured: string | undefined,
  searchPath = process.env.PATH ?? "",
): string {
  const variable = tool === "pg_dump" ? "PG_DUMP_PATH" : "PG_RESTORE_PATH";
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new Error(`${variable} is ${configured}, which is not an executable file.`);
  }
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, tool);
    if (isExecutable(candidate)) return candidate;
  }
  const debian = "/usr/lib/postgresql";
  const versions = safeReaddir(debian).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const candidate = path.join(debian, version, "bin", tool);
    if (isExecutable(candidate)) return candidate;
  }
  throw new Error(
    `${tool} was not found on the PATH or in ${debian}/*/bin. Install the PostgreSQL client tools ` +
      `(Debian: apt-get install postgresql-client) or set ${variable} to its full path.`,
  );
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} exited with code ${code}:\n${stderr.trim()}`));
    });
  });
}

/**
 * pg_dump's custom format: one consistent snapshot (a repeatable-read transaction) however much is
 * written meanwhile, compressed, and pg_restore can restore it whole or in part.
 */
export async function dumpPostgres(databaseUrl: string, outFile: string, pgDumpPath?: string): Promise<void> {
  await run(findTool("pg_dump", pgDumpPath), [
    "--format=custom",
    "--no-owner",
    "--file",
    outFile,
    databaseUrl,
  ]);
}

/** How many tables the database holds outside PostgreSQL's own schemas. */
export async function countTables(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * Restores a custom-format dump in one transaction, so a failure leaves the database as it was. The
 * database must have no tables unless `force`, which drops and recreates those the dump holds.
 */
export async function restorePostgres(
  databaseUrl: string,
  file: string,
  { force, pgRestorePath }: { force: boolean; pgRestorePath?: string | undefined },
): Promise<void> {
  const tool = findTool("pg_restore", pgRestorePath);
  const tables = await countTables(databaseUrl);
  if (tables > 0 && !force) {
    throw new Error(
      `The database already has ${tables} tables. Restore into an empty database, or add --force to ` +
        "drop and recreate what the backup holds.",
    );
  }
  await run(tool, [
    "--no-owner",
    "--exit-on-error",
    "--single-transaction",
    ...(tables > 0 ? ["--clean", "--if-exists"] : []),
    "--dbname",
    databaseUrl,
    file,
  ]);
}
