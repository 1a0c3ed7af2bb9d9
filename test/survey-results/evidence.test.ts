import { describe, expect, test } from "vitest";
import { liveCitationSources } from "~/models/evidence/citations.server.ts";
import { evidenceValue, getEvidence } from "~/models/evidence/evidence.server.ts";
import { approvePosition, publishPosition, requestReview } from "~/models/positions/lifecycle.server.ts";
import { loadPosition } from "~/models/positions/positions.server.ts";
import { createSurveyFigure, createSurveyQuote } from "~/models/evidence/survey-evidence.server.ts";
import { citationText } from "~/schemas/evidence.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { openTestDb } from "../db.ts";
import { newPosition, staffPerson } from "../positions-fixtures.ts";
import { createMemberOrg, createStaff } from "../surveys/factories.ts";
import { createResultsSurvey, seedResponses } from "./factories.ts";

const { db } = await openTestDb();
const staff = await createStaff(db);

interface Respondent {
  nation: "england" | "wales";
  submittedOn: string;
  yes: boolean;
  number: number;
}

/** `count` respondents on `day`: the i-th answers yes when yes(i), and gives the number i. */
function responses(
  count: number,
  day: string,
  yes: (i: number) => boolean,
  nation: Respondent["nation"] = "england",
): Respondent[] {
  return Array.from({ length: count }, (_, i) => ({ nation, submittedOn: day, yes: yes(i), number: i }));
}

async function setUp(overrides: Record<string, unknown> = {}) {
  const made = await createResultsSurvey(db, staff, overrides);
  const seed = (list: Respondent[]) =>
    seedResponses(
      db,
      made.survey,
      list.map(({ nation, submittedOn, yes, number }) => ({
        nation,
        submittedOn,
        answers: { [made.q.yesNo]: { yes }, [made.q.number]: { number } },
      })),
    );
  return { ...made, seed };
}

describe("figures from survey results", () => {
  test("a figure is computed live, as of a date, and keeps its source", async () => {
    const { survey, q, seed } = await setUp();
    await seed(responses(20, "2026-11-02", (i) => i < 12));
    const id = await createSurveyFigure(db, staff, {
      surveyId: survey.id,
      questionId: q.yesNo,
      measure: "percent",
      choiceKey: "yes",
      filter: null,
      label: "Members who would recover VAT",
    });
    const item = await getEvidence(db, staff, id);
    expect(item).toMatchObject({ kind: "figure", value: null, unit: "%" });
    expect(item.sourceNote).toContain(`“${survey.title}”`);
    expect(item.origin).toMatchObject({
      type: "survey_figure",
      surveyId: survey.id,
      questionId: q.yesNo,
      choiceKey: "yes",
    });

    const first = await evidenceValue(db, id, { asOf: new Date() });
    expect(first).toMatchObject({ value: "60.0", n: 20, live: true, problem: null });
    expect(first?.text).toContain("60%");

    await seed(responses(10, "2026-11-05", () => true));
    expect(await evidenceValue(db, id, { asOf: new Date() })).toMatchObject({ value: "73.3", n: 30 });
    // As the survey stood at the end of 3 November: only the first twenty.
    expect(await evidenceValue(db, id, { asOf: new Date("2026-11-03T12:00:00Z") })).toBeNull();
    // (The item did not exist then.) Pretend it did, to see the computation as of that day:
    await db
      .updateTable("evidence_items")
      .set({ created_at: new Date("2026-11-01T00:00:00Z") })
      .where("id", "=", id)
      .execute();
    expect(await evidenceValue(db, id, { asOf: new Date("2026-11-03T12:00:00Z") })).toMatchObject({
      value: "60.0",
      n: 20,
      on: "2026-11-03",
    });
  });

  test("disclosure control: a figure resting on fewer responses than the threshold is refused with the reason, and reads fewer than N where it falls back", async () => {
    const { survey, q, seed } = await setUp();
    await seed(responses(2, "2026-11-02", () => true, "wales"));
    await seed(responses(12, "2026-11-02", (i) => i < 11, "england"));
    const figure = (filter: { attribute: "nation"; value: string } | null, measure: "count" | "percent") =>
      createSurveyFigure(db, staff, {
        surveyId: survey.id,
        questionId: q.yesNo,
        measure,
        choiceKey: "yes",
        filter,
        label: "Members who would recover VAT",
      });
    await expect(figure({ attribute: "nation", value: "wales" }, "count")).rejects.toMatchObject({
      status: 400,
      message: "This figure cannot be published: fewer than 5 responses.",
    });
    // 11 of 12 in England: the 1 who said no could be worked out, so the figure is refused too.
    await expect(figure({ attribute: "nation", value: "england" }, "percent")).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/^This figure cannot be published: /),
    });
    // A mean over enough responses is given.
    const mean = await createSurveyFigure(db, staff, {
      surveyId: survey.id,
      questionId: q.number,
      measure: "mean",
      choiceKey: null,
      filter: null,
      label: "Average VAT paid",
    });
    expect(await evidenceValue(db, mean, { asOf: new Date() })).toMatchObject({ n: 14, value: "4.79" });
    // As the survey stood before most answers came, the same figure reads "fewer than 5".
    await seed(responses(3, "2026-10-30", () => true, "england"));
    await db
      .updateTable("evidence_items")
      .set({ created_at: new Date("2026-10-01T00:00:00Z") })
      .where("id", "=", mean)
      .execute();
    const early = await evidenceValue(db, mean, { asOf: new Date("2026-10-31T12:00:00Z") });
    expect(early).toMatchObject({ value: null, n: null });
    expect(early?.text).toContain("fewer than 5");
  });

  test("a figure that does not fit its question is refused", async () => {
    const { survey, q } = await setUp();
    await expect(
      createSurveyFigure(db, staff, {
        surveyId: survey.id,
        questionId: q.text,
        measure: "mean",
        choiceKey: null,
        filter: null,
        label: "x",
      }),
    ).rejects.toBeInstanceOf(Refusal);
    await expect(
      createSurveyFigure(db, staff, {
        surveyId: survey.id,
        questionId: q.yesNo,
        measure: "percent",
        choiceKey: "maybe",
        filter: null,
        label: "x",
      }),
    ).rejects.toBeInstanceOf(Refusal);
  });

  test("stays live until a position citing it is approved and published, then stands frozen", async () => {
    const { survey, q, seed } = await setUp();
    await seed(responses(10, "2026-11-02", (i) => i < 5));
    const id = await createSurveyFigure(db, staff, {
      surveyId: survey.id,
      questionId: q.yesNo,
      measure: "percent",
      choiceKey: "yes",
      filter: null,
      label: "Members who would recover VAT",
    });
    const author = await staffPerson(db, "Priya Author");
    const reviewer = await staffPerson(db, "Sam Reviewer");
    const ctx = { appUrl: "https://voice.example" };
    let position = await newPosition(db, author, {
      body: `Half of members would recover VAT ${citationText(id)}.`,
    });
    expect((await liveCitationSources(db, [id])).get(id)?.text).toContain("50%");

    position = await requestReview(
      db,
      author,
      { positionId: position.id, reviewerId: reviewer.id, message: "" },
      ctx,
    );
    await seed(responses(10, "2026-11-03", () => true));
    // Still live while in review: the new answers count.
    expect(await evidenceValue(db, id, { asOf: new Date() })).toMatchObject({ value: "75.0", live: true });
    position = await approvePosition(db, reviewer, { positionId: position.id, comment: "" }, ctx);
    position = await publishPosition(db, author, { positionId: position.id });
    const published = await loadPosition(db, position.id);
    const subject = { type: "position_version", id: published.publishedVersionId ?? 0 };
    expect(await evidenceValue(db, id, { frozen: subject })).toMatchObject({
      value: "75.0000",
      n: 20,
      live: false,
    });

    await seed(responses(20, "2026-11-04", () => false));
    // The live value moves on; the published position keeps what it said.
    expect(await evidenceValue(db, id, { asOf: new Date() })).toMatchObject({ value: "37.5", n: 40 });
    expect(await evidenceValue(db, id, { frozen: subject })).toMatchObject({ value: "75.0000", n: 20 });
  });
});

describe("quotes from case studies", () => {
  test("only with consent; attributed only in named surveys, anonymous otherwise", async () => {
    for (const anonymity of ["named", "confidential"] as const) {
      const { survey, q } = await createResultsSurvey(db, staff, { anonymity });
      const org = await createMemberOrg(db);
      const [attributed, refused] = await seedResponses(db, survey, [
        {
          submittedOn: "2026-11-02",
          organisationId: org.organisation.id,
          answers: { [q.story]: { title: "VAT", text: "We lost a nurse to VAT.", consent: "attributed" } },
        },
        {
          submittedOn: "2026-11-02",
          organisationId: org.organisation.id,
          answers: { [q.story]: { title: "Secret", text: "Do not share.", consent: "none" } },
        },
      ]);
      const id = await createSurveyQuote(db, staff, {
        surveyId: survey.id,
        questionId: q.story,
        responseId: attributed ?? 0,
        label: "Nurse",
      });
      const item = await getEvidence(db, staff, id);
      expect(item).toMatchObject({
        kind: "quote",
        quoteText: "VAT: We lost a nurse to VAT.",
        consentMethod: "survey",
        consentOn: "2026-11-02",
        anonymous: anonymity !== "named",
        attribution: anonymity === "named" ? org.organisation.name : null,
      });
      await expect(
        createSurveyQuote(db, staff, {
          surveyId: survey.id,
          questionId: q.story,
          responseId: refused ?? 0,
          label: "x",
        }),
      ).rejects.toBeInstanceOf(Refusal);
    }
  });
});
