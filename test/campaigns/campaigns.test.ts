import { describe, expect, test } from "vitest";
import { createCampaign } from "~/models/campaigns/campaigns.server.ts";
import { moveCampaign } from "~/models/campaigns/lifecycle.server.ts";
import { adoptIntoCampaign, linkToCampaign, unlinkFromCampaign } from "~/models/campaigns/links.server.ts";
import { listRadarMatches } from "~/models/campaigns/matches.server.ts";
import { listContributedCampaigns } from "~/models/campaigns/members.server.ts";
import { loadCampaignPage } from "~/models/campaigns/page.server.ts";
import { recordOutcome } from "~/models/campaigns/outcomes.server.ts";
import { createManualConsultation } from "~/models/consultations/manual.server.ts";
import { signLetter } from "~/models/letters/signing.server.ts";
import { saveSection, submitResponse } from "~/models/surveys/answering.server.ts";
import { accessByToken } from "~/models/surveys/links.server.ts";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import type { Person } from "~/models/accounts/people.server.ts";
import type { CampaignInput } from "~/schemas/campaigns.ts";
import type { ServiceArea } from "~/schemas/directory.ts";
import { emptyAnswer } from "~/utils/survey-answers.ts";
import { addKeywords, dayFromNow, welshConsultation } from "../consultations/helpers.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import { createOpenLetter, createOrgWithLeader, formKey } from "../letters/factories.ts";
import { figure, memberPerson, newPosition } from "../positions-fixtures.ts";
import {
  APP_URL,
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "../surveys/factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);
let names = 0;
let signers = 0;

const startCampaign = (overrides: Partial<CampaignInput> = {}) =>
  createCampaign(db, staff, {
    name: `VAT on shared services ${++names}`,
    ask: "Zero-rate VAT on services mutuals share.",
    ownerId: staff.id,
    targets: ["uk_government", "scottish_government"],
    topics: ["vat"],
    ...overrides,
  });

/** One organisation answers a one-question-per-section survey for its service area and submits. */
async function answeredSurvey(
  serviceArea: ServiceArea,
  anonymity: "named" | "anonymous",
  staffCount: number,
) {
  const org = await createMemberOrg(db, { serviceArea, staffCount, contacts: 1 });
  const survey = await createSurveyWithQuestions(db, staff, {
    serviceAreas: [serviceArea],
    // An anonymous survey is answered one per person: an organisation response would name it.
    mode: anonymity === "anonymous" ? "person" : "organisation",
    anonymity,
    disclosureThreshold: "3",
  });
  const { tokens } = await openAndCollectTokens(db, staff, survey.id);
  const [first, second] = await loadSurveyContent(db, survey.id);
  const [person] = org.people;
  const choice = first?.questions[0];
  const yesNo = second?.questions[0];
  if (!first || !second || !choice || !yesNo || !person) throw new Error("survey content");
  const token = tokens.get(person.email) ?? "";
  await saveSection(db, await accessByToken(db, token), first, 0, [
    { ...emptyAnswer(choice.id), choices: ["health"] },
  ]);
  await saveSection(db, await accessByToken(db, token), second, 0, [{ ...emptyAnswer(yesNo.id), yes: true }]);
  await submitResponse(db, await accessByToken(db, token), APP_URL, token);
  return { survey, organisation: org.organisation, person };
}

async function signedLetter(staffCount: number) {
  const { organisation, leader } = await createOrgWithLeader(db, { staffCount });
  const letter = await createOpenLetter(db, staff, [leader]);
  const signed = await signLetter(db, {
    slug: letter.slug,
    signer: { via: "session", actor: leader },
    formKey: formKey(),
    // Each from its own address: signing is rate limited per address.
    ip: `203.0.113.${++signers}`,
    appUrl: APP_URL,
  });
  expect(signed.kind).toBe("signed");
  return { letter, organisation, leader };
}

const auditOf = (campaignId: number) =>
  db
    .selectFrom("audit_log")
    .select(["action", "after", "before"])
    .where("subject_type", "=", "campaign")
    .where("subject_id", "=", String(campaignId))
    .orderBy("id")
    .execute();

describe("campaigns: the model", () => {
  test("a campaign starts active, private, with its own slug; linking and unlinking are audited, twice is once", async () => {
    const first = await startCampaign({ name: "Pensions for all" });
    const second = await startCampaign({ name: "Pensions for all" });
    expect(first).toMatchObject({ state: "active", isPublic: false, slug: "pensions-for-all" });
    expect(second.slug).toBe("pensions-for-all-2");
    // "new" is the start form's address.
    expect((await startCampaign({ name: "New" })).slug).toBe("new-campaign");

    const position = await newPosition(db, staff, { title: "Pensions position" });
    await linkToCampaign(db, staff, first.id, { kind: "position", itemId: position.id });
    await linkToCampaign(db, staff, first.id, { kind: "position", itemId: position.id });
    await unlinkFromCampaign(db, staff, first.id, { kind: "position", itemId: position.id });
    const audit = await auditOf(first.id);
    expect(audit.map((row) => row.action)).toEqual([
      "campaign.created",
      "campaign.linked",
      "campaign.unlinked",
    ]);
    expect(audit[1]?.after).toMatchObject({
      kind: "position",
      itemId: position.id,
      title: "Pensions position",
    });

    await expect(
      linkToCampaign(db, staff, first.id, { kind: "letter", itemId: 2_000_000_000 }),
    ).rejects.toMatchObject({ status: 400 });
  });

  test("state moves only through the lifecycle table, audited; members may not move or link", async () => {
    const campaign = await startCampaign();
    expect((await moveCampaign(db, staff, campaign.id, "pause")).state).toBe("paused");
    await expect(moveCampaign(db, staff, campaign.id, "reopen")).rejects.toMatchObject({ status: 409 });
    expect((await moveCampaign(db, staff, campaign.id, "resume")).state).toBe("active");
    expect((await moveCampaign(db, staff, campaign.id, "win")).state).toBe("won");
    expect((await moveCampaign(db, staff, campaign.id, "reopen")).state).toBe("active");
    const audit = await auditOf(campaign.id);
    expect(audit.map((row) => row.action)).toEqual([
      "campaign.created",
      "campaign.paused",
      "campaign.resumed",
      "campaign.won",
      "campaign.reopened",
    ]);
    const member = await memberPerson(db);
    // As everywhere in the app, a member is told staff things do not exist.
    await expect(moveCampaign(db, member, campaign.id, "pause")).rejects.toMatchObject({ status: 404 });
    await expect(
      linkToCampaign(db, member, campaign.id, { kind: "position", itemId: 1 }),
    ).rejects.toMatchObject({ status: 404 });
  });

  test("the radar flags an open consultation matching an active campaign's topics; adopting links it", async () => {
    await addKeywords(db, [["vat", "irrecoverable vat"]]);
    const campaign = await startCampaign();
    const other = await startCampaign({ topics: ["pensions"] });
    const consultationId = await createManualConsultation(
      db,
      staff,
      welshConsultation({ title: "Irrecoverable VAT on shared services", closesOn: dayFromNow(30) }),
    );
    expect((await listRadarMatches(db, campaign)).map((match) => match.id)).toContain(consultationId);
    expect((await listRadarMatches(db, other)).map((match) => match.id)).not.toContain(consultationId);
    // Not adopted yet, so it cannot simply be linked.
    await expect(
      linkToCampaign(db, staff, campaign.id, { kind: "consultation", itemId: consultationId }),
    ).rejects.toMatchObject({ status: 409 });

    await adoptIntoCampaign(db, staff, campaign.id, consultationId);
    const adopted = await db
      .selectFrom("consultations")
      .select("triage_state")
      .where("id", "=", consultationId)
      .executeTakeFirstOrThrow();
    expect(adopted.triage_state).toBe("adopted");
    const page = await loadCampaignPage(db, staff, campaign.slug);
    expect(page.consultations.map((row) => row.id)).toEqual([consultationId]);
    expect(page.radar.map((row) => row.id)).not.toContain(consultationId);
  });

  test("backers: signatures and named responses, one organisation once; anonymous responses never count", async () => {
    const campaign = await startCampaign();
    const named = await answeredSurvey("leisure", "named", 300);
    const anonymous = await answeredSurvey("libraries", "anonymous", 5000);
    const { letter, organisation: signer } = await signedLetter(40);
    // The named survey's organisation also signs: counted once.
    const { letter: second } = await signedLetter(0);
    await db
      .updateTable("letter_signatures")
      .set({ organisation_id: named.organisation.id })
      .where("letter_id", "=", second.id)
      .execute();
    for (const [kind, itemId] of [
      ["survey", named.survey.id],
      ["survey", anonymous.survey.id],
      ["letter", letter.id],
      ["letter", second.id],
    ] as const)
      await linkToCampaign(db, staff, campaign.id, { kind, itemId });

    const page = await loadCampaignPage(db, staff, campaign.slug);
    expect(page.backers).toEqual({ organisations: 2, staff: 340 });
    expect(page.surveys.find((row) => row.id === anonymous.survey.id)).toMatchObject({
      invited: 1,
      responded: 1,
    });
    expect(page.letters.find((row) => row.id === letter.id)?.signatures).toBe(1);
    expect(signer.id).not.toBe(named.organisation.id);

    // Member homes: the named organisation and the signer see the campaign, the anonymous one does not.
    const names = async (person: Person) =>
      (await listContributedCampaigns(db, person)).map((row) => row.name);
    expect(await names(named.person)).toContain(campaign.name);
    expect(await names(anonymous.person)).not.toContain(campaign.name);
  });

  test("outcomes are recorded with their source, on the timeline, and shown to contributing members", async () => {
    const campaign = await startCampaign();
    const { letter, leader } = await signedLetter(25);
    await linkToCampaign(db, staff, campaign.id, { kind: "letter", itemId: letter.id });
    await recordOutcome(db, staff, campaign.id, {
      kind: "commitment",
      outcomeOn: "2026-11-30",
      government: "uk_government",
      sourceUrl: "https://www.gov.uk/government/news/vat-shared-services",
      note: "The Chancellor committed to review the rules.",
    });
    const page = await loadCampaignPage(db, staff, campaign.slug);
    expect(page.outcomes).toEqual([
      expect.objectContaining({ kindLabel: "Government commitment", government: "UK Government" }),
    ]);
    expect(page.timeline.map((entry) => entry.event)).toEqual(
      expect.arrayContaining([
        "Outcome recorded: Government commitment",
        "Letter opened for signatures",
        "Campaign started",
      ]),
    );
    const [mine] = await listContributedCampaigns(db, leader);
    expect(mine?.outcomes[0]?.statement).toBe("The Chancellor committed to review the rules.");
  });

  test("evidence figures on the page are the evidence room's live values", async () => {
    const campaign = await startCampaign();
    const item = await figure(db, staff, { label: "Members paying VAT on sharing", value: "41", n: 120 });
    await linkToCampaign(db, staff, campaign.id, { kind: "evidence", itemId: item.id });
    const page = await loadCampaignPage(db, staff, campaign.slug);
    expect(page.evidence).toEqual([
      expect.objectContaining({ id: item.id, value: expect.stringMatching(/^41(\.0+)?$/), n: 120 }),
    ]);
  });
});

describe("campaigns: pages", () => {
  test("members and visitors cannot reach the staff pages", async () => {
    const campaign = await startCampaign();
    const member = await memberPerson(db);
    for (const path of [
      "/campaigns",
      "/campaigns/new",
      `/campaigns/${campaign.slug}`,
      `/campaigns/${campaign.slug}/link`,
      `/campaigns/${campaign.slug}/outcome`,
    ]) {
      expect((await site.get(path, { as: member })).status, path).toBe(403);
      expect((await site.get(path)).status, path).toBe(302);
    }
    const post = await site.post(
      `/campaigns/${campaign.slug}`,
      { intent: "move", move: "pause" },
      { as: member },
    );
    expect(post.status).toBe(403);
  });

  test("starting a campaign: bad input is a 400 that keeps the typing; good input lands on its page", async () => {
    const bad = await site.post(
      "/campaigns/new",
      { name: "Fair pay", ask: "", ownerId: String(staff.id), targets: ["nowhere"] },
      { as: staff },
    );
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      values: { name: "Fair pay" },
      errors: { ask: "Enter the ask", targets: expect.any(String), topics: "Choose at least one topic" },
    });
    const good = await site.post(
      "/campaigns/new",
      {
        name: "Fair pay",
        ask: "Pay care staff fairly.",
        ownerId: String(staff.id),
        targets: ["councils"],
        topics: ["workforce"],
      },
      { as: staff },
    );
    expect(good.status).toBe(303);
    expect(good.location).toBe("/campaigns/fair-pay");
    const page = await site.get("/campaigns/fair-pay", { as: staff });
    expect(page.status).toBe(200);
    expect(page.text).toContain("Pay care staff fairly.");
  });

  test("an outcome's source must be a web address: javascript: is refused with a 400", async () => {
    const campaign = await startCampaign();
    const answer = await site.post(
      `/campaigns/${campaign.slug}/outcome`,
      {
        kind: "meeting",
        outcomeOn: "2026-12-01",
        government: "uk_government",
        sourceUrl: "javascript:alert(1)",
        note: "Met",
      },
      { as: staff },
    );
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({
      errors: { sourceUrl: expect.stringContaining("https://") },
      values: { note: "Met" },
    });
    expect(
      await db.selectFrom("campaign_outcomes").select("id").where("campaign_id", "=", campaign.id).execute(),
    ).toEqual([]);
  });

  test("the public page is 404 until published; then it shows the ask and outcomes, never drafts, and caches like a letter", async () => {
    const campaign = await startCampaign();
    const draft = await newPosition(db, staff, { title: "A draft nobody outside may read" });
    await linkToCampaign(db, staff, campaign.id, { kind: "position", itemId: draft.id });
    await recordOutcome(db, staff, campaign.id, {
      kind: "meeting",
      outcomeOn: "2026-12-01",
      government: "scottish_government",
      sourceUrl: undefined,
      note: "Met the Cabinet Secretary.",
    });
    const path = `/campaign/${campaign.slug}`;
    expect((await site.get(path)).status).toBe(404);

    // Through the staff page, so the app's own process forgets what it read.
    const publish = (isPublic: "on" | "off") =>
      site.post(`/campaigns/${campaign.slug}`, { intent: "publish", isPublic }, { as: staff });
    expect((await publish("on")).status).toBe(303);
    const page = await site.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(campaign.ask);
    expect(page.text).toContain("Met the Cabinet Secretary.");
    expect(page.text).not.toContain("A draft nobody outside may read");
    expect(page.headers.get("cache-control")).toContain("public");
    const etag = page.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\//);
    expect((await site.get(path, { headers: { "If-None-Match": etag } })).status).toBe(304);
    // Staff see their own header: private.
    expect((await site.get(path, { as: staff })).headers.get("cache-control")).toContain("private");

    await publish("off");
    expect((await site.get(path)).status).toBe(404);
    expect((await auditOf(campaign.id)).map((row) => row.action)).toEqual(
      expect.arrayContaining(["campaign.published", "campaign.unpublished"]),
    );
  });
});
