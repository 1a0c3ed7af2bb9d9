import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Kysely, PGliteDialect, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openPglite } from "../db/client.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { buildAppIfStale } from "./build-if-stale.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: a file holding the migrated data directory. */
    pgliteSnapshot: string;
    /** Server: the migrated template database each test file copies. */
    templateDatabase: string;
  }
}

/**
 * Builds the app when needed (the route tests in test/harness.ts serve the bundle server.ts serves,
 * so they test what runs) and migrates once; every test file then starts from a copy of the result.
 */
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
