import { beforeEach, describe, expect, it } from "vitest";
import { runDailyConsultationSync, syncConsultationsNow } from "~/models/consultations/sync.server.ts";
import { openTestDb } from "../db.ts";
import { makeStaff } from "../directory-factories.ts";
import { server } from "../mocks/server.ts";
import { govukScenarios } from "../mocks/govuk.ts";
import { addKeywords, clearRadar, dayFromNow, govukOnly, runsOf } from "./helpers.ts";

const { db } = await openTestDb();
const staff = await makeStaff(db);

beforeEach(() => clearRadar(db));

const consultations = () =>
  db
    .selectFrom("consultations")
    .select([
      "external_id",
      "title",
      "body",
      "level",
      "nation",
      "applies_to",
      "url",
      "opens_on",
      "closes_on",
      "relevant",
      "matched_keywords",
    ])
    .orderBy("external_id")
    .execute();

describe("GOV.UK import", () => {
  it("imports every open consultation, asking the Content API for a missing end date", async () => {
    await addKeywords(db, [
      ["vat", "vat"],
      ["procurement", "procurement"],
    ]);
    const [outcome] = await syncConsultationsNow(db, staff, govukOnly());
    expect(outcome?.status).toBe("succeeded");
    const rows = await consultations();
    expect(rows).toHaveLength(4);
    const vat = rows.find((row) => row.title.startsWith("VAT"));
    expect(vat).toMatchObject({
      body: "HM Treasury, HM Revenue & Customs",
      level: "national",
      nation: null,
      url: "https://www.gov.uk/government/consultations/vat-cost-sharing-exemption-for-public-service-mutuals",
      closes_on: dayFromNow(40),
      opens_on: dayFromNow(-10),
      relevant: true,
      matched_keywords: [{ topic: "vat", keyword: "vat" }],
    });
    const procurement = rows.find((row) => row.title.startsWith("Procurement"));
    expect(procurement).toMatchObject({
      closes_on: dayFromNow(25),
      applies_to: ["england", "wales"],
      relevant: true,
    });
    // "Private" holds "vat" but not as a word: not relevant. No organisations: UK Government.
    const parking = rows.find((row) => row.title.startsWith("Private parking"));
    expect(parking).toMatchObject({ relevant: false, body: "UK Government" });
    const [run] = await runsOf(db);
    expect(run).toMatchObject({
      key: "govuk",
      trigger: "manual",
      imported_count: 4,
      updated_count: 0,
      skipped_count: 0,
    });
    expect(run?.error_message).toBeNull();
  });

  it("upserts by content_id: a second sync changes nothing, a changed record is updated", async () => {
    await syncConsultationsNow(db, staff, govukOnly());
    await db
      .updateTable("consultations")
      .set({ title: "An old title" })
      .where("external_id", "=", "3b5e5d4a-2f0c-4b9e-9a57-0c2b0f6f1a01")
      .execute();
    await syncConsultationsNow(db, staff, govukOnly());
    const runs = await runsOf(db);
    expect(runs[1]).toMatchObject({
      status: "succeeded",
      imported_count: 0,
      updated_count: 1,
      skipped_count: 0,
    });
    expect(await consultations()).toHaveLength(4);
  });

  it("records a timeout against the source and carries on", async () => {
    server.use(govukScenarios.timeout());
    const [outcome] = await syncConsultationsNow(db, staff, govukOnly());
    expect(outcome?.status).toBe("failed");
    const [run] = await runsOf(db);
    expect(run?.error_message).toMatch(/GOV.UK search could not be read: no answer within 300 ms/);
    expect(run?.error_at).toBeInstanceOf(Date);
    expect(run?.finished_at).toBeInstanceOf(Date);
  });

  it("records a 5xx", async () => {
    server.use(govukScenarios.serverError());
    await syncConsultationsNow(db, staff, govukOnly());
    const [run] = await runsOf(db);
    expect(run).toMatchObject({ status: "failed", imported_count: 0 });
    expect(run?.error_message).toMatch(/GOV.UK search answered HTTP 503/);
  });

  it("records a 422 with GOV.UK's explanation", async () => {
    server.use(govukScenarios.unprocessable());
    await syncConsultationsNow(db, staff, govukOnly());
    const [run] = await runsOf(db);
    expect(run?.status).toBe("failed");
    expect(run?.error_message).toMatch(/HTTP 422: .*Invalid value/);
  });

  it("records malformed JSON", async () => {
    server.use(govukScenarios.malformedJson());
    await syncConsultationsNow(db, staff, govukOnly());
    const [run] = await runsOf(db);
    expect(run?.error_message).toBe("GOV.UK search sent a response that is not valid JSON");
  });

  it("skips a record missing a field and imports the rest", async () => {
    server.use(govukScenarios.recordsMissingFields());
    const [outcome] = await syncConsultationsNow(db, staff, govukOnly());
    expect(outcome?.status).toBe("partial");
    const [run] = await runsOf(db);
    expect(run).toMatchObject({ imported_count: 2, skipped_count: 2 });
    expect(run?.error_message).toBeNull();
    expect(run?.skipped).toEqual([
      { ref: "8c1f6a2e-77d4-4f4b-8a0e-4f5d3c2b1a02", reason: "title: no title" },
      {
        ref: "/government/consultations/procurement-thresholds-for-reserved-contracts",
        reason: "content_id: no content_id",
      },
    ]);
    expect(await consultations()).toHaveLength(2);
  });

  it("keeps the pages already imported when a later page fails", async () => {
    server.use(govukScenarios.secondPageFails());
    await syncConsultationsNow(db, staff, govukOnly());
    const [run] = await runsOf(db);
    expect(run).toMatchObject({ status: "failed", imported_count: 2 });
    expect(run?.error_message).toMatch(/HTTP 502/);
    expect(await consultations()).toHaveLength(2);
  });

  it("skips a record without end date when the Content API is down", async () => {
    server.use(govukScenarios.contentDown());
    await syncConsultationsNow(db, staff, govukOnly());
    const [run] = await runsOf(db);
    expect(run).toMatchObject({ status: "partial", imported_count: 3, skipped_count: 1 });
    expect(JSON.stringify(run?.skipped)).toMatch(/no end_date, and GOV.UK content .* answered HTTP 504/);
  });
});

describe("once a day, however many processes", () => {
  it("runs each source once per day; a second scheduled run does nothing", async () => {
    const first = await runDailyConsultationSync(db, govukOnly());
    const second = await runDailyConsultationSync(db, govukOnly());
    expect(first.map((outcome) => outcome.status)).toEqual(["succeeded"]);
    expect(second.map((outcome) => outcome.status)).toEqual(["already_ran_today"]);
    expect(await runsOf(db)).toHaveLength(1);
  });

  it("two processes starting together import once", async () => {
    const outcomes = (
      await Promise.all([
        runDailyConsultationSync(db, govukOnly()),
        runDailyConsultationSync(db, govukOnly()),
      ])
    ).flat();
    expect(outcomes.filter((outcome) => outcome.status === "succeeded")).toHaveLength(1);
    expect(await runsOf(db)).toHaveLength(1);
  });

  it("a sync now while one is running does nothing; a run cut off long ago is marked abandoned", async () => {
    const [source] = await db
      .selectFrom("consultation_sources")
      .select("id")
      .where("key", "=", "govuk")
      .execute();
    if (!source) throw new Error("no GOV.UK source");
    await db
      .insertInto("consultation_sync_runs")
      .values({ source_id: source.id, trigger: "manual", run_date: dayFromNow(0) })
      .execute();
    const [blocked] = await syncConsultationsNow(db, staff, govukOnly());
    expect(blocked?.status).toBe("already_running");
    await db
      .updateTable("consultation_sync_runs")
      .set({ started_at: new Date(Date.now() - 3_600_000) })
      .execute();
    const [ran] = await syncConsultationsNow(db, staff, govukOnly());
    expect(ran?.status).toBe("succeeded");
    const runs = await runsOf(db);
    expect(runs[0]).toMatchObject({ status: "failed" });
    expect(runs[0]?.error_message).toMatch(/Abandoned/);
  });
});
