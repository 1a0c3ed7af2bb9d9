import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Kysely, PGliteDialect, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openPglite } from "../db/client.ts";
import { migrateToLatest } from "../db/migrate.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: a file holding the migrated data directory. */
    pgliteSnapshot: string;
    /** Server: the migrated template database each test file copies. */
    templateDatabase: string;
  }
}

/** Builds the app when needed and migrates once; every test file then starts from a copy of the result. */
export default async function setup(project: TestProject) {
  await buildAppIfStale();
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const template = `mv_template_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${template}`;
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 1 }) }),
    });
    await migrateToLatest(db);
    await db.destroy();
    project.provide("templateDatabase", template);
    project.provide("pgliteSnapshot", "");
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }

  const dir = await mkdtemp(path.join(tmpdir(), "mv-test-"));
  const pglite = await openPglite({});
  const db = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
  await migrateToLatest(db);
  await sql`checkpoint`.execute(db);
  const snapshot = await pglite.dumpDataDir("none");
  const file = path.join(dir, "migrated.tar");
  await writeFile(file, Buffer.from(await snapshot.arrayBuffer()));
  await db.destroy();
  project.provide("pgliteSnapshot", file);
  project.provide("templateDatabase", "");
  return () => rm(dir, { recursive: true, force: true });
}

/**
 * The route tests (test/harness.ts) send requests to the bundle `remix build` writes to
 * build/index.js, the one server.ts serves, so they test what runs. Building takes a quarter of a
 * minute: once per run, and only when a source it bundles is newer than the last build.
 */
async function buildAppIfStale() {
  const built = await modifiedAt("build/index.js");
  const sources = await Promise.all(["app", "db", "emails", "remix.config.js"].map(newestModification));
  if (built > Math.max(...sources)) return;
  const build = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error(`remix build exited with code ${build.status}`);
}

async function modifiedAt(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.mtimeMs ?? 0;
}

async function newestModification(entry: string): Promise<number> {
  const info = await stat(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  const names = await readdir(entry, { recursive: true });
  const times = await Promise.all(names.map((name) => modifiedAt(path.join(entry, name))));
  return Math.max(info.mtimeMs, ...times);
}
