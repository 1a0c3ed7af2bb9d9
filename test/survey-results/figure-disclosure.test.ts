import { describe, expect, test } from "vitest";
import { evidenceValue } from "~/models/evidence/evidence.server.ts";
import { createSurveyFigure } from "~/models/evidence/survey-evidence.server.ts";
import { approvePosition, publishPosition, requestReview } from "~/models/positions/lifecycle.server.ts";
import { loadPosition } from "~/models/positions/positions.server.ts";
import { presentResults } from "~/models/surveys/results-view.server.ts";
import { aggregateSurvey } from "~/models/surveys/results.server.ts";
import type { Nation } from "~/schemas/directory.ts";
import { citationText } from "~/schemas/evidence.ts";
import type { ResultsFilter } from "~/schemas/survey-results.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { protectDailyCounts } from "~/utils/survey-stats.ts";
import { openTestDb } from "../db.ts";
import { newPosition, staffPerson } from "../positions-fixtures.ts";
import { createStaff } from "../surveys/factories.ts";
import { createResultsSurvey, seedResponses } from "./factories.ts";

/** Figures that can be subtracted from each other are protected together (issue 14, item 4). */

const { db } = await openTestDb();
const staff = await createStaff(db);
const author = await staffPerson(db, "Priya Author");
const reviewer = await staffPerson(db, "Sam Reviewer");
const ctx = { appUrl: "https://voice.example" };

async function surveyWith(groups: { nation: Nation; yes: number; no: number; day?: string }[]) {
  const made = await createResultsSurvey(db, staff);
  await seedGroups(made, groups);
  return made;
}

async function seedGroups(
  made: Awaited<ReturnType<typeof createResultsSurvey>>,
  groups: { nation: Nation; yes: number; no: number; day?: string }[],
) {
  await seedResponses(
    db,
    made.survey,
    groups.flatMap(({ nation, yes, no, day }) =>
      Array.from({ length: yes + no }, (_, i) => ({
        nation,
        submittedOn: day ?? "2026-11-02",
        answers: { [made.q.yesNo]: { yes: i < yes } },
      })),
    ),
  );
}

const saveYes = (
  made: Awaited<ReturnType<typeof createResultsSurvey>>,
  filter: ResultsFilter | null,
  measure: "percent" | "count" = "count",
) =>
  createSurveyFigure(db, staff, {
    surveyId: made.survey.id,
    questionId: made.q.yesNo,
    measure,
    choiceKey: "yes",
    filter,
    label: "Members who would recover VAT",
  });

/** Saves a figure, or gives the refusal's message. */
const attempt = async (save: Promise<number>) => {
  try {
    return { id: await save, refusal: null };
  } catch (error) {
    if (error instanceof Refusal) return { id: null, refusal: error.message };
    throw error;
  }
};

async function approvedPosition(body: string) {
  let position = await newPosition(db, author, { body });
  position = await requestReview(
    db,
    author,
    { positionId: position.id, reviewerId: reviewer.id, message: "" },
    ctx,
  );
  position = await approvePosition(db, reviewer, { positionId: position.id, comment: "" }, ctx);
  position = await publishPosition(db, author, { positionId: position.id });
  const published = await loadPosition(db, position.id);
  return { type: "position_version", id: published.publishedVersionId ?? 0 };
}

describe("figures are read from the published tables", () => {
  test("figures by each nation beside the overall one cannot give Northern Ireland away", async () => {
    const made = await surveyWith([
      { nation: "england", yes: 10, no: 10 },
      { nation: "scotland", yes: 4, no: 4 },
      { nation: "wales", yes: 4, no: 4 },
      { nation: "northern_ireland", yes: 1, no: 1 },
    ]);
    const byNation = (value: Nation) => saveYes(made, { attribute: "nation", value });
    const northernIreland = await attempt(byNation("northern_ireland"));
    expect(northernIreland.refusal).toBe("This figure cannot be published: fewer than 5 responses.");
    const results = {
      england: await attempt(byNation("england")),
      scotland: await attempt(byNation("scotland")),
      wales: await attempt(byNation("wales")),
      overall: await attempt(saveYes(made, null)),
    };
    // Before: all four were saved, and 19 − 10 − 4 − 4 = 1 told Northern Ireland's answer.
    expect(Object.values(results).some((result) => result.refusal !== null)).toBe(true);

    // Each nation's figure is published exactly when its cell is in the published table.
    const table = presentResults(
      await aggregateSurvey(db, made.survey, { by: "nation", filter: null }, { texts: false }),
      { protect: true },
    ).questions.find((question) => question.id === made.q.yesNo)?.table;
    for (const [label, result] of [
      ["England", results.england],
      ["Scotland", results.scotland],
      ["Wales", results.wales],
      ["All respondents", results.overall],
    ] as const) {
      const cell = table?.rows.find((row) => row.label === label)?.cells[0];
      expect(result.refusal === null, label).toBe(cell?.status === "shown");
      if (result.id !== null) {
        const value = await evidenceValue(db, result.id, { asOf: new Date() });
        expect(value?.value).toBe(String(cell?.value));
      } else {
        expect(result.refusal).toMatch(/^This figure cannot be published: /);
      }
    }
  });

  test("a filtered figure needs the rest of the population to pass the threshold too", async () => {
    // "Nation: England" 17 of 65 beside everyone's 18 of 79: exactly 1 of the 14 others said yes.
    const made = await surveyWith([
      { nation: "england", yes: 17, no: 48 },
      { nation: "scotland", yes: 1, no: 13 },
    ]);
    const england = await attempt(saveYes(made, { attribute: "nation", value: "england" }));
    expect(england.refusal).toMatch(/^This figure cannot be published: /);
    // With the others at 0 or at least 5, it is published.
    const fine = await surveyWith([
      { nation: "england", yes: 17, no: 48 },
      { nation: "scotland", yes: 0, no: 14 },
    ]);
    const id = await saveYes(fine, { attribute: "nation", value: "england" });
    expect(await evidenceValue(db, id, { asOf: new Date() })).toMatchObject({ value: "17", n: 65 });
  });
});

describe("a figure published again after an earlier freeze", () => {
  test("keeps the earlier value, or moves by at least the threshold in n and in each count", async () => {
    const made = await surveyWith([{ nation: "england", yes: 34, no: 37 }]);
    const id = await saveYes(made, null, "percent");
    const first = await approvedPosition(`Nearly half ${citationText(id)}.`);
    const firstValue = await evidenceValue(db, id, { frozen: first });
    expect(firstValue).toMatchObject({ value: "47.9000", n: 71 });

    // One more organisation: 48.6% of 72 beside 47.9% of 71 says what it answered.
    await seedGroups(made, [{ nation: "england", yes: 1, no: 0 }]);
    expect(await evidenceValue(db, id, { asOf: new Date() })).toMatchObject({ value: "48.6", n: 72 });
    await expect(saveYes(made, null, "percent")).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("This figure was published earlier as 47.9% (n = 71"),
    });
    // Freezing it in another document holds the earlier value, with its earlier date.
    const second = await approvedPosition(`Nearly half ${citationText(id)}.`);
    const held = await evidenceValue(db, id, { frozen: second });
    expect(held).toMatchObject({ value: "47.9000", n: 71, on: firstValue?.on });
    expect(held?.text).toContain("47.9%");

    // Seven more, all yes: n +7, yes +7, no +0. Nobody is described, so the new value goes out.
    await seedGroups(made, [{ nation: "england", yes: 6, no: 0 }]);
    const third = await approvedPosition(`Over half ${citationText(id)}.`);
    expect(await evidenceValue(db, id, { frozen: third })).toMatchObject({ value: "52.6000", n: 78 });
    expect(await attempt(saveYes(made, null, "percent"))).toMatchObject({ refusal: null });
  });
});

describe("as published, responses over time", () => {
  test("show no day with fewer new responses than the threshold", async () => {
    const made = await surveyWith([
      { nation: "england", yes: 1, no: 0, day: "2026-11-02" },
      { nation: "england", yes: 2, no: 0, day: "2026-11-03" },
      { nation: "england", yes: 3, no: 3, day: "2026-11-04" },
      { nation: "england", yes: 1, no: 0, day: "2026-11-05" },
    ]);
    const aggregates = await aggregateSurvey(
      db,
      { ...made.survey, opensOn: "2026-11-02", closesOn: "2026-11-05" },
      { by: "none", filter: null },
    );
    const exact = presentResults(aggregates, { protect: false }).overTime;
    expect(exact.map((day) => day.count)).toEqual([1, 2, 6, 1]);
    const published = presentResults(aggregates, { protect: true }).overTime;
    expect(published.map((day) => day.count)).toEqual([0, 0, 0, 10]);
    expect(published.map((day) => day.cumulative)).toEqual([0, 0, 0, 10]);
    for (const day of published) expect(day.count === 0 || day.count >= 5).toBe(true);
  });

  test("days are carried until they reach the threshold; too few in all shows no days", () => {
    const day = (count: number, i: number) => ({
      day: `2026-11-0${i + 1}`,
      count,
      cumulative: 0,
      rate: null,
    });
    const points = [3, 4, 0, 5, 2, 6].map(day);
    expect(protectDailyCounts(points, 5).map((p) => [p.count, p.cumulative])).toEqual([
      [0, 0],
      [7, 7],
      [0, 7],
      [5, 12],
      [0, 12],
      [8, 20],
    ]);
    expect(protectDailyCounts([1, 2].map(day), 5)).toEqual([]);
  });
});
