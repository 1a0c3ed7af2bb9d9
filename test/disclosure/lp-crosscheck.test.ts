import highsLoader from "highs";
import { describe, expect, test } from "vitest";
import { auditTable } from "~/utils/disclosure-audit.ts";
import type { Network } from "~/utils/disclosure-network.ts";
import { protectTable, type FrequencyTable } from "~/utils/disclosure.ts";
import { generateCorpus } from "./corpus.ts";

/**
 * The audit answers "how small and how large could this count be, given what is published" by
 * maximum flow. Here HiGHS answers the same linear programmes directly (every count a variable
 * within what the reader knows of it, every node's flow conserved) on a sample of tables, and the
 * ranges must agree.
 */
const highs = await highsLoader();
const UNBOUNDED = 1e9;

function range(network: Network, arc: number): { lo: number; hi: number } {
  const { arcs, nodes } = network;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let node = 0; node < nodes; node++) {
    const row = new Map<number, number>();
    arcs.forEach((a, j) => {
      if (a.to === node) row.set(j, (row.get(j) ?? 0) + 1);
      if (a.from === node) row.set(j, (row.get(j) ?? 0) - 1);
    });
    for (const [j, v] of [...row].sort((x, y) => x[0] - y[0])) {
      if (v === 0) continue;
      indices.push(j);
      values.push(v);
    }
    starts.push(indices.length);
  }
  const bounds = arcs.map((a) =>
    a.role === "alias" ? [-UNBOUNDED, UNBOUNDED] : a.role === "fixed" ? [a.value, a.value] : [a.lo, a.hi],
  );
  const solve = (sign: number) => {
    const model = highs.createModel({
      numCols: arcs.length,
      numRows: nodes,
      colCost: arcs.map((_, j) => (j === arc ? sign : 0)),
      colLower: bounds.map(([lo]) => lo ?? 0),
      colUpper: bounds.map(([, hi]) => hi ?? 0),
      rowLower: new Array<number>(nodes).fill(0),
      rowUpper: new Array<number>(nodes).fill(0),
      matrix: { format: "csr", numRows: nodes, numCols: arcs.length, starts, indices, values },
    });
    try {
      model.options.set("output_flag", false);
      model.run();
      return model.getSolution().colValue[arc] ?? Number.NaN;
    } finally {
      model.dispose();
    }
  };
  return { lo: Math.round(solve(1)) + 0, hi: Math.min(UNBOUNDED, Math.round(solve(-1))) + 0 };
}

function withoutBreakdown({ counts, rowTotals, exclusive }: FrequencyTable): FrequencyTable {
  const columns = counts[0]?.length ?? 0;
  const sums = Array.from({ length: columns }, (_, k) => counts.reduce((s, row) => s + (row[k] ?? 0), 0));
  return { counts: [sums], rowTotals: [rowTotals.reduce((a, b) => a + b, 0)], exclusive };
}

describe("the max-flow audit agrees with HiGHS", () => {
  test("on a sample of protected tables, breakdowns read with the table without one", () => {
    let checked = 0;
    for (const { table, threshold } of generateCorpus(40, 515)) {
      const overall = table.counts.length > 1 ? protectTable(withoutBreakdown(table), threshold) : null;
      const published = protectTable(table, threshold);
      auditTable(table, published, overall, (network, arc, count) => {
        checked++;
        expect(range(network, arc), count.where).toEqual({ lo: count.lo, hi: count.hi });
      });
    }
    expect(checked).toBeGreaterThan(200);
  }, 240_000);
});
