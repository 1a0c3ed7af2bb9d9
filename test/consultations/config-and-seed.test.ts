import { describe, expect, it } from "vitest";
import { seedDemoConsultations } from "../../db/seed-consultations.ts";
import { syncDepsFromEnv } from "~/models/consultations/sync.server.ts";
import { governmentOfConsultation } from "~/schemas/consultations.ts";
import { EnvError, loadEnv } from "~/utils/env.server.ts";
import { openTestDb } from "../db.ts";

const { db } = await openTestDb();

describe("configuration", () => {
  it("defaults to GOV.UK and the Scottish and Northern Ireland Citizen Space sites", () => {
    const env = loadEnv({ NODE_ENV: "test" });
    expect(env.GOVUK_API_URL).toBe("https://www.gov.uk");
    expect(env.CITIZEN_SPACE_SITES).toEqual([
      { nation: "scotland", url: "https://consult.gov.scot" },
      { nation: "northern_ireland", url: "https://consultations2.nidirect.gov.uk" },
    ]);
    expect(env.CONSULTATION_DAILY_SYNC).toBe(true);
    expect(syncDepsFromEnv(env).citizenSpaceSites).toHaveLength(2);
  });

  it("takes a list of sites, or none, and names a bad entry", () => {
    expect(
      loadEnv({
        CITIZEN_SPACE_SITES: " wales=https://consult.example.gov.wales/ , scotland=https://consult.gov.scot",
      }).CITIZEN_SPACE_SITES,
    ).toEqual([
      { nation: "wales", url: "https://consult.example.gov.wales" },
      { nation: "scotland", url: "https://consult.gov.scot" },
    ]);
    expect(loadEnv({ CITIZEN_SPACE_SITES: "" }).CITIZEN_SPACE_SITES).toEqual([]);
    expect(() => loadEnv({ CITIZEN_SPACE_SITES: "mars=https://example.org" })).toThrow(EnvError);
    expect(() => loadEnv({ CITIZEN_SPACE_SITES: "scotland=ftp://example.org" })).toThrow(
      /CITIZEN_SPACE_SITES/,
    );
  });

  it("names the government a submission goes to from level and nation", () => {
    expect(governmentOfConsultation("national", null)).toBe("uk_government");
    expect(governmentOfConsultation("devolved", "wales")).toBe("welsh_government");
    expect(governmentOfConsultation("devolved", "northern_ireland")).toBe("northern_ireland_executive");
    expect(governmentOfConsultation("local", "scotland")).toBe("local_authority_scotland");
  });
});

describe("demo seed", () => {
  it("adds topic keywords and a few hand-entered consultations, some flagged relevant", async () => {
    expect(await seedDemoConsultations(db)).toBe(4);
    const rows = await db.selectFrom("consultations").select(["title", "relevant", "source_id"]).execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row.source_id === null)).toBe(true);
    expect(rows.filter((row) => row.relevant).map((row) => row.title)).toContain(
      "Social value in Welsh public procurement: statutory guidance",
    );
    const keywords = await db.selectFrom("topic_keywords").select("keyword").execute();
    expect(keywords.length).toBeGreaterThan(5);
  });
});
