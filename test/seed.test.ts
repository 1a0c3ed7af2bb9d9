import { beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { listEvidence } from "../app/models/evidence/evidence.server.ts";
import { evidenceValue } from "../app/models/evidence/values.server.ts";
import { countOrganisations } from "../app/models/directory/organisations.server.ts";
import { findPersonByEmail, type Person } from "../app/models/accounts/people.server.ts";
import { getPositionBySlug, listPositions, renderVersion } from "../app/models/positions/positions.server.ts";
import { presentResults } from "../app/models/surveys/results-view.server.ts";
import { getSurveyAggregates } from "../app/models/surveys/results.server.ts";
import { surveyFigureOrigin } from "../app/models/evidence/survey-evidence.server.ts";
import { nations } from "../app/schemas/directory.ts";
import { emailSchema } from "../app/schemas/people.ts";
import { DEMO_ORGANISATION_NAME, demoAccounts, generateDemoNetwork } from "../db/demo-network.ts";
import { DEMO_DRAFT_POSITION, DEMO_PUBLISHED_POSITION } from "../db/demo-positions.ts";
import { DEMO_LETTER_SIGNATORIES, DEMO_OPEN_LETTER, DEMO_REVIEW_CONSULTATION } from "../db/demo-homes.ts";
import { DEMO_NORTHERN_IRELAND_RESPONSES } from "../db/demo-responses.ts";
import { DEMO_CAMPAIGNS } from "../db/demo-campaigns.ts";
import { isDatabaseEmpty, seedDemoNetwork, summariseNetwork, type SeedCounts } from "../db/seed.ts";
import { openTestDb } from "./db.ts";

const { db } = await openTestDb();

let emptyBefore: boolean;
let counts: SeedCounts;
beforeAll(async () => {
  emptyBefore = await isDatabaseEmpty(db);
  counts = await seedDemoNetwork(db, "http://127.0.0.1:3000");
});

describe("seeding the demo network", () => {
  test("fills an empty database", async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(db)).toBe(false);
  });

  test("looks like the sector: about 120 mutuals, 35,000 staff and £1bn, in all four nations", async () => {
    const summary = await summariseNetwork(db);
    expect(summary.organisations).toBe(counts.organisations);
    expect(await countOrganisations(db)).toBe(counts.organisations);
    expect(summary.people).toBe(counts.people);
    expect(summary.organisations).toBeGreaterThanOrEqual(100);
    expect(summary.organisations).toBeLessThanOrEqual(140);
    expect(summary.staff).toBeGreaterThanOrEqual(33_000);
    expect(summary.staff).toBeLessThanOrEqual(37_000);
    expect(summary.publicIncomeGbp).toBeGreaterThanOrEqual(0.9e9);
    expect(summary.publicIncomeGbp).toBeLessThanOrEqual(1.1e9);
    expect(summary.byNation.map((row) => row.nation)).toEqual([...nations]);
    const england = summary.byNation.find((row) => row.nation === "england");
    expect(england?.organisations).toBeGreaterThan(summary.organisations / 2);
  });

  test("gives every organisation two or three people, one of them its leader (two at the demo organisation)", async () => {
    const rows = await db
      .selectFrom("organisations")
      .leftJoin("people", "people.organisation_id", "organisations.id")
      .select((eb) => [
        "organisations.name",
        eb.fn.count<number>("people.id").as("people"),
        eb.fn.count<number>("people.id").filterWhere("people.is_leader", "=", true).as("leaders"),
      ])
      .groupBy(["organisations.id", "organisations.name"])
      .execute();
    expect(rows).toHaveLength(counts.organisations);
    for (const row of rows) {
      expect(row.people, row.name).toBeGreaterThanOrEqual(2);
      expect(row.people, row.name).toBeLessThanOrEqual(3);
      // The demo organisation has a second leader, so open letters can show "one signature per organisation".
      expect(row.leaders, row.name).toBe(row.name === DEMO_ORGANISATION_NAME ? 2 : 1);
    }
  });

  test("creates the four demo accounts, with member@ and leader@ in the same organisation", async () => {
    const admin = await findPersonByEmail(db, demoAccounts.admin);
    const policy = await findPersonByEmail(db, demoAccounts.policy);
    const member = await findPersonByEmail(db, demoAccounts.member);
    const leader = await findPersonByEmail(db, demoAccounts.leader);
    expect(admin).toMatchObject({ role: "admin", isLeader: false, organisationId: null, active: true });
    expect(policy).toMatchObject({ role: "staff", isLeader: false, organisationId: null, active: true });
    expect(member).toMatchObject({ role: "member", isLeader: false, active: true });
    expect(leader).toMatchObject({ role: "member", isLeader: true, active: true });
    expect(member?.organisationId).toEqual(expect.any(Number));
    expect(leader?.organisationId).toBe(member?.organisationId);
    const org = await db
      .selectFrom("organisations")
      .select("name")
      .where("id", "=", leader?.organisationId ?? -1)
      .executeTakeFirst();
    expect(org?.name).toBe(DEMO_ORGANISATION_NAME);
  });

  test("records an audit row for every organisation, holding what was created", async () => {
    const orgs = await db.selectFrom("organisations").select(["id", "name"]).execute();
    const audits = await db
      .selectFrom("audit_log")
      .select(["subject_id", "after", "actor_id"])
      .where("action", "=", "organisation.created")
      .where("subject_type", "=", "organisation")
      .execute();
    const after = z.object({ id: z.number(), name: z.string(), staffCount: z.number() });
    const bySubject = new Map(audits.map((row) => [row.subject_id, after.parse(row.after)]));
    expect(audits).toHaveLength(orgs.length);
    for (const org of orgs)
      expect(bySubject.get(String(org.id))).toMatchObject({ id: org.id, name: org.name });
    expect(audits.every((row) => row.actor_id === null)).toBe(true);
  });
});

describe("the demo survey, evidence and positions", () => {
  let policy: Person;
  let surveyId: number;
  beforeAll(async () => {
    const found = await findPersonByEmail(db, demoAccounts.policy);
    if (!found) throw new Error("policy@ is missing");
    policy = found;
    surveyId = (await db.selectFrom("surveys").select("id").executeTakeFirstOrThrow()).id;
  });

  test("the bilingual survey has Welsh for every question, each beside its own English", async () => {
    const questions = await db
      .selectFrom("survey_questions")
      .select(["prompt", "prompt_cy"])
      .where("survey_id", "=", surveyId)
      .orderBy("section_id")
      .orderBy("position")
      .execute();
    expect(questions.filter((question) => !question.prompt_cy)).toEqual([]);
    const welshOf = (english: string) => questions.find((question) => question.prompt === english)?.prompt_cy;
    expect(welshOf("Which service did you decide not to share?")).toBe(
      "Pa wasanaeth wnaethoch chi benderfynu peidio â'i rannu?",
    );
    expect(welshOf("Tell us about a time VAT changed a decision")).toBe(
      "Soniwch wrthym am adeg pan newidiodd TAW benderfyniad",
    );
  });

  test("the open survey has 60 to 80 submitted responses of about 110 organisations, over ten days", async () => {
    const results = await getSurveyAggregates(db, policy, surveyId, { by: "none", filter: null });
    const submitted = await db
      .selectFrom("survey_responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("survey_id", "=", surveyId)
      .where("status", "=", "submitted")
      .executeTakeFirstOrThrow();
    const respondents = results.respondents.get(null) ?? 0;
    expect(results.survey.state).toBe("open");
    expect(respondents).toBe(Number(submitted.n));
    expect(respondents).toBeGreaterThanOrEqual(60);
    expect(respondents).toBeLessThanOrEqual(80);
    expect(results.invited).toBeGreaterThan(respondents);
    expect(results.responsesByDay.length).toBeGreaterThanOrEqual(8);
    const first = results.responsesByDay[0]?.day ?? "";
    expect(results.survey.opensOn && results.survey.opensOn <= first).toBe(true);
    // The multiple choice question's "other, please say" and the case study both have answers.
    const texts = [...results.texts.values()].flatMap((entry) => entry.latest);
    expect([...results.otherTexts.values()].some((n) => n > 0)).toBe(true);
    expect(texts.length).toBeGreaterThan(0);
  });

  test("answering organisations' invitations are marked responded, the others' are not", async () => {
    const rows = await db
      .selectFrom("survey_invitations")
      .leftJoin("survey_responses", (join) =>
        join
          .onRef("survey_responses.organisation_id", "=", "survey_invitations.organisation_id")
          .onRef("survey_responses.survey_id", "=", "survey_invitations.survey_id"),
      )
      .select(["survey_invitations.responded", "survey_responses.status"])
      .where("survey_invitations.survey_id", "=", surveyId)
      .execute();
    for (const row of rows) expect(row.responded).toBe(row.status === "submitted");
    expect(rows.some((row) => !row.responded)).toBe(true);
  });

  test("broken down by nation under disclosure control, Northern Ireland's few responses join a merged row", async () => {
    const results = await getSurveyAggregates(db, policy, surveyId, { by: "nation", filter: null });
    expect(results.respondents.get("northern_ireland")).toBe(DEMO_NORTHERN_IRELAND_RESPONSES);
    const view = presentResults(results, { protect: true });
    const scale = view.questions.find((question) => question.kind === "scale");
    const rows = new Map(scale?.table?.rows.map((row) => [row.label, row]));
    // Northern Ireland never stands alone: its few responses share a row with the other small nations.
    expect(rows.has("Northern Ireland")).toBe(false);
    const merged = [...rows.keys()].find((label) => label.includes("Northern Ireland"));
    expect(merged).toMatch(/Wales/);
    expect(scale?.table?.withheld).toBeFalsy();
    expect(rows.get("England")?.total.status).toBe("shown");
  });

  test("the evidence library holds a live survey figure, a consented quote and a source", async () => {
    const { items } = await listEvidence(db, policy);
    expect(items.map((item) => item.kind).sort()).toEqual(["figure", "quote", "source"]);
    const figure = items.find((item) => item.kind === "figure");
    const origin = surveyFigureOrigin(figure?.origin);
    expect(origin).toMatchObject({ surveyId, measure: "percent", choiceKey: "yes" });
    const value = await evidenceValue(db, figure?.id ?? 0, { asOf: new Date() });
    const answers = await db
      .selectFrom("survey_answers")
      .innerJoin("survey_responses", "survey_responses.id", "survey_answers.response_id")
      .select(["survey_answers.yes"])
      .where("survey_answers.question_id", "=", origin?.questionId ?? 0)
      .where("survey_responses.status", "=", "submitted")
      .execute();
    const yes = answers.filter((answer) => answer.yes).length;
    expect(value).toMatchObject({ live: true, problem: null, n: answers.length });
    expect(value?.value).toBe(((yes / answers.length) * 100).toFixed(1));
    const quote = items.find((item) => item.kind === "quote");
    expect(quote).toMatchObject({ anonymous: true, consentMethod: "survey" });
  });

  test("lists a published position citing the evidence, and a draft with two versions", async () => {
    const { positions } = await listPositions(db, policy);
    const byTitle = new Map(positions.map((position) => [position.title, position]));
    expect(byTitle.get(DEMO_PUBLISHED_POSITION)).toMatchObject({ state: "published", isPublic: true });
    expect(byTitle.get(DEMO_DRAFT_POSITION)).toMatchObject({ state: "draft" });
    const published = await getPositionBySlug(db, null, byTitle.get(DEMO_PUBLISHED_POSITION)?.slug ?? "");
    const version = await db
      .selectFrom("position_versions")
      .select(["id", "body"])
      .where("id", "=", published.publishedVersionId ?? 0)
      .executeTakeFirstOrThrow();
    const rendered = await renderVersion(db, published, version);
    expect(rendered.footnotes).toHaveLength(3);
    expect(rendered.problems).toEqual([]);
    const draftVersions = await db
      .selectFrom("position_versions")
      .select("number")
      .where("position_id", "=", byTitle.get(DEMO_DRAFT_POSITION)?.id ?? 0)
      .execute();
    expect(draftVersions.map((row) => row.number).sort()).toEqual([1, 2]);
  });
});

describe("the demo network generator", () => {
  test("gives every home something real: a letter the demo leader has not signed, a review waiting for admin with a near deadline", async () => {
    const leader = await findPersonByEmail(db, demoAccounts.leader);
    const admin = await findPersonByEmail(db, demoAccounts.admin);
    const letter = await db
      .selectFrom("letters")
      .select(["id", "state"])
      .where("title", "=", DEMO_OPEN_LETTER)
      .executeTakeFirstOrThrow();
    expect(letter.state).toBe("open");
    const signatures = await db
      .selectFrom("letter_signatures")
      .select(["organisation_id"])
      .where("letter_id", "=", letter.id)
      .execute();
    expect(signatures).toHaveLength(DEMO_LETTER_SIGNATORIES);
    expect(signatures.map((row) => row.organisation_id)).not.toContain(leader?.organisationId);
    const invited = await db
      .selectFrom("letter_invitations")
      .select("id")
      .where("letter_id", "=", letter.id)
      .where("person_id", "=", leader?.id ?? 0)
      .executeTakeFirst();
    expect(invited).toBeDefined();

    const submission = await db
      .selectFrom("submissions")
      .innerJoin("consultations", "consultations.id", "submissions.consultation_id")
      .select([
        "submissions.state",
        "submissions.reviewer_id",
        "submissions.internal_deadline",
        "consultations.triage_state",
      ])
      .where("consultations.title", "=", DEMO_REVIEW_CONSULTATION)
      .executeTakeFirstOrThrow();
    expect(submission).toMatchObject({ state: "in_review", reviewer_id: admin?.id, triage_state: "adopted" });
    const daysLeft = (Date.parse(submission.internal_deadline) - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(0);
    expect(daysLeft).toBeLessThan(14);
  });

  test("starts the three campaigns with the demo survey, evidence, positions, letter and response linked", async () => {
    const campaigns = await db
      .selectFrom("campaigns")
      .select((eb) => [
        "name",
        "state",
        "is_public",
        eb
          .selectFrom("campaign_links")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("campaign_links.campaign_id", "=", "campaigns.id")
          .as("links"),
      ])
      .orderBy("id")
      .execute();
    expect(campaigns.map((row) => [row.name, row.state, row.is_public, Number(row.links)])).toEqual([
      [DEMO_CAMPAIGNS.vat, "active", true, 6],
      [DEMO_CAMPAIGNS.pensions, "active", false, 1],
      [DEMO_CAMPAIGNS.commissioning, "active", false, 2],
    ]);
    const kinds = await db
      .selectFrom("campaign_links")
      .innerJoin("campaigns", "campaigns.id", "campaign_links.campaign_id")
      .select(["campaign_links.kind"])
      .where("campaigns.name", "=", DEMO_CAMPAIGNS.vat)
      .orderBy("campaign_links.kind")
      .execute();
    expect(kinds.map((row) => row.kind)).toEqual([
      "evidence",
      "evidence",
      "evidence",
      "letter",
      "position",
      "survey",
    ]);
    expect(await db.selectFrom("campaign_outcomes").select("kind").execute()).toEqual([{ kind: "meeting" }]);
  });

  test("gives the same network every time, and another one for another seed", () => {
    const network = generateDemoNetwork();
    expect(generateDemoNetwork()).toEqual(network);
    expect(generateDemoNetwork(1).organisations).not.toEqual(network.organisations);
  });

  test("keeps places consistent, names and emails unique and valid, Welsh and Irish names intact", () => {
    const { organisations, staff } = generateDemoNetwork();
    const codePrefix = { england: /^E0[6-9]/, scotland: /^S12/, wales: /^W06/, northern_ireland: /^N09/ };
    for (const org of organisations) {
      expect(org.nation, org.name).not.toBeNull();
      if (org.nation === null) continue;
      expect(org.localAuthorityCode, org.name).toMatch(codePrefix[org.nation]);
      expect(org.postcode?.startsWith("BT"), org.name).toBe(org.nation === "northern_ireland");
      expect(org.joinedOn === null, org.name).toBe(org.membershipStatus === "prospective");
      if (org.joinedOn) expect(org.joinedOn >= "2015-01-01" && org.joinedOn <= "2026-12-31").toBe(true);
      expect(Number.isInteger(org.publicIncomeGbp)).toBe(true);
    }
    const names = organisations.map((org) => org.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    const emails = [...staff, ...organisations.flatMap((org) => org.people)].map((person) => person.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(emailSchema.parse(email)).toBe(email);
    const nonAscii = /[^\x20-\x7e]/;
    expect(organisations.flatMap((org) => org.people).some((person) => nonAscii.test(person.name))).toBe(
      true,
    );
    expect(organisations.some((org) => org.nation === "wales" && nonAscii.test(org.name))).toBe(true);
  });
});
