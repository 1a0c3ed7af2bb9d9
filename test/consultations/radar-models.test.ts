import { beforeEach, describe, expect, it } from "vitest";
import {
  adoptConsultation,
  dismissConsultation,
  undoDismissal,
} from "~/models/consultations/triage.server.ts";
import { getConsultation, listRelatedPositions } from "~/models/consultations/consultations.server.ts";
import { createManualConsultation, updateManualConsultation } from "~/models/consultations/manual.server.ts";
import { listAdoptedDeadlines, listConsultations } from "~/models/consultations/radar.server.ts";
import { syncConsultationsNow } from "~/models/consultations/sync.server.ts";
import {
  addTopicKeyword,
  listTopicKeywords,
  removeTopicKeyword,
} from "~/models/consultations/topic-keywords.server.ts";
import { radarFilterSchema, RADAR_PAGE_SIZE } from "~/schemas/consultations.ts";
import { matchKeywords } from "~/utils/keyword-match.ts";
import { Refusal, type RefusalKind } from "~/utils/refusal.server.ts";
import { openTestDb } from "../db.ts";
import { newPosition } from "../positions-fixtures.ts";
import { makeMember, makeOrganisation, makeStaff } from "../directory-factories.ts";
import { addKeywords, clearRadar, dayFromNow, govukOnly, welshConsultation } from "./helpers.ts";

const { db } = await openTestDb();
const staff = await makeStaff(db);
const member = await makeMember(db, (await makeOrganisation(db)).id);

beforeEach(() => clearRadar(db));

const filter = (values: Record<string, string> = {}) => radarFilterSchema.parse(values);

/** The message of the refusal a call ends in: a conflict (409) unless `kind` says otherwise. */
const refused = async (promise: Promise<unknown>, kind: RefusalKind = "conflict") => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Refusal);
  expect(error).toMatchObject({ kind });
  return error instanceof Refusal ? error.message : "";
};

describe("keyword matching", () => {
  const keywords = [
    { topic: "vat", keyword: "vat" },
    { topic: "pensions", keyword: "local government pension scheme" },
    { topic: "workforce", keyword: "tupe" },
  ];
  it("matches whole words in any case, and phrases across any spacing", () => {
    expect(matchKeywords(["Changes to VAT relief"], keywords)).toEqual([keywords[0]]);
    expect(matchKeywords(["vat, duties"], keywords)).toEqual([keywords[0]]);
    expect(matchKeywords(["The Local Government\nPension   Scheme"], keywords)).toEqual([keywords[1]]);
    expect(matchKeywords(["TUPE transfers"], keywords)).toEqual([keywords[2]]);
  });
  it("does not match inside other words", () => {
    expect(matchKeywords(["Private parking", "Elevation", "innovate"], keywords)).toEqual([]);
  });
});

describe("consultations entered by hand", () => {
  it("are created with their relevance and audited", async () => {
    await addKeywords(db, [["commissioning", "commissioning"]]);
    const id = await createManualConsultation(db, staff, welshConsultation());
    const consultation = await getConsultation(db, staff, id);
    expect(consultation).toMatchObject({
      sourceKind: "manual",
      body: "Welsh Government",
      level: "devolved",
      nation: "wales",
      relevant: true,
      matchedKeywords: [{ topic: "commissioning", keyword: "commissioning" }],
      triageState: "untriaged",
      version: 1,
    });
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_type", "=", "consultation")
      .where("subject_id", "=", String(id))
      .execute();
    expect(audit.map((row) => row.action)).toEqual(["consultation.create"]);
  });

  it("are edited with a version check: a stale form is a conflict", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    await updateManualConsultation(db, staff, id, { ...welshConsultation({ title: "Renamed" }), version: 1 });
    expect((await getConsultation(db, staff, id)).title).toBe("Renamed");
    const message = await refused(
      updateManualConsultation(db, staff, id, { ...welshConsultation({ title: "Stale" }), version: 1 }),
    );
    expect(message).toMatch(/Someone else changed/);
    expect((await getConsultation(db, staff, id)).title).toBe("Renamed");
  });

  it("imported consultations cannot be edited", async () => {
    await syncConsultationsNow(db, staff, govukOnly());
    const imported = await db.selectFrom("consultations").select("id").limit(1).executeTakeFirstOrThrow();
    expect(
      await refused(updateManualConsultation(db, staff, imported.id, { ...welshConsultation(), version: 1 })),
    ).toMatch(/only consultations entered by hand/);
  });

  it("are hidden from members: a 404, as for an unknown id", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    await expect(getConsultation(db, member, id)).rejects.toMatchObject({ status: 404 });
    await expect(getConsultation(db, staff, id + 10_000)).rejects.toMatchObject({ status: 404 });
    await expect(createManualConsultation(db, member, welshConsultation())).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe("triage", () => {
  it("adopts with who and when; adopting twice has one effect", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    await adoptConsultation(db, staff, id);
    await adoptConsultation(db, staff, id);
    const consultation = await getConsultation(db, staff, id);
    expect(consultation).toMatchObject({ triageState: "adopted", adoptedBy: "Priya Shah" });
    expect(consultation.adoptedAt).toBeInstanceOf(Date);
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_type", "=", "consultation")
      .where("subject_id", "=", String(id))
      .execute();
    expect(audit.map((row) => row.action)).toEqual(["consultation.create", "consultation.adopt"]);
  });

  it("dismisses with an optional reason and undoes it", async () => {
    const id = await createManualConsultation(db, staff, welshConsultation());
    await dismissConsultation(db, staff, id, "  Not about mutuals ");
    expect(await getConsultation(db, staff, id)).toMatchObject({
      triageState: "dismissed",
      dismissedReason: "Not about mutuals",
    });
    await undoDismissal(db, staff, id);
    expect(await getConsultation(db, staff, id)).toMatchObject({
      triageState: "untriaged",
      dismissedReason: null,
      dismissedAt: null,
    });
    await dismissConsultation(db, staff, id, "");
    expect((await getConsultation(db, staff, id)).dismissedReason).toBeNull();
  });

  it("refuses illegal steps with a clear message (409)", async () => {
    const dismissed = await createManualConsultation(db, staff, welshConsultation());
    await dismissConsultation(db, staff, dismissed, "");
    expect(await refused(adoptConsultation(db, staff, dismissed))).toMatch(
      /Undo the dismissal before adopting/,
    );
    const adopted = await createManualConsultation(db, staff, welshConsultation());
    await adoptConsultation(db, staff, adopted);
    expect(await refused(dismissConsultation(db, staff, adopted, ""))).toMatch(/cannot be dismissed/);
    expect(await refused(undoDismissal(db, staff, adopted))).toMatch(/adopted, not dismissed/);
  });
});

describe("related positions", () => {
  it("lists positions on the topics a consultation matched", async () => {
    await addKeywords(db, [["vat", "vat"]]);
    await newPosition(db, staff, { title: "VAT on shared services", topics: ["vat"] });
    await newPosition(db, staff, { title: "Pension fairness", topics: ["pensions"] });
    const id = await createManualConsultation(db, staff, welshConsultation({ title: "VAT relief for care" }));
    const related = await listRelatedPositions(db, staff, await getConsultation(db, staff, id));
    expect(related.map((position) => position.title)).toEqual(["VAT on shared services"]);
    const unmatched = await createManualConsultation(db, staff, welshConsultation({ title: "Bus routes" }));
    expect(await listRelatedPositions(db, staff, await getConsultation(db, staff, unmatched))).toEqual([]);
  });
});

describe("topic keywords", () => {
  it("adding or removing a keyword re-flags existing consultations", async () => {
    const id = await createManualConsultation(
      db,
      staff,
      welshConsultation({ title: "TUPE and the care workforce" }),
    );
    expect((await getConsultation(db, staff, id)).relevant).toBe(false);
    await addTopicKeyword(db, staff, { topic: "workforce", keyword: "  TUPE " });
    await addTopicKeyword(db, staff, { topic: "workforce", keyword: "tupe" });
    expect(await getConsultation(db, staff, id)).toMatchObject({
      relevant: true,
      matchedKeywords: [{ topic: "workforce", keyword: "tupe" }],
    });
    const workforce = (await listTopicKeywords(db, staff)).find((topic) => topic.topic === "workforce");
    expect(workforce?.keywords.map((keyword) => keyword.keyword)).toEqual(["tupe"]);
    const keywordId = workforce?.keywords[0]?.id ?? 0;
    await removeTopicKeyword(db, staff, keywordId);
    await removeTopicKeyword(db, staff, keywordId);
    expect((await getConsultation(db, staff, id)).relevant).toBe(false);
  });

  it("refuses a topic that positions do not have", async () => {
    expect(
      await refused(addTopicKeyword(db, staff, { topic: "astrology", keyword: "stars" }), "invalid"),
    ).toMatch(/Choose a topic/);
  });
});

describe("the radar", () => {
  it("lists relevant, all open, adopted and dismissed with counts; closed ones drop out of open", async () => {
    await addKeywords(db, [["vat", "vat"]]);
    const relevant = await createManualConsultation(
      db,
      staff,
      welshConsultation({ title: "VAT on shared services in Wales" }),
    );
    const other = await createManualConsultation(db, staff, welshConsultation({ title: "Bus franchising" }));
    const closed = await createManualConsultation(
      db,
      staff,
      welshConsultation({ title: "VAT, closed", opensOn: dayFromNow(-30), closesOn: dayFromNow(-1) }),
    );
    const adopted = await createManualConsultation(
      db,
      staff,
      welshConsultation({ title: "Adopted VAT one" }),
    );
    await adoptConsultation(db, staff, adopted);
    await dismissConsultation(db, staff, other, "");

    const ids = async (view: string) =>
      (await listConsultations(db, staff, filter({ view }))).consultations.map((c) => c.id);
    expect(await ids("relevant")).toEqual([relevant]);
    expect((await ids("open")).sort()).toEqual([relevant, adopted].sort());
    expect(await ids("adopted")).toEqual([adopted]);
    expect(await ids("dismissed")).toEqual([other]);
    expect((await listConsultations(db, staff, filter())).counts).toEqual({
      relevant: 1,
      open: 2,
      adopted: 1,
      dismissed: 1,
    });
    expect(await ids("open")).not.toContain(closed);
  });

  it("filters by source, level, nation and words, and pages", async () => {
    await syncConsultationsNow(db, staff, govukOnly());
    await createManualConsultation(db, staff, welshConsultation());
    await createManualConsultation(
      db,
      staff,
      welshConsultation({ title: "Leisure trust contract renewal", body: "Cardiff Council", level: "local" }),
    );
    const open = (values: Record<string, string>) =>
      listConsultations(db, staff, filter({ view: "open", ...values })).then((page) =>
        page.consultations.map((c) => c.title),
      );
    expect(await open({ source: "manual" })).toHaveLength(2);
    expect(await open({ source: "govuk" })).toHaveLength(4);
    expect(await open({ source: "citizen_space" })).toHaveLength(0);
    expect(await open({ level: "local" })).toEqual(["Leisure trust contract renewal"]);
    // Wales: the Welsh ones, GOV.UK ones applying to Wales, and national ones that do not say.
    const wales = await open({ nation: "wales" });
    expect(wales).toHaveLength(6);
    const scotland = await open({ nation: "scotland" });
    expect(scotland).not.toContain("Procurement: thresholds for contracts reserved for mutuals");
    expect(await open({ q: "cardiff" })).toEqual(["Leisure trust contract renewal"]);
    expect(await open({ q: "100%_" })).toEqual([]);

    for (let index = 0; index < RADAR_PAGE_SIZE + 2; index++) {
      await createManualConsultation(db, staff, welshConsultation({ title: `Bulk ${index}` }));
    }
    const second = await listConsultations(db, staff, filter({ view: "open", source: "manual", page: "2" }));
    expect(second).toMatchObject({ page: 2, pageCount: 2, total: RADAR_PAGE_SIZE + 4 });
    expect(second.consultations).toHaveLength(4);
    const beyond = await listConsultations(db, staff, filter({ view: "open", source: "manual", page: "99" }));
    expect(beyond.page).toBe(2);
  });

  it("odd query values fall back to defaults rather than failing", () => {
    expect(filter({ view: "nope", level: "galactic", nation: "mars", page: "-3", source: "x" })).toEqual({
      view: "relevant",
      source: "",
      level: "",
      nation: "",
      q: "",
      page: 1,
    });
  });

  it("the deadlines view groups adopted consultations by urgency", async () => {
    const make = async (title: string, closesOn: string) => {
      const id = await createManualConsultation(
        db,
        staff,
        welshConsultation({ title, opensOn: dayFromNow(-40), closesOn }),
      );
      await adoptConsultation(db, staff, id);
      return id;
    };
    await make("Overdue", dayFromNow(-2));
    await make("Today", dayFromNow(0));
    await make("In a week", dayFromNow(7));
    await make("Later", dayFromNow(8));
    await createManualConsultation(db, staff, welshConsultation({ title: "Not adopted" }));
    const groups = await listAdoptedDeadlines(db, staff);
    const titles = (list: { title: string }[]) => list.map((c) => c.title);
    expect(titles(groups.overdue)).toEqual(["Overdue"]);
    expect(titles(groups.this_week)).toEqual(["Today", "In a week"]);
    expect(titles(groups.later)).toEqual(["Later"]);
  });
});
