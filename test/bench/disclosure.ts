/**
 * Information loss of disclosure control on the generated corpus (test/disclosure/corpus.ts):
 * counts hidden beyond the primary ones by the old rule, the greedy pass, the production choice
 * (greedy, then the exact branch and cut within its work limits) and the exact optimum (withheld counts count as hidden); large
 * groups' counts hidden; tables merged or withheld; time per table, and for 12 × 12 tables. Then
 * the demo's usefulness: for each breakdown of the demo survey, counts shown / hidden / withheld.
 * Run: npx tsx test/bench/disclosure.ts (BENCH_TABLES=n for a smaller corpus; BENCH_DEMO=0 skips
 * the demo).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generateCorpus, generateTable, seeded } from "../disclosure/corpus.ts";
import { protectionStats, protectTable, type ProtectedTable } from "../../app/utils/disclosure.ts";
import { classifyLargeHides, type LargeHides } from "./large-hides.ts";
import { protectTable as oldProtectTable } from "./old-disclosure.ts";

const count = Number(process.env.BENCH_TABLES ?? (process.env.BENCH_SECONDS ? 100 : 1000));
const corpus = generateCorpus(count);
interface Statuses {
  cells: { status: string }[][];
  rowTotals: { status: string }[];
  columnTotals: { status: string }[];
  grandTotal: { status: string };
}
const all = (table: Statuses) => [
  ...table.cells.flat(),
  ...table.rowTotals,
  ...table.columnTotals,
  table.grandTotal,
];
// The old rule marks primary counts "fewer than N" ("small"): the same primary set as today's.
const primaries = (old: Statuses) => all(old).filter((c) => c.status === "small").length;
const suppressed = (table: Statuses) => all(table).filter((c) => c.status !== "shown").length;
const largeHidden = (
  table: Pick<ProtectedTable, "cells">,
  counts: readonly (readonly number[])[],
  rowTotals: readonly number[],
) =>
  table.cells.flatMap((row, r) =>
    row.filter((c, k) => c.status !== "shown" && (rowTotals[r] ?? 0) >= 20 && (counts[r]?.[k] ?? 0) >= 5),
  ).length;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

let oldHidden = 0,
  greedyHidden = 0,
  newHidden = 0,
  optimumHidden = 0,
  large = 0,
  oldLarge = 0,
  largeCells = 0,
  merged = 0,
  withheldWhole = 0;
const why: LargeHides = { merged: 0, forced: 0, chosen: 0, withheld: 0 };
const times: number[] = [];
for (const { table, threshold } of corpus) {
  const old = oldProtectTable(table, threshold);
  const primary = primaries(old);
  oldHidden += suppressed(old) - primary;
  greedyHidden += suppressed(protectTable(table, threshold, { exact: false })) - primary;
  const start = performance.now();
  const chosen = protectTable(table, threshold);
  times.push(performance.now() - start);
  newHidden += suppressed(chosen) - primary;
  if (chosen.merged) merged++;
  if (chosen.withheld) withheldWhole++;
  optimumHidden += suppressed(protectTable(table, threshold, { exact: true, unlimited: true })) - primary;
  large += largeHidden(chosen, table.counts, table.rowTotals);
  const reasons = classifyLargeHides(table, chosen);
  for (const key of ["merged", "forced", "chosen", "withheld"] as const) why[key] += reasons[key];
  oldLarge += largeHidden(old, table.counts, table.rowTotals);
  largeCells += table.counts.flatMap((row, r) =>
    row.filter((v) => (table.rowTotals[r] ?? 0) >= 20 && v >= 5),
  ).length;
}
const random = seeded(1212);
const big: number[] = [];
for (let i = 0; i < Math.min(100, count); i++) {
  const { table, threshold } = generateTable(random, { groups: 12, answers: 12 });
  const start = performance.now();
  protectTable(table, threshold);
  big.push(performance.now() - start);
}
const pct = (a: number, b: number) => `${((a / Math.max(1, b)) * 100).toFixed(0)}%`;
console.log(`Disclosure control on ${count} generated tables (counts hidden beyond the primary ones):`);
console.log(`  old rule            ${oldHidden}`);
console.log(`  greedy              ${greedyHidden}`);
console.log(`  production (exact)  ${newHidden}  (${pct(newHidden, oldHidden)} of the old rule)`);
console.log(`  exact optimum       ${optimumHidden}  (production is ${pct(newHidden, optimumHidden)} of it)`);
console.log(
  `  small groups shown as one: ${merged} tables; withheld whole: ${withheldWhole} (of ${count}; no pattern safe group by group ${protectionStats.withheld} times over all runs)`,
);
console.log(
  `  large-group cells (≥ 20 in the group, count ≥ 5) hidden: ${large} of ${largeCells} (old rule ${oldLarge})`,
);
console.log(
  `    of which forced (no safe pattern keeps its row's and column's large counts shown) ${why.forced}, chosen by the cost ${why.chosen}, in groups shown as one ${why.merged}, withheld ${why.withheld}`,
);
console.log(
  `  time per table: p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`,
);
console.log(
  `  12 × 12 tables: p50 ${percentile(big, 0.5).toFixed(1)} ms, p95 ${percentile(big, 0.95).toFixed(1)} ms (${big.length} tables)`,
);
console.log(
  `  load average: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);

if (process.env.BENCH_DEMO !== "0") {
  // The demo survey as members see it (published numbers), breakdown by breakdown.
  const { createDb } = await import("../../db/client.ts");
  const { migrateToLatest } = await import("../../db/migrate.ts");
  const { seedDemoNetwork } = await import("../../db/seed.ts");
  const { demoAccounts } = await import("../../db/demo-network.ts");
  const { findPersonByEmail } = await import("../../app/models/accounts/people.server.ts");
  const { getSurveyAggregates } = await import("../../app/models/surveys/results.server.ts");
  const { presentResults } = await import("../../app/models/surveys/results-view.server.ts");
  const { breakdownAttributes } = await import("../../app/schemas/survey-results.ts");
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mv-disclosure-"));
  const handle = await createDb({ dataDir });
  try {
    await migrateToLatest(handle.db);
    await seedDemoNetwork(handle.db, "http://127.0.0.1");
    const policy = await findPersonByEmail(handle.db, demoAccounts.policy);
    if (!policy) throw new Error("No demo policy officer");
    const survey = await handle.db.selectFrom("surveys").select("id").orderBy("id").executeTakeFirstOrThrow();
    console.log(`Demo survey ${survey.id}, published numbers, counts in the breakdowns' group rows:`);
    for (const by of breakdownAttributes) {
      const results = await getSurveyAggregates(handle.db, policy, survey.id, { by, filter: null });
      const view = presentResults(results, { protect: true });
      let shown = 0,
        hidden = 0,
        withheld = 0,
        mergedTables = 0;
      const tables = view.questions.flatMap((q) => (q.table ? [q.table] : []));
      for (const table of tables) {
        if (table.merged) mergedTables++;
        for (const row of table.rows.filter((r) => !r.overall)) {
          for (const c of [...row.cells, row.total]) {
            if (table.withheld) withheld++;
            else if (c.value === null) hidden++;
            else shown++;
          }
        }
      }
      const withheldTables = tables.filter((t) => t.withheld).length;
      console.log(
        `  by ${by}: ${tables.length} tables (${mergedTables} with small groups merged, ${withheldTables} withheld); counts ${shown} shown, ${hidden} hidden, ${withheld} withheld`,
      );
      if (by === "nation") {
        let englandShown = 0,
          englandAll = 0,
          overallShown = 0,
          overallAll = 0;
        for (const table of tables) {
          for (const row of table.rows) {
            const cells = [...row.cells, row.total];
            if (row.label === "England") {
              englandAll += cells.length;
              englandShown += cells.filter((c) => c.value !== null).length;
            }
            if (row.overall) {
              overallAll += cells.length;
              overallShown += cells.filter((c) => c.value !== null).length;
            }
          }
        }
        console.log(
          `    England: ${englandShown} of ${englandAll} counts shown; All respondents: ${overallShown} of ${overallAll} shown`,
        );
      }
    }
  } finally {
    await handle.db.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}
