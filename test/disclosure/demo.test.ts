import { describe, expect, test } from "vitest";
import { findPersonByEmail } from "~/models/accounts/people.server.ts";
import { presentResults, publishedTables } from "~/models/surveys/results-view.server.ts";
import { getSurveyAggregates } from "~/models/surveys/results.server.ts";
import { breakdownAttributes } from "~/schemas/survey-results.ts";
import { auditTable } from "~/utils/disclosure-audit.ts";
import { protectTable, type ProtectedTable } from "~/utils/disclosure.ts";
import { demoAccounts } from "../../db/demo-network.ts";
import { seedDemoNetwork } from "../../db/seed.ts";
import { openTestDb } from "../db.ts";

const { db } = await openTestDb();
await seedDemoNetwork(db, "http://127.0.0.1:3000");
const policy = await findPersonByEmail(db, demoAccounts.policy);
if (!policy) throw new Error("policy@ is missing");
const surveyIds = (await db.selectFrom("surveys").select("id").execute()).map((row) => row.id);

describe("every table the demo publishes", () => {
  test("passes the audit, each breakdown read beside the same question without one", async () => {
    let audited = 0;
    let tables = 0;
    const withheld: string[] = [];
    for (const surveyId of surveyIds) {
      const plain = await getSurveyAggregates(db, policy, surveyId, { by: "none", filter: null });
      const overallOf = new Map<number, ProtectedTable>();
      for (const { questionId, table, threshold } of publishedTables(plain)) {
        const overall = protectTable(table, threshold);
        overallOf.set(questionId, overall);
        const counts = auditTable(table, overall);
        audited += counts.length;
        expect(
          counts.filter((count) => count.disclosed),
          `survey ${surveyId}, question ${questionId}`,
        ).toEqual([]);
      }
      for (const by of breakdownAttributes) {
        const results = await getSurveyAggregates(db, policy, surveyId, { by, filter: null });
        for (const { questionId, table, threshold } of publishedTables(results)) {
          const overall = overallOf.get(questionId) ?? null;
          const plainTable = publishedTables(plain).find((t) => t.questionId === questionId)?.table;
          // The breakdown's "All respondents" row is the table without a breakdown.
          const sums = (plainTable?.counts[0] ?? []).map((_, k) =>
            table.counts.reduce((sum, row) => sum + (row[k] ?? 0), 0),
          );
          expect(sums).toEqual(plainTable?.counts[0]);
          const published = protectTable(table, threshold);
          tables++;
          if (published.withheld) withheld.push(`survey ${surveyId} by ${by}, question ${questionId}`);
          overall?.cells[0]?.forEach((cell, k) => {
            if (cell.status === "shown") expect(published.columnTotals[k]).toEqual(cell);
          });
          const counts = auditTable(table, published, overall);
          audited += counts.length;
          const disclosed = counts.filter((count) => count.disclosed);
          expect(disclosed, `survey ${surveyId} by ${by}, question ${questionId}`).toEqual([]);
        }
      }
    }
    expect(audited).toBeGreaterThan(20);
    // Withheld whole because nothing less is safe (the benchmark prints the figure).
    console.log(`demo: ${withheld.length} of ${tables} breakdowns withheld: ${withheld.join("; ")}`);
    expect(withheld.length).toBeLessThan(tables);
  });

  test("by nation: England's counts and the All respondents row are shown; Northern Ireland stays protected", async () => {
    const surveyId = surveyIds[0] ?? 0;
    const results = await getSurveyAggregates(db, policy, surveyId, { by: "nation", filter: null });
    const view = presentResults(results, { protect: true });
    const tables = view.questions.flatMap((question) => (question.table ? [question.table] : []));
    expect(tables.length).toBeGreaterThan(0);
    let englandShown = 0;
    for (const table of tables) {
      expect(table.withheld).toBeNull();
      const rows = new Map(table.rows.map((row) => [row.label, row]));
      const overall = rows.get("All respondents");
      expect([...(overall?.cells ?? []), overall?.total].every((cell) => cell?.value !== null)).toBe(true);
      const england = rows.get("England");
      englandShown += [...(england?.cells ?? []), england?.total].filter(
        (cell) => cell?.value != null,
      ).length;
      // Northern Ireland: its own row all hidden, or shown only together with other nations.
      const ni = rows.get("Northern Ireland");
      if (ni) {
        expect(ni.total.value).toBeNull();
        expect(ni.cells.every((cell) => cell.value === null)).toBe(true);
      } else {
        expect(table.merged).toMatch(/Northern Ireland are shown as one group/);
      }
    }
    // Where the other nations' counts are protected England's in the same column must be too
    // (the All respondents row gives one from the other), so not every England count can show.
    expect(englandShown).toBeGreaterThanOrEqual(12);
  });
});
