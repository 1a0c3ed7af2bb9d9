/**
 * For the benchmark: why each large group's count (at least 20 in the group, a count of at least 5)
 * is hidden in a published table.
 * - merged: its group was shown as one with others, so its own row reads "hidden";
 * - forced: no safe pattern exists (given the totals as published) with every large group's count
 *   in its row and column shown, so some large count there had to go;
 * - chosen: a safe pattern without one exists, and the solver's cost preferred this one.
 * - withheld: the whole breakdown was withheld.
 */
import { collapseMerged, mergeRows } from "~/utils/disclosure-merge.ts";
import { layout, type Given } from "~/utils/disclosure-layout.ts";
import { hopeless } from "~/utils/disclosure-network.ts";
import type { FrequencyTable, ProtectedTable } from "~/utils/disclosure-types.ts";

export interface LargeHides {
  merged: number;
  forced: number;
  chosen: number;
  withheld: number;
}

const isLarge = (table: FrequencyTable, r: number, k: number) =>
  (table.rowTotals[r] ?? 0) >= 20 && (table.counts[r]?.[k] ?? 0) >= 5;

export function classifyLargeHides(original: FrequencyTable, published: ProtectedTable): LargeHides {
  const out: LargeHides = { merged: 0, forced: 0, chosen: 0, withheld: 0 };
  const hiddenLarge = (table: FrequencyTable, p: ProtectedTable) =>
    p.cells.flatMap((row, r) =>
      row.flatMap((c, k) => (c.status !== "shown" && isLarge(table, r, k) ? [[r, k]] : [])),
    );
  if (published.withheld) {
    out.withheld = hiddenLarge(original, published).length;
    return out;
  }
  let table = original;
  let p = published;
  // The row the merged groups share is not a large group's (its members are small).
  let mergedRow = -1;
  if (published.merged) {
    const members = new Set(published.merged.rows);
    const first = published.merged.rows[0] ?? 0;
    out.merged = hiddenLarge(original, published).filter(([r]) => members.has(r ?? -1)).length;
    table = mergeRows(original, published.merged.rows);
    p = collapseMerged(published);
    mergedRow = original.rowTotals.filter((_, r) => r < first && !members.has(r)).length;
  }
  const given = (status: string): Given => (status === "shown" ? "shown" : "hidden");
  const spec = {
    threshold: p.threshold,
    rowTotals: p.rowTotals.map((c) => given(c.status)),
    grand: given(p.grandTotal.status),
  };
  for (const [r = 0, k = 0] of hiddenLarge(table, p).filter(([r]) => r !== mergedRow)) {
    // The large counts that must stay shown: its row's and its column's.
    const keep = (row: number, column: number) => (row === r || column === k) && isLarge(table, row, column);
    let forced: boolean;
    if (table.exclusive) {
      const shape = layout(table.counts, table.rowTotals, {
        ...spec,
        unpublished: table.counts[0]?.map(() => false) ?? [],
        columnTotals: p.columnTotals.map((c) => given(c.status)),
      });
      shape.cells.forEach((row, i) =>
        row.forEach((id, j) => {
          const arc = shape.network.arcs[id];
          if (arc && keep(i, j)) arc.role = "fixed";
        }),
      );
      forced = hopeless(shape.network);
    } else {
      // Multiple choice: each option is its own ticked / did not tick table.
      const shape = layout(
        table.counts.map((row, i) => [row[k] ?? 0, (table.rowTotals[i] ?? 0) - (row[k] ?? 0)]),
        table.rowTotals,
        {
          ...spec,
          unpublished: [false, true],
          columnTotals: [given(p.columnTotals[k]?.status ?? "shown"), "shown"],
        },
      );
      shape.cells.forEach((row, i) => {
        const arc = shape.network.arcs[row[0] ?? -1];
        if (arc && isLarge(table, i, k)) arc.role = "fixed";
      });
      forced = hopeless(shape.network);
    }
    if (forced) out.forced++;
    else out.chosen++;
  }
  return out;
}
