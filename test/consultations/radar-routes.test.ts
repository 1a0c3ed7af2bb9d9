import { beforeEach, describe, expect, it } from "vitest";
import { syncConsultationsNow } from "~/models/consultations/sync.server.ts";
import { getConsultation } from "~/models/consultations/consultations.server.ts";
import { createManualConsultation } from "~/models/consultations/manual.server.ts";
import { action as detailAction, loader as detailLoader } from "~/routes/consultations.$id._index.tsx";
import { action as editAction, loader as editLoader } from "~/routes/consultations.$id.edit.tsx";
import { action as radarAction, loader as radarLoader } from "~/routes/consultations._index.tsx";
import { loader as deadlinesLoader } from "~/routes/consultations.deadlines.tsx";
import { action as newAction } from "~/routes/consultations.new.tsx";
import { action as sourcesAction, loader as sourcesLoader } from "~/routes/consultations.sources.tsx";
import { action as topicsAction, loader as topicsLoader } from "~/routes/consultations.topics.tsx";
import { openTestDb } from "../db.ts";
import { makeMember, makeOrganisation, makeStaff } from "../directory-factories.ts";
import { govukScenarios } from "../mocks/govuk.ts";
import { submission } from "../submissions/factories.ts";
import { server } from "../mocks/server.ts";
import { addKeywords, clearRadar, dayFromNow, govukOnly, welshConsultation } from "./helpers.ts";
import { routeHelpers, thrown, unwrap } from "./route-helpers.ts";

const { db } = await openTestDb();
const { context, get, post } = routeHelpers(db);
const staff = await makeStaff(db);
const member = await makeMember(db, (await makeOrganisation(db)).id);

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
    const result = unwrap(
      await newAction({ request: await post(staff, "/consultations/new", validForm), params: {}, context }),
    );
    expect(result.status).toBe(303);
    expect(result.location).toMatch(/^\/consultations\/\d+$/);
  });

  it("bad input is a 400 with every message and the typing kept", async () => {
    const typed = {
      ...validForm,
      title: "  ",
      level: "devolved",
      nation: "",
      url: "gov.wales/not-a-link",
      opensOn: "2027-02-30",
      closesOn: "2026-01-01",
    };
    const result = unwrap(
      await newAction({ request: await post(staff, "/consultations/new", typed), params: {}, context }),
    );
    expect(result.status).toBe(400);
    expect(result.body.errors).toMatchObject({
      title: "Enter a title",
      nation: "Choose the nation of the devolved government or council",
      url: "Enter the link as a full web address starting https://",
      opensOn: "Enter the opening date as a real date, for example 2027-01-31",
    });
    expect(result.body.values).toMatchObject({ url: "gov.wales/not-a-link", opensOn: "2027-02-30" });
  });

  it("refuses a closing date before the opening date", async () => {
    const result = unwrap(
      await newAction({
        request: await post(staff, "/consultations/new", {
          ...validForm,
          opensOn: dayFromNow(5),
          closesOn: dayFromNow(4),
        }),
        params: {},
        context,
      }),
    );
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual({
      closesOn: "The closing date must be the same as or after the opening date",
    });
  });

  it("members cannot add one", async () => {
    const response = await thrown(
      newAction({ request: await post(member, "/consultations/new", validForm), params: {}, context }),
    );
    expect(response.status).toBe(403);
  });
});

describe("editing", () => {
  it("saves, and a stale version is a 409 that keeps the typing", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    const params = { id: String(id) };
    const saved = unwrap(
      await editAction({
        request: await post(staff, `/consultations/${id}/edit`, { ...validForm, version: "1" }),
        params,
        context,
      }),
    );
    expect(saved.status).toBe(303);
    const stale = unwrap(
      await editAction({
        request: await post(staff, `/consultations/${id}/edit`, {
          ...validForm,
          title: "My stale edit",
          version: "1",
        }),
        params,
        context,
      }),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.values).toMatchObject({ title: "My stale edit" });
    expect((await getConsultation(db, staff, id)).title).toBe(validForm.title);
  });

  it("an imported consultation's edit page sends back to its page", async () => {
    await syncConsultationsNow(db, staff, govukOnly());
    const imported = await db.selectFrom("consultations").select("id").limit(1).executeTakeFirstOrThrow();
    const id = String(imported.id);
    const response = await thrown(
      editLoader({ request: await get(staff, `/consultations/${id}/edit`), params: { id }, context }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/consultations/${id}`);
  });

  it("an unknown or malformed id is a 404", async () => {
    for (const id of ["999999", "abc", "-1", "99999999999"]) {
      const response = await thrown(
        editLoader({ request: await get(staff, `/consultations/${id}/edit`), params: { id }, context }),
      );
      expect(response.status).toBe(404);
      const detail = await thrown(
        detailLoader({ request: await get(staff, `/consultations/${id}`), params: { id }, context }),
      );
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
    const result = unwrap(
      await radarLoader({ request: await get(staff, "/consultations"), params: {}, context }),
    );
    expect(result.body.filter).toMatchObject({ view: "relevant" });
    expect(result.body.consultations).toMatchObject([{ id, matchedKeywords: [{ keyword: "funding" }] }]);
  });

  it("dismisses with a reason, offers undo, and undoes", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    const dismissed = unwrap(
      await radarAction({
        request: await post(staff, "/consultations", {
          intent: "dismiss",
          consultationId: String(id),
          reason: "Not our sector",
          returnTo: "?view=open&page=1",
        }),
        params: {},
        context,
      }),
    );
    expect(dismissed).toMatchObject({
      status: 303,
      location: `/consultations?view=open&page=1&dismissed=${id}`,
    });
    const page = unwrap(
      await radarLoader({
        request: await get(staff, `/consultations?view=open&dismissed=${id}`),
        params: {},
        context,
      }),
    );
    expect(page.body.justDismissed).toMatchObject({ id });
    const undone = unwrap(
      await radarAction({
        request: await post(staff, "/consultations", {
          intent: "undo-dismiss",
          consultationId: String(id),
          returnTo: "",
        }),
        params: {},
        context,
      }),
    );
    expect(undone).toMatchObject({ status: 303, location: "/consultations" });
    expect((await getConsultation(db, staff, id)).triageState).toBe("untriaged");
  });

  it("adopting goes to the consultation, whose page links to a new submission", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    const adopted = unwrap(
      await radarAction({
        request: await post(staff, "/consultations", { intent: "adopt", consultationId: String(id) }),
        params: {},
        context,
      }),
    );
    expect(adopted).toMatchObject({ status: 303, location: `/consultations/${id}` });
    const deadlines = unwrap(
      await deadlinesLoader({ request: await get(staff, "/consultations/deadlines"), params: {}, context }),
    );
    expect(deadlines.body.groups).toMatchObject({ later: [{ id }] });
  });

  it("a consultation with a submission links to it, on its page and in the deadlines, instead of offering to start one", async () => {
    const { id, consultationId } = await submission(db, staff);
    const page = unwrap(
      await detailLoader({
        request: await get(staff, `/consultations/${consultationId}`),
        params: { id: String(consultationId) },
        context,
      }),
    );
    expect(page.body).toMatchObject({
      consultation: { triageState: "adopted" },
      submissions: [{ id, government: "uk_government", state: "drafting" }],
    });
    const deadlines = unwrap(
      await deadlinesLoader({ request: await get(staff, "/consultations/deadlines"), params: {}, context }),
    );
    expect(deadlines.body.submissions).toEqual([
      { id, consultationId, government: "uk_government", state: "drafting" },
    ]);
    // Each test starts with an empty radar, which a submission would hold on to.
    await db.deleteFrom("submission_questions").where("submission_id", "=", id).execute();
    await db.deleteFrom("submissions").where("id", "=", id).execute();
  });

  it("an illegal triage step is a 409 with the reason; a bad intent a 400", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    await detailAction({
      request: await post(staff, `/consultations/${id}?index`, { intent: "adopt" }),
      params: { id: String(id) },
      context,
    });
    const refused = unwrap(
      await detailAction({
        request: await post(staff, `/consultations/${id}?index`, { intent: "dismiss" }),
        params: { id: String(id) },
        context,
      }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.refusal).toMatch(/cannot be dismissed/);
    const bad = unwrap(
      await radarAction({
        request: await post(staff, "/consultations", { intent: "explode", consultationId: String(id) }),
        params: {},
        context,
      }),
    );
    expect(bad.status).toBe(400);
    const missing = await thrown(
      radarAction({
        request: await post(staff, "/consultations", { intent: "adopt", consultationId: "987654" }),
        params: {},
        context,
      }),
    );
    expect(missing.status).toBe(404);
  });

  it("members get 403 on every radar page", async () => {
    for (const loader of [radarLoader, deadlinesLoader, sourcesLoader, topicsLoader]) {
      const response = await thrown(
        loader({ request: await get(member, "/consultations"), params: {}, context }),
      );
      expect(response.status).toBe(403);
    }
  });
});

describe("sources and sync", () => {
  it("sync now imports and records each source's run, failures included", async () => {
    server.use(govukScenarios.serverError());
    const synced = unwrap(
      await sourcesAction({
        request: await post(staff, "/consultations/sources", { intent: "sync-now" }),
        params: {},
        context,
      }),
    );
    expect(synced).toMatchObject({ status: 303, location: "/consultations/sources" });
    const page = unwrap(
      await sourcesLoader({ request: await get(staff, "/consultations/sources"), params: {}, context }),
    );
    const sources = page.body.sources;
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
    const result = unwrap(
      await sourcesAction({ request: await post(staff, "/consultations/sources", {}), params: {}, context }),
    );
    expect(result.status).toBe(400);
  });
});

describe("topic keywords page", () => {
  it("adds and removes keywords; bad input is a 400 with the typing kept", async () => {
    const added = unwrap(
      await topicsAction({
        request: await post(staff, "/consultations/topics", {
          intent: "add-keyword",
          topic: "pensions",
          keyword: "LGPS",
        }),
        params: {},
        context,
      }),
    );
    expect(added.status).toBe(303);
    const page = unwrap(
      await topicsLoader({ request: await get(staff, "/consultations/topics"), params: {}, context }),
    );
    expect(JSON.stringify(page.body.topics)).toMatch(/"keyword":"lgps"/);
    const bad = unwrap(
      await topicsAction({
        request: await post(staff, "/consultations/topics", {
          intent: "add-keyword",
          topic: "pensions",
          keyword: "  ",
        }),
        params: {},
        context,
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual({ keyword: "Enter a keyword" });
    const unknownTopic = unwrap(
      await topicsAction({
        request: await post(staff, "/consultations/topics", {
          intent: "add-keyword",
          topic: "astrology",
          keyword: "stars",
        }),
        params: {},
        context,
      }),
    );
    expect(unknownTopic.status).toBe(400);
    expect(unknownTopic.body.values).toMatchObject({ keyword: "stars" });
  });
});
