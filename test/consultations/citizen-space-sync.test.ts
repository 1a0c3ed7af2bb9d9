import { beforeEach, describe, expect, it } from "vitest";
import { syncConsultationsNow } from "~/models/consultations/sync.server.ts";
import { openTestDb } from "../db.ts";
import { makeStaff } from "../directory-factories.ts";
import { citizenSpaceScenarios, NORTHERN_IRELAND_URL, SCOTLAND_URL } from "../mocks/citizen-space.ts";
import { searchHandler } from "../mocks/govuk.ts";
import { server } from "../mocks/server.ts";
import { addKeywords, clearRadar, dayFromNow, runsOf, testSyncDeps } from "./helpers.ts";

const { db } = await openTestDb();
const staff = await makeStaff(db);

beforeEach(async () => {
  await clearRadar(db);
  // GOV.UK has nothing open in these tests: only the Citizen Space sites bring consultations.
  server.use(searchHandler(() => []));
});

const imported = () =>
  db
    .selectFrom("consultations")
    .innerJoin("consultation_sources", "consultation_sources.id", "consultations.source_id")
    .select([
      "consultation_sources.key",
      "consultations.external_id",
      "consultations.title",
      "consultations.description",
      "consultations.body",
      "consultations.level",
      "consultations.nation",
      "consultations.url",
      "consultations.opens_on",
      "consultations.closes_on",
      "consultations.relevant",
    ])
    .where("consultation_sources.kind", "=", "citizen_space")
    .orderBy("consultations.external_id")
    .execute();

const citizenSpaceRuns = async () => (await runsOf(db)).filter((run) => run.key.startsWith("citizen_space:"));

describe("Citizen Space import", () => {
  it("imports open activities from each configured site, with yyyy/mm/dd dates", async () => {
    await addKeywords(db, [
      ["commissioning", "commissioning"],
      ["pensions", "pensions"],
    ]);
    const outcomes = await syncConsultationsNow(db, staff, testSyncDeps());
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    const rows = await imported();
    expect(rows).toHaveLength(3);
    expect(
      rows.find((row) => row.external_id === "social-care/national-care-service-commissioning"),
    ).toMatchObject({
      key: `citizen_space:${SCOTLAND_URL}`,
      title: "Ethical commissioning of social care services",
      description:
        "The Scottish Government is seeking views on ethical commissioning and procurement of social care.",
      body: "Scottish Government",
      level: "devolved",
      nation: "scotland",
      url: `${SCOTLAND_URL}/social-care/national-care-service-commissioning/`,
      opens_on: dayFromNow(-7),
      closes_on: dayFromNow(30),
      relevant: true,
    });
    expect(rows.find((row) => row.external_id === "dof/public-sector-pensions-review")).toMatchObject({
      key: `citizen_space:${NORTHERN_IRELAND_URL}`,
      nation: "northern_ireland",
      relevant: true,
    });
    expect(rows.find((row) => row.external_id === "environment-forestry/deer-management")?.relevant).toBe(
      false,
    );
  });

  it("upserts by site and id: the same id on two sites is two consultations", async () => {
    const sameIdSites = testSyncDeps({
      sites: [
        { nation: "scotland", url: SCOTLAND_URL },
        { nation: "northern_ireland", url: "https://consultations.example.gov.uk" },
      ],
    });
    server.use(citizenSpaceScenarios.recordsMissingFields("https://consultations.example.gov.uk"));
    await syncConsultationsNow(db, staff, sameIdSites);
    await syncConsultationsNow(db, staff, sameIdSites);
    const rows = await imported();
    expect(
      rows.filter((row) => row.external_id === "social-care/national-care-service-commissioning"),
    ).toHaveLength(2);
    const second = (await citizenSpaceRuns()).slice(2);
    expect(second.map((run) => [run.imported_count, run.updated_count])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  const failures = [
    [
      "timeout",
      citizenSpaceScenarios.timeout,
      /Citizen Space at consult.gov.scot could not be read: no answer within 300 ms/,
    ],
    ["5xx", citizenSpaceScenarios.serverError, /answered HTTP 500/],
    ["422", citizenSpaceScenarios.unprocessable, /answered HTTP 422: .*Invalid search parameters/],
    ["malformed JSON", citizenSpaceScenarios.malformedJson, /not valid JSON/],
    ["JSON that is not a list", citizenSpaceScenarios.notAList, /not a list of activities/],
  ] as const;

  for (const [name, scenario, message] of failures) {
    it(`records a ${name} against that site only; the other sites import`, async () => {
      server.use(scenario());
      await syncConsultationsNow(db, staff, testSyncDeps());
      const [scotland, northernIreland] = await citizenSpaceRuns();
      expect(scotland).toMatchObject({ status: "failed", imported_count: 0 });
      expect(scotland?.error_message).toMatch(message);
      expect(scotland?.error_at).toBeInstanceOf(Date);
      expect(northernIreland).toMatchObject({ status: "succeeded", imported_count: 1 });
    });
  }

  it("skips an activity missing its end date or with a date in another format, imports the rest", async () => {
    server.use(citizenSpaceScenarios.recordsMissingFields());
    await syncConsultationsNow(db, staff, testSyncDeps());
    const [scotland] = await citizenSpaceRuns();
    expect(scotland).toMatchObject({ status: "partial", imported_count: 2, skipped_count: 2 });
    expect(scotland?.skipped).toEqual([
      { ref: "health/no-end-date", reason: "enddate: no date" },
      { ref: "health/us-date", reason: "enddate: date is not yyyy/mm/dd" },
    ]);
  });
});
