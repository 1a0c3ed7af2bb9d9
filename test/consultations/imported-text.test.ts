import { randomBytes } from "node:crypto";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { syncConsultationsNow } from "~/models/consultations/sync.server.ts";
import { htmlToText, importedLine } from "~/utils/imported-text.ts";
import { createDb, type DbHandle } from "../../db/client.ts";
import { migrations } from "../../db/migrations/index.ts";
import { openTestDb } from "../db.ts";
import { makeStaff } from "../directory-factories.ts";
import { activitiesHandler, SCOTLAND_URL } from "../mocks/citizen-space.ts";
import {
  escapedGovukFixtures,
  escapedScotlandFixtures,
  searchResult,
} from "../mocks/consultation-fixtures.ts";
import { searchHandler } from "../mocks/govuk.ts";
import { server } from "../mocks/server.ts";
import { clearRadar, govukOnly, testSyncDeps } from "./helpers.ts";

const { db } = await openTestDb();
const staff = await makeStaff(db);

beforeEach(() => clearRadar(db));

describe("imported text", () => {
  it("decodes entities once: numeric, named, and double-escaped text stays text", () => {
    expect(importedLine("public bodies &amp; their spin-outs")).toBe("public bodies & their spin-outs");
    expect(htmlToText("We&#8217;re here 2027&ndash;2030")).toBe("We\u2019re here 2027\u20132030");
    expect(htmlToText("&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;")).toBe("&lt;b&gt;bold&lt;/b&gt;");
    expect(htmlToText("<p>a&lt;b&gt;c</p>")).toBe("a<b>c");
    expect(importedLine("Libraries\nUnlimited \t North")).toBe("Libraries Unlimited North");
  });

  it("stores GOV.UK titles, descriptions and departments without entities", async () => {
    server.use(searchHandler(() => escapedGovukFixtures().map(searchResult)));
    const [outcome] = await syncConsultationsNow(db, staff, govukOnly());
    expect(outcome?.status).toBe("succeeded");
    const row = await db
      .selectFrom("consultations")
      .select(["title", "description", "body"])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      title: "Public bodies & their spin-outs: staff transfer",
      description: "We\u2019re asking about 2027\u20132030 &lt;b&gt;transfers&lt;/b&gt; \u2026",
      body: "HM Treasury & Cabinet Office",
    });
  });

  it("stores Citizen Space text decoded and names the government, not the department", async () => {
    server.use(
      searchHandler(() => []),
      activitiesHandler(SCOTLAND_URL, () => escapedScotlandFixtures(SCOTLAND_URL)),
    );
    await syncConsultationsNow(
      db,
      staff,
      testSyncDeps({ sites: [{ nation: "scotland", url: SCOTLAND_URL }] }),
    );
    const row = await db
      .selectFrom("consultations")
      .select(["title", "description", "body"])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      title: "Employee ownership & mutuals: Fair Work first",
      description: "Views on Scotland\u2019s mutuals \u2013 \u201CFair Work\u201D.",
      body: "Scottish Government",
    });
  });
});

/** A database with nothing in it: PGlite, or a new database on the server when DATABASE_URL is set. */
async function emptyDatabase(): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const handle = await createDb({});
    return { handle, drop: () => handle.db.destroy() };
  }
  const name = `mv_repair_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), poolSize: 2 });
  return {
    handle,
    drop: async () => {
      await handle.db.destroy();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

describe("repair of stored rows", () => {
  it(
    "decodes titles imported before the fix and renames Citizen Space bodies",
    { timeout: 120_000 },
    async () => {
      const { handle, drop } = await emptyDatabase();
      try {
        const names = Object.keys(migrations).sort();
        const repair = "20261204193000_imported_text_and_bank_holidays";
        const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
        const before = names[names.indexOf(repair) - 1];
        if (!before) throw new Error("no migration before the repair");
        const first = await migrator.migrateTo(before);
        if (first.error) throw first.error;
        const [govuk, scotland] = await handle.db
          .insertInto("consultation_sources")
          .values([
            {
              key: "govuk",
              kind: "govuk",
              name: "GOV.UK",
              base_url: "https://www.gov.uk",
              level: "national",
            },
            {
              key: `citizen_space:${SCOTLAND_URL}`,
              kind: "citizen_space",
              name: "Scottish Government",
              base_url: SCOTLAND_URL,
              level: "devolved",
              nation: "scotland",
            },
          ])
          .returning("id")
          .execute();
        const base = { level: "national", url: "https://www.gov.uk/x", closes_on: "2027-01-31" };
        await handle.db
          .insertInto("consultations")
          .values([
            { ...base, source_id: govuk?.id, external_id: "a", title: "Bodies &amp; spin-outs", body: "HMT" },
            {
              ...base,
              source_id: scotland?.id,
              external_id: "b",
              title: "Care &#8211; fair work",
              body: "Social Care Directorate",
              level: "devolved",
              nation: "scotland",
            },
            {
              ...base,
              source_id: null,
              external_id: null,
              title: "Typed by staff &amp; kept",
              body: "Council",
            },
          ])
          .execute();
        const rest = await migrator.migrateToLatest();
        if (rest.error) throw rest.error;
        const rows = await handle.db
          .selectFrom("consultations")
          .select(["title", "body"])
          .orderBy("id")
          .execute();
        expect(rows).toEqual([
          { title: "Bodies & spin-outs", body: "HMT" },
          { title: "Care \u2013 fair work", body: "Scottish Government" },
          { title: "Typed by staff &amp; kept", body: "Council" },
        ]);
      } finally {
        await drop();
      }
    },
  );
});
