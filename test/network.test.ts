import { describe, expect, test } from "vitest";
import { getNetworkFigures } from "~/models/directory/network.server.ts";
import { archiveOrganisation } from "~/models/directory/organisations.server.ts";
import { describeNetwork, formatPoundsShort } from "~/utils/format.ts";
import { openTestDb } from "./db.ts";
import { makeOrganisation, makeStaff } from "./directory-factories.ts";
import { startTestApp } from "./harness.ts";

// This file's database holds only the organisations made here, so totals are exact.
const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await makeStaff(db);

const place = (nation: "england" | "wales" | "scotland", code: string) => ({
  nation,
  postcode: "BS1 5TR",
  localAuthority: "Somewhere",
  localAuthorityCode: code,
});

await makeOrganisation(db, {
  ...place("england", "E06000023"),
  serviceArea: "health",
  staffCount: 1000,
  publicIncomeGbp: "20000000.10",
  joinedOn: "2016-01-01",
});
await makeOrganisation(db, {
  ...place("wales", "W06000015"),
  serviceArea: "libraries",
  staffCount: 50,
  publicIncomeGbp: "1000000.20",
  joinedOn: "2024-06-01",
});
await makeOrganisation(db, { serviceArea: "health", staffCount: 10, publicIncomeGbp: "500", joinedOn: null });
await makeOrganisation(db, {
  ...place("scotland", "S12000036"),
  membershipStatus: "prospective",
  joinedOn: null,
  staffCount: 999,
});
await makeOrganisation(db, {
  ...place("scotland", "S12000036"),
  membershipStatus: "lapsed",
  staffCount: 999,
});
await makeOrganisation(db, { ...place("england", "E06000023"), membershipStatus: "left", staffCount: 999 });
const archived = await makeOrganisation(db, { ...place("england", "E06000023"), staffCount: 999 });
await archiveOrganisation(db, staff, archived.id);

describe("network figures", () => {
  test("count active, unarchived members only, by nation and by service area, pence exact", async () => {
    const figures = await getNetworkFigures(db, { asOf: "2026-01-01" });
    expect(figures).toMatchObject({
      asOf: "2026-01-01",
      members: 3,
      staff: 1060,
      publicIncomeGbp: 21000500.3,
    });
    expect(figures.byNation).toEqual([
      { nation: "england", members: 1, staff: 1000, publicIncomeGbp: 20000000.1 },
      { nation: "scotland", members: 0, staff: 0, publicIncomeGbp: 0 },
      { nation: "wales", members: 1, staff: 50, publicIncomeGbp: 1000000.2 },
      { nation: "northern_ireland", members: 0, staff: 0, publicIncomeGbp: 0 },
    ]);
    expect(figures.unknownNation).toEqual({ members: 1, staff: 10, publicIncomeGbp: 500 });
    expect(figures.byServiceArea.find((row) => row.serviceArea === "health")).toEqual({
      serviceArea: "health",
      members: 2,
      staff: 1010,
      publicIncomeGbp: 20000500.1,
    });
    expect(figures.byServiceArea).toHaveLength(10);
  });

  test("as of an earlier date, members who joined later are left out; an unknown joining date always counts", async () => {
    expect(await getNetworkFigures(db, { asOf: "2020-01-01" })).toMatchObject({ members: 2, staff: 1010 });
    expect(await getNetworkFigures(db, { asOf: "2010-01-01" })).toMatchObject({ members: 1, staff: 10 });
    expect((await getNetworkFigures(db)).asOf).toBe(new Date().toISOString().slice(0, 10));
  });

  test("say who we are the way documents quote it", () => {
    expect(describeNetwork({ members: 118, staff: 34_800, publicIncomeGbp: 980_000_000 })).toBe(
      "118 mutuals, 34,800 staff, £0.98bn of public services",
    );
    expect(describeNetwork({ members: 1, staff: 5, publicIncomeGbp: 21_460_000 })).toBe(
      "1 mutual, 5 staff, £21.5m of public services",
    );
    expect(formatPoundsShort(950)).toBe("£950");
  });

  test("the overview page takes a date and refuses a bad one gently", async () => {
    const dated = await site.load("/network?asOf=2020-01-01", { as: staff });
    expect(dated.data).toMatchObject({ figures: { asOf: "2020-01-01", members: 2 }, invalidDate: false });
    const bad = await site.load("/network?asOf=31/02/2020", { as: staff });
    expect(bad.data).toMatchObject({ invalidDate: true, figures: { members: 3 } });
  });
});
