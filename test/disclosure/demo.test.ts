import { describe, expect, test } from "vitest";
import { findPersonByEmail } from "~/models/accounts/people.server.ts";
import { presentResults, publishedTables } from "~/models/surveys/results-view.server.ts";
import { getSurveyAggregates } from "~/models/surveys/results.server.ts";
import { breakdownAttributes } from "~/schemas/survey-results.ts";
import { auditTable } from "~/utils/disclosure-audit.ts";
import { protectTable } from "~/utils/disclosure.ts";
import { demoAccounts } from "../../db/demo-network.ts";
import { seedDemoNetwork } from "../../db/seed.ts";
import { openTestDb } from "../db.ts";

const { db } = await openTestDb();
await seedDemoNetwork(db, "http://127.0.0.1:3000");
const policy = await findPersonByEmail(db, demoAccounts.policy);
if (!policy) throw new Error("policy@ is missing");
const surveyIds = (await db.selectFrom("surveys").select("id").execute()).map((row) => row.id);

describe("every table the demo publishes", () => {
  test("passes the audit, the All respondents row included", async () => {
    let audited = 0;
    for (const surveyId of surveyIds) {
      for (const by of ["none", ...breakdownAttributes] as const) {
        const results = await getSurveyAggregates(db, policy, surveyId, { by, filter: null });
        for (const { questionId, table, threshold } of publishedTables(results)) {
          const counts = auditTable(table, protectTable(table, threshold));
          audited += counts.length;
          const disclosed = counts.filter((count) => count.disclosed);
          expect(disclosed, `survey ${surveyId} by ${by}, question ${questionId}`).toEqual([]);
        }
      }
    }
    expect(audited).toBeGreaterThan(20);
  });

  test("by nation: Northern Ireland's small group stays protected", async () => {
    const surveyId = surveyIds[0] ?? 0;
    const results = await getSurveyAggregates(db, policy, surveyId, { by: "nation", filter: null });
    const view = presentResults(results, { protect: true });
    const tables = view.questions.flatMap((question) => (question.table ? [question.table] : []));
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      const ni = new Map(table.rows.map((row) => [row.label, row])).get("Northern Ireland");
      expect(ni?.total.status).toBe("small");
      expect(ni?.cells.every((cell) => cell.value === null)).toBe(true);
    }
  });
});
