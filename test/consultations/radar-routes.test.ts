import { beforeEach, describe, expect, it } from "vitest";
import { runRequestedConsultationSyncs, syncConsultationsNow } from "~/models/consultations/sync.server.ts";
import { getConsultation } from "~/models/consultations/consultations.server.ts";
import { createManualConsultation } from "~/models/consultations/manual.server.ts";
import { openTestDb } from "../db.ts";
import { makeMember, makeOrganisation, makeStaff } from "../directory-factories.ts";
import { startTestApp } from "../harness.ts";
import { govukScenarios } from "../mocks/govuk.ts";
import { submission } from "../submissions/factories.ts";
import { server } from "../mocks/server.ts";
import {
  addKeywords,
  clearRadar,
  dayFromNow,
  govukOnly,
  testSyncDeps,
  welshConsultation,
} from "./helpers.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await makeStaff(db);
const member = await makeMember(db, (await makeOrganisation(db)).id);
// The radar is an index route: its forms post to /consultations?index.
const radar = "/consultations?index";

beforeEach(() => clearRadar(db));

const validForm = {
  title: "Funding for community leisure trusts",
  body: "Welsh Government",
  level: "devolved",
  nation: "wales",
  url: "https://www.gov.wales/funding-community-leisure-trusts",
  description: "",
  opensOn: dayFromNow(-1),
  closesOn: dayFromNow(30),
};

describe("adding a consultation by hand", () => {
  it("creates it and goes to its page", async () => {
    const result = await site.post("/consultations/new", validForm, { as: staff });
    expect(result.status).toBe(303);
    expect(result.location).toMatch(/^\/consultations\/\d+$/);
  });

  it("bad input is a 400 with every message and the typing kept", async () => {
    const { opensOn: _opens, closesOn: _closes, ...notDates } = validForm;
    const typed = {
      ...notDates,
      title: "  ",
      level: "devolved",
      nation: "",
      url: "gov.wales/not-a-link",
      "opensOn-day": "30",
      "opensOn-month": "2",
      "opensOn-year": "2027",
      "closesOn-day": "1",
      "closesOn-month": "1",
      "closesOn-year": "2026",
    };
    const result = await site.post("/consultations/new", typed, { as: staff });
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({
      title: "Enter a title",
      nation: "Choose the nation of the devolved government or council",
      url: "Enter the link as a full web address starting https://",
      opensOn: "Enter the opening date as a real date, for example 31 1 2027",
    });
    // The date boxes keep what was typed.
    expect(result.data.values).toMatchObject({
      url: "gov.wales/not-a-link",
      "opensOn-day": "30",
      "opensOn-month": "2",
      "opensOn-year": "2027",
    });
  });

  it("takes dates as day, month and year boxes, as GOV.UK's date input sends them", async () => {
    const { opensOn: _opens, closesOn: _closes, ...rest } = validForm;
    const [year, month, day] = dayFromNow(30).split("-");
    const result = await site.post(
      "/consultations/new",
      {
        ...rest,
        "opensOn-day": String(Number(day)),
        "opensOn-month": String(Number(month)),
        "opensOn-year": year ?? "",
        "closesOn-day": String(Number(day)),
        "closesOn-month": String(Number(month)),
        "closesOn-year": year ?? "",
      },
      { as: staff },
    );
    expect(result.data?.errors).toBeUndefined();
    expect(result.status).toBe(303);
    const saved = await db
      .selectFrom("consultations")
      .select(["opens_on", "closes_on"])
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ opens_on: dayFromNow(30), closes_on: dayFromNow(30) });
    const wrong = await site.post(
      "/consultations/new",
      {
        ...rest,
        opensOn: dayFromNow(0),
        "closesOn-day": "31",
        "closesOn-month": "Feb",
        "closesOn-year": "27",
      },
      { as: staff },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toMatchObject({
      closesOn: "Enter the closing date as a real date, for example 31 1 2027",
    });
  });

  it("refuses a closing date before the opening date", async () => {
    const result = await site.post(
      "/consultations/new",
      { ...validForm, opensOn: dayFromNow(5), closesOn: dayFromNow(4) },
      { as: staff },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({
      closesOn: "The closing date must be the same as or after the opening date",
    });
  });

  it("members cannot add one", async () => {
    const response = await site.post("/consultations/new", validForm, { as: member });
    expect(response.status).toBe(403);
  });
});

describe("editing", () => {
  it("saves, and a stale version is a 409 that keeps the typing", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    const edit = `/consultations/${id}/edit`;
    const saved = await site.post(edit, { ...validForm, version: "1" }, { as: staff });
    expect(saved.status).toBe(303);
    const stale = await site.post(
      edit,
      { ...validForm, title: "My stale edit", version: "1" },
      { as: staff },
    );
    expect(stale.status).toBe(409);
    expect(stale.data.values).toMatchObject({ title: "My stale edit" });
    expect((await getConsultation(db, staff, id)).title).toBe(validForm.title);
  });

  it("an imported consultation's edit page sends back to its page", async () => {
    await syncConsultationsNow(db, staff, govukOnly());
    const imported = await db.selectFrom("consultations").select("id").limit(1).executeTakeFirstOrThrow();
    const id = String(imported.id);
    const response = await site.get(`/consultations/${id}/edit`, { as: staff });
    expect(response.status).toBe(302);
    expect(response.location).toBe(`/consultations/${id}`);
  });

  it("an unknown or malformed id is a 404", async () => {
    for (const id of ["999999", "abc", "-1", "99999999999"]) {
      const response = await site.get(`/consultations/${id}/edit`, { as: staff });
      expect(response.status).toBe(404);
      const detail = await site.get(`/consultations/${id}`, { as: staff });
      expect(detail.status).toBe(404);
    }
  });
});

describe("the radar page", () => {
  it("shows the relevant tab by default, with days left computed from today", async () => {
    await addKeywords(db, [["funding", "funding"]]);
    const id = await createManualConsultation(
      db,
      staff,
      welshConsultation({ title: "Funding formula review" }),
    );
    const result = await site.load("/consultations", { as: staff });
    expect(result.data.filter).toMatchObject({ view: "relevant" });
    expect(result.data.consultations).toMatchObject([{ id, matchedKeywords: [{ keyword: "funding" }] }]);
  });

  it("dismisses with a reason, offers undo, and undoes", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    const dismissed = await site.post(
      radar,
      {
        intent: "dismiss",
        consultationId: String(id),
        reason: "Not our sector",
        returnTo: "?view=open&page=1",
      },
      { as: staff },
    );
    expect(dismissed).toMatchObject({
      status: 303,
      location: `/consultations?view=open&page=1&dismissed=${id}`,
    });
    const page = await site.load(`/consultations?view=open&dismissed=${id}`, { as: staff });
    expect(page.data.justDismissed).toMatchObject({ id });
    const undone = await site.post(
      radar,
      { intent: "undo-dismiss", consultationId: String(id), returnTo: "" },
      { as: staff },
    );
    expect(undone).toMatchObject({ status: 303, location: "/consultations" });
    expect((await getConsultation(db, staff, id)).triageState).toBe("untriaged");
  });

  it("adopting goes to the consultation, whose page links to a new submission", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    const adopted = await site.post(radar, { intent: "adopt", consultationId: String(id) }, { as: staff });
    expect(adopted).toMatchObject({ status: 303, location: `/consultations/${id}` });
    const deadlines = await site.load("/consultations/deadlines", { as: staff });
    expect(deadlines.data.groups).toMatchObject({ later: [{ id }] });
  });

  it("a consultation with a submission links to it, on its page and in the deadlines, instead of offering to start one", async () => {
    const { id, consultationId } = await submission(db, staff);
    const page = await site.load(`/consultations/${consultationId}`, { as: staff });
    expect(page.data).toMatchObject({
      consultation: { triageState: "adopted" },
      submissions: [{ id, government: "uk_government", state: "drafting" }],
    });
    const deadlines = await site.load("/consultations/deadlines", { as: staff });
    expect(deadlines.data.submissions).toEqual([
      { id, consultationId, government: "uk_government", state: "drafting" },
    ]);
    // Each test starts with an empty radar, which a submission would hold on to.
    await db.deleteFrom("submission_questions").where("submission_id", "=", id).execute();
    await db.deleteFrom("submissions").where("id", "=", id).execute();
  });

  it("an illegal triage step is a 409 with the reason; a bad intent a 400", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    await site.post(`/consultations/${id}?index`, { intent: "adopt" }, { as: staff });
    const refused = await site.post(`/consultations/${id}?index`, { intent: "dismiss" }, { as: staff });
    expect(refused.status).toBe(409);
    expect(refused.data.refusal).toMatch(/cannot be dismissed/);
    const bad = await site.post(radar, { intent: "explode", consultationId: String(id) }, { as: staff });
    expect(bad.status).toBe(400);
    const missing = await site.post(radar, { intent: "adopt", consultationId: "987654" }, { as: staff });
    expect(missing.status).toBe(404);
  });

  it("members get 403 on every radar page", async () => {
    for (const page of ["", "/deadlines", "/sources", "/topics", "/new"]) {
      expect((await site.get(`/consultations${page}`, { as: member })).status).toBe(403);
    }
  });
});

describe("sources and sync", () => {
  it("sync now asks the background loop, shows it waiting, then each source's run, failures included", async () => {
    server.use(govukScenarios.serverError());
    const synced = await site.post("/consultations/sources", { intent: "sync-now" }, { as: staff });
    expect(synced).toMatchObject({ status: 303, location: "/consultations/sources" });
    // The request only asked: nothing was fetched from outside while it was answered.
    const waiting = await site.load("/consultations/sources", { as: staff });
    expect(waiting.data.syncRequest).toMatchObject({ state: "queued", error: null });
    expect(await db.selectFrom("consultation_sync_runs").select("id").execute()).toEqual([]);
    // A second press while it waits is the same request.
    await site.post("/consultations/sources", { intent: "sync-now" }, { as: staff });
    expect(await db.selectFrom("background_jobs").select("id").execute()).toHaveLength(1);

    expect(await runRequestedConsultationSyncs(db, testSyncDeps())).toBe(1);
    const page = await site.load("/consultations/sources", { as: staff });
    expect(page.data.syncRequest).toMatchObject({
      state: "done",
      progress: "2 of 3 sources imported; 1 failed (see below)",
    });
    expect((await site.get("/consultations/sources", { as: staff })).text).toContain(
      "2 of 3 sources imported",
    );
    const sources = page.data.sources;
    expect(sources).toMatchObject([
      { name: "GOV.UK", runs: [{ status: "failed", trigger: "manual", startedBy: "Priya Shah" }] },
      { name: "Citizen Space: consult.gov.scot (Scotland)", runs: [{ status: "succeeded", imported: 2 }] },
      {
        name: "Citizen Space: consultations2.nidirect.gov.uk (Northern Ireland)",
        runs: [{ status: "succeeded", imported: 1 }],
      },
    ]);
    expect(JSON.stringify(sources)).toMatch(/GOV.UK search answered HTTP 503/);
  });

  it("a form without the intent is a 400", async () => {
    const result = await site.post("/consultations/sources", {}, { as: staff });
    expect(result.status).toBe(400);
  });
});

describe("topic keywords page", () => {
  it("adds and removes keywords; bad input is a 400 with the typing kept", async () => {
    const addKeyword = (topic: string, keyword: string) =>
      site.post("/consultations/topics", { intent: "add-keyword", topic, keyword }, { as: staff });
    const added = await addKeyword("pensions", "LGPS");
    expect(added.status).toBe(303);
    const page = await site.load("/consultations/topics", { as: staff });
    expect(JSON.stringify(page.data.topics)).toMatch(/"keyword":"lgps"/);
    const bad = await addKeyword("pensions", "  ");
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ keyword: "Enter a keyword" });
    const unknownTopic = await addKeyword("astrology", "stars");
    expect(unknownTopic.status).toBe(400);
    expect(unknownTopic.data.values).toMatchObject({ keyword: "stars" });
  });
});
