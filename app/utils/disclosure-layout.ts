/**
 * One table as a network for the solver (disclosure-network.ts): which counts are primary, which
 * may be hidden as complements and at what cost, which are fixed by the tables shown beside it.
 */
import { isSuppressed, type Arc, type ArcRole, type Network } from "~/utils/disclosure-network.ts";
import type { CellStatus, ProtectedCell } from "~/utils/disclosure-types.ts";

export const UNBOUNDED = 1e9;

/** A large group's count: at least 20 in the group and a count of at least 5. */
export const isLargeCount = (groupSize: number, count: number) => groupSize >= 20 && count >= 5;
/** What hiding one costs, in small counts (also in the choice of groups to show as one). */
export const LARGE_WEIGHT = 5;

/** The status a total already has in the table shown beside this one ("small": primary). */
export type Given = CellStatus | "candidate";

export interface Layout {
  network: Network;
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  grand: number;
}

/**
 * The network of one table (rows × columns, each column's total, each row's total, the grand
 * total). For multiple choice, one option: columns "ticked" and "did not tick", the second never
 * published.
 */
export function layout(
  counts: readonly (readonly number[])[],
  rowTotals: readonly number[],
  spec: {
    threshold: number;
    /** Per column: never published ("did not tick"). */
    unpublished: readonly boolean[];
    rowTotals: readonly Given[];
    columnTotals: readonly Given[];
    grand: Given;
  },
): Layout {
  const t = spec.threshold;
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  const single = rows === 1;
  const rowNode = (r: number) => 2 + r;
  const columnNode = (k: number) => 2 + rows + k;
  const arcs: Arc[] = [];
  // A large group's count (the evidence people come for) weighs as five small ones: hidden only
  // when a pattern without it would hide five more.
  const innerWeight = (r: number, value: number) =>
    isLargeCount(rowTotals[r] ?? 0, value) ? LARGE_WEIGHT : 1;
  // A total costs more than every inner count together: it goes only when nothing else protects.
  const totalWeight = rows * columns * LARGE_WEIGHT + 1;
  const scale = 1 + counts.flat().reduce((a, b) => a + b, 0) * 4;
  // Once suppressed, a count is at least 1 to the reader (zeros are shown), 0 in a small group.
  const add = (from: number, to: number, value: number, role: ArcRole, weight: number) =>
    arcs.push({ from, to, value, role, lo: 1, hi: UNBOUNDED, protect: null, cost: weight * scale + value }) -
    1;
  const roleOf = (given: Given, value: number): ArcRole =>
    given === "candidate"
      ? value > 0
        ? "candidate"
        : "fixed"
      : given === "shown"
        ? "fixed"
        : given === "small"
          ? "small"
          : "hidden";

  const cells = counts.map((row, r) =>
    row.map((value, k) =>
      add(
        rowNode(r),
        columnNode(k),
        value,
        spec.unpublished[k] ? "unpublished" : value > 0 ? "candidate" : "fixed",
        innerWeight(r, value),
      ),
    ),
  );
  const rowArcs = rowTotals.map((value, r) =>
    add(0, rowNode(r), value, single ? "alias" : roleOf(spec.rowTotals[r] ?? "shown", value), totalWeight),
  );
  const columnArcs = Array.from({ length: columns }, (_, k) => {
    const value = counts.reduce((sum, row) => sum + (row[k] ?? 0), 0);
    const role: ArcRole = single
      ? "alias"
      : spec.unpublished[k]
        ? "unpublished"
        : roleOf(spec.columnTotals[k] ?? "shown", value);
    return add(columnNode(k), 1, value, role, totalWeight);
  });
  const grandValue = rowTotals.reduce((a, b) => a + b, 0);
  const grand = add(1, 0, grandValue, roleOf(spec.grand, grandValue), totalWeight);

  // Primary suppression.
  const publishable = (arc: Arc) =>
    arc.role === "candidate" || arc.role === "fixed" || arc.role === "small" || arc.role === "hidden";
  const small = (value: number) => value > 0 && value < t;
  for (const arc of arcs) {
    if (publishable(arc) && small(arc.value)) arc.role = "small";
    if (arc.role === "unpublished") arc.lo = 0;
    if ((publishable(arc) || arc.role === "unpublished") && small(arc.value))
      arc.protect = { lo: 1, hi: t - 1 };
  }
  // Small groups: everything inside a total below the threshold, zeros included.
  const groups: { total: number; parts: number[] }[] = [
    ...rowArcs.map((total, r) => ({ total, parts: cells[r] ?? [] })),
    ...(single ? [] : columnArcs.map((total, k) => ({ total, parts: cells.map((row) => row[k] ?? -1) }))),
    ...(single
      ? []
      : [
          { total: grand, parts: rowArcs },
          { total: grand, parts: columnArcs },
        ]),
  ];
  for (const { total, parts } of groups) {
    if (!small(arcs[total]?.value ?? 0)) continue;
    for (const id of parts) {
      const arc = arcs[id];
      if (!arc || arc.role === "alias") continue;
      if (publishable(arc)) arc.role = "small";
      arc.lo = 0;
      arc.protect = { lo: 0, hi: t - 1 };
    }
  }
  // A count in a row or column nobody is in is 0 whatever is hidden: "nobody gave this answer"
  // describes no one, and no suppression could make it look otherwise.
  // Likewise a count that is its whole row (every other answer empty) is the row's total, which
  // is protected as itself.
  const emptyColumn = columnArcs.map((id) => (arcs[id]?.value ?? 0) === 0);
  const usedColumns = emptyColumn.filter((empty) => !empty).length;
  cells.forEach((row, r) =>
    row.forEach((id, k) => {
      const arc = arcs[id];
      const wholeRow = usedColumns === 1 && !emptyColumn[k] && rows > 1;
      if (arc && ((rowTotals[r] ?? 0) === 0 || emptyColumn[k] || wholeRow)) arc.protect = null;
    }),
  );
  return {
    network: { nodes: 2 + rows + columns, arcs },
    cells,
    rowTotals: rowArcs,
    columnTotals: columnArcs,
    grand,
  };
}

export function statusOf(layout: Layout, hidden: ReadonlySet<number>, id: number): CellStatus {
  const arc = layout.network.arcs[id];
  if (!arc) throw new RangeError(`No arc ${id}`);
  if (arc.role === "small") return "small";
  if (arc.role === "fixed") return "shown";
  return isSuppressed(arc, hidden, id) ? "hidden" : "shown";
}

/** What leaves: the number, or one mark whatever the reason it is suppressed. */
export const cell = (value: number, status: CellStatus): ProtectedCell =>
  status === "shown" ? { value, status } : { value: null, status: "hidden" };

export type Spec = Parameters<typeof layout>[2];
