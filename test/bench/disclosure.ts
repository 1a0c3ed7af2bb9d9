/**
 * Information loss of disclosure control on the generated corpus (test/disclosure/corpus.ts):
 * counts hidden beyond the primary ones by the old rule, the greedy pass, the production choice
 * (greedy, then exact by HiGHS) and the exact optimum (withheld counts count as hidden); tables
 * withheld in part or whole; time per table, and for 12 × 12 tables.
 * Run: npx tsx test/bench/disclosure.ts (BENCH_TABLES=n for a smaller corpus).
 */
import { generateCorpus, generateTable, seeded } from "../disclosure/corpus.ts";
import { protectTable, type ProtectedTable } from "../../app/utils/disclosure.ts";
import { protectTable as oldProtectTable } from "./old-disclosure.ts";

const count = Number(process.env.BENCH_TABLES ?? (process.env.BENCH_SECONDS ? 100 : 1000));
const corpus = generateCorpus(count);
const secondaries = (table: {
  cells: { status: string }[][];
  rowTotals: { status: string }[];
  columnTotals: { status: string }[];
  grandTotal: { status: string };
}) =>
  [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.grandTotal].filter(
    (c) => c.status === "hidden",
  ).length;
const largeHidden = (
  table: ProtectedTable,
  counts: readonly (readonly number[])[],
  rowTotals: readonly number[],
) =>
  table.cells.flatMap((row, r) =>
    row.filter((c, k) => c.status === "hidden" && (rowTotals[r] ?? 0) >= 20 && (counts[r]?.[k] ?? 0) >= 5),
  ).length;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

let oldHidden = 0,
  greedyHidden = 0,
  newHidden = 0,
  optimumHidden = 0,
  large = 0,
  largeCells = 0,
  withheldPart = 0,
  withheldWhole = 0;
const times: number[] = [];
for (const { table, threshold } of corpus) {
  oldHidden += secondaries(oldProtectTable(table, threshold));
  greedyHidden += secondaries(protectTable(table, threshold, { exact: false }));
  const start = performance.now();
  const chosen = protectTable(table, threshold);
  times.push(performance.now() - start);
  newHidden += secondaries(chosen);
  if (chosen.withheld && chosen.cells.flat().some((c) => c.status === "shown")) withheldPart++;
  else if (chosen.withheld) withheldWhole++;
  optimumHidden += secondaries(protectTable(table, threshold, { exact: true, unlimited: true }));
  large += largeHidden(chosen, table.counts, table.rowTotals);
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
console.log(`Disclosure control on ${count} generated tables (counts hidden beyond the primary ones):`);
console.log(`  old rule            ${oldHidden}`);
console.log(`  greedy              ${greedyHidden}`);
console.log(
  `  production (exact)  ${newHidden}  (${((newHidden / Math.max(1, oldHidden)) * 100).toFixed(0)}% of the old rule)`,
);
console.log(`  exact optimum       ${optimumHidden}`);
console.log(
  `  withheld because no pattern is safe beside the table without a breakdown: ${withheldPart} in part, ${withheldWhole} whole`,
);
console.log(`  large-group cells (≥ 20 in the group, count ≥ 5) hidden: ${large} of ${largeCells}`);
console.log(
  `  time per table: p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`,
);
console.log(
  `  12 × 12 tables: p50 ${percentile(big, 0.5).toFixed(1)} ms, p95 ${percentile(big, 0.95).toFixed(1)} ms (${big.length} tables)`,
);
