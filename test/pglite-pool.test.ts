import type { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openPglite } from "../db/client.ts";
import { migrateToLatest } from "../db/migrate.ts";
import type { Database } from "../db/schema.ts";
import { makeOrganisation } from "./directory-factories.ts";
import { readMigratedState, resetToMigrated, type MigratedState } from "./pglite-pool.ts";

// The unit suite's files share PGlite instances (test/pglite-pool.ts): what one file leaves behind
// must be gone before the next starts, or files would pass or fail by the order they ran in.
let pglite: PGlite;
let db: Kysely<Database>;
let migrated: MigratedState;

beforeAll(async () => {
  pglite = await openPglite({});
  db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  await migrateToLatest(db);
  migrated = await readMigratedState(pglite);
});
afterAll(() => pglite.close());

const count = async (table: string) =>
  (await pglite.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n;

test("a reset empties what a file wrote, restarts ids, keeps what the migrations wrote, and ends the session's state", async () => {
  const settingsBefore = (await pglite.query("select * from security_settings")).rows;
  expect(settingsBefore).toHaveLength(1);
  await makeOrganisation(db);
  // One statement a call: PGlite runs a call's statements as one transaction.
  await pglite.exec("update security_settings set second_factor_required_for_staff = true");
  await pglite.exec("set time zone 'Pacific/Auckland'");
  await pglite.exec("create temporary table left_behind (id int)");
  await pglite.exec("begin");
  await pglite.exec("update security_settings set updated_at = now() - interval '1 day'");

  expect(await resetToMigrated(pglite, migrated)).toBe(true);

  expect(await count("organisations")).toBe(0);
  expect((await pglite.query("select * from security_settings")).rows).toEqual(settingsBefore);
  expect(
    (await pglite.query<{ tz: string }>("select current_setting('TimeZone') as tz")).rows[0]?.tz,
  ).not.toBe("Pacific/Auckland");
  const leftBehind = await pglite.query<{ table: string | null }>(
    "select to_regclass('left_behind')::text as table",
  );
  expect(leftBehind.rows[0]?.table).toBeNull();
  expect((await makeOrganisation(db)).id).toBe(1);
  expect(await count("kysely_migration")).toBeGreaterThan(0);
});

test("an instance whose schema a file changed, or that a file closed, is not handed on", async () => {
  await pglite.exec("alter table organisations add column stray text");
  expect(await resetToMigrated(pglite, migrated)).toBe(false);
  await pglite.exec("alter table organisations drop column stray");
  expect(await resetToMigrated(pglite, migrated)).toBe(true);

  const closed = await openPglite({});
  await closed.close();
  expect(await resetToMigrated(closed, migrated)).toBe(false);
});
