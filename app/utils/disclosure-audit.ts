/**
 * The audit of a protected table, from what is published alone: for every suppressed count (and
 * every "did not tick" count of a multiple-choice option), the smallest and largest value a reader
 * could give it, knowing every shown number, that a "hidden" count is at least 1 (zeros are shown
 * outside small groups; at least 0 inside one, or anywhere in a withheld table) with no upper
 * bound beyond what the totals imply, that rows and columns add up, and the "All respondents"
 * table published without a breakdown. Which counts are primary the reader is not told; which
 * groups are small the audit takes as known (the stricter reading).
 *
 * Those are linear programmes over a network matrix, so their optimum is a maximum flow
 * (disclosure-network.ts); the tests check the ranges against HiGHS solving the same programmes.
 * A table with groups shown as one is audited as the reader sees it: the merged table.
 */
import { collapseMerged, mergeRows } from "~/utils/disclosure-merge.ts";
import { freedoms, type Arc, type Network } from "~/utils/disclosure-network.ts";
import type { CellStatus, FrequencyTable, ProtectedCell, ProtectedTable } from "~/utils/disclosure-types.ts";

const UNBOUNDED = 1e9;

export interface AuditedCount {
  where: string;
  value: number;
  /** What the reader can work out. */
  lo: number;
  hi: number;
  /** What must stay possible: the protection interval (a single value: only "not pinned"). */
  mustLo: number;
  mustHi: number;
  /** True when the reader learns too much. */
  disclosed: boolean;
}

interface Quantity {
  where: string;
  value: number;
  status: CellStatus | "unpublished";
  /** Inside a total the reader sees as "fewer than N". */
  smallGroup: boolean;
  /** In a row or column with nobody in it: 0 whatever is published, so nothing to protect. */
  empty?: boolean;
  /** "hidden" in a withheld table: not even known not to be 0. */
  unknown?: boolean;
}

function arcFor(q: Quantity, from: number, to: number, t: number, alias = false): Arc {
  const base = { from, to, value: q.value, protect: null, cost: 0 };
  if (alias) return { ...base, role: "alias", lo: 0, hi: UNBOUNDED };
  if (q.status === "shown") return { ...base, role: "fixed", lo: q.value, hi: q.value };
  if (q.status === "small" || q.status === "hidden") {
    return { ...base, role: "hidden", lo: q.smallGroup || q.unknown ? 0 : 1, hi: UNBOUNDED };
  }
  return { ...base, role: "unpublished", lo: 0, hi: UNBOUNDED };
}

/**
 * One rows × columns table with its totals, as the reader sees it; returns the audited counts.
 * `protectedValue(q)` says which unpublished counts must keep a range (a small "did not tick").
 */
/** For the tests' cross-check: each audited count with the network (the reader's LP) it came from. */
export type Collect = (network: Network, arc: number, count: AuditedCount) => void;

function auditGrid(
  grid: Quantity[][],
  rowTotals: Quantity[],
  columnTotals: Quantity[],
  grand: Quantity,
  t: number,
  collect?: Collect | "leaks",
): AuditedCount[] {
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  const single = rows === 1;
  const arcs: Arc[] = [];
  const quantities: Quantity[] = [];
  const push = (q: Quantity, from: number, to: number, alias = false) => {
    arcs.push(arcFor(q, from, to, t, alias));
    quantities.push(q);
  };
  grid.forEach((row, r) => row.forEach((q, k) => push(q, 2 + r, 2 + rows + k)));
  rowTotals.forEach((q, r) => push(q, 0, 2 + r, single));
  columnTotals.forEach((q, k) => push(q, 2 + rows + k, 1, single));
  push(grand, 1, 0);
  const network: Network = { nodes: 2 + rows + columns, arcs };
  const out: AuditedCount[] = [];
  const freedom = freedoms(network, new Set());
  arcs.forEach((arc, i) => {
    const q = quantities[i];
    if (!q || q.empty || arc.role === "fixed" || arc.role === "alias") return;
    // Only whether it gives something away: no flow beyond N is needed to tell.
    const { up, down } = freedom(i, collect === "leaks" ? t : UNBOUNDED);
    const lo = q.value - down.flow;
    const hi = Math.min(UNBOUNDED, q.value + up.flow);
    const sensitive = q.value < t && (q.value > 0 || q.smallGroup) && !q.empty;
    if (q.status === "unpublished" && !sensitive) return;
    const [mustLo, mustHi] = sensitive ? [q.smallGroup ? 0 : 1, t - 1] : [q.value, q.value];
    const disclosed = sensitive ? lo > mustLo || hi < mustHi : lo === hi;
    const count = { where: q.where, value: q.value, lo, hi, mustLo, mustHi, disclosed };
    if (typeof collect === "function") collect(network, i, count);
    out.push(count);
  });
  return out;
}

const q = (
  where: string,
  value: number,
  cell: ProtectedCell | undefined,
  smallGroup: boolean,
  unknown = false,
): Quantity => ({ where, value, status: cell?.status ?? "shown", smallGroup, unknown });

/**
 * Every suppressed count of `published` with the range a reader could narrow it to. `overall`:
 * the same question published without a breakdown (its shown counts are known too).
 */
export function auditTable(
  table: FrequencyTable,
  published: ProtectedTable,
  overall: ProtectedTable | null = null,
  /** "leaks": only whether each count gives something away (ranges past N from it are cut short). */
  collect?: Collect | "leaks",
): AuditedCount[] {
  if (published.merged) {
    return auditTable(mergeRows(table, published.merged.rows), collapseMerged(published), overall, collect);
  }
  const t = published.threshold;
  const { counts, rowTotals } = table;
  const columns = counts[0]?.length ?? 0;
  const columnSums = Array.from({ length: columns }, (_, k) =>
    counts.reduce((s, row) => s + (row[k] ?? 0), 0),
  );
  const grandValue = rowTotals.reduce((a, b) => a + b, 0);
  // A group smaller than N (a suppressed total below N): zeros inside it may be hidden.
  const small = (value: number) => value > 0 && value < t;
  // What the table without a breakdown shows overrides what this one hides.
  const known = (cell: ProtectedCell | undefined, other: ProtectedCell | undefined) =>
    other?.status === "shown" ? other : cell;
  const columnCells = columnSums.map((_, k) => known(published.columnTotals[k], overall?.cells[0]?.[k]));
  const grandCell = known(published.grandTotal, overall?.grandTotal);
  const smallGrand = small(grandValue);
  const smallRow = (r: number) => small(rowTotals[r] ?? 0) || smallGrand;
  // With one group the column totals are its own counts, not a group around them.
  const smallColumn = (k: number) => (counts.length > 1 && small(columnSums[k] ?? 0)) || smallGrand;
  // A withheld table's "hidden" says nothing; its "All respondents" row is the table without a
  // breakdown's, whose "hidden" says "at least N" unless that table is withheld too.
  const inner = published.withheld === true;
  const outer = inner && (counts.length === 1 || !overall || overall.withheld === true);
  const grand = q("grand total", grandValue, grandCell, false, outer);
  const rowQ = rowTotals.map((v, r) => q(`row ${r} total`, v, published.rowTotals[r], smallGrand, inner));

  if (table.exclusive) {
    const used = columnSums.filter((sum) => sum > 0).length;
    const grid = counts.map((row, r) =>
      row.map((v, k) => ({
        ...q(`cell ${r},${k}`, v, published.cells[r]?.[k], smallRow(r) || smallColumn(k), inner),
        empty: rowTotals[r] === 0 || columnSums[k] === 0 || (used === 1 && counts.length > 1),
      })),
    );
    const columnQ = columnSums.map((v, k) => q(`column ${k} total`, v, columnCells[k], smallGrand, outer));
    return auditGrid(grid, rowQ, columnQ, grand, t, collect);
  }
  // Multiple choice: each option is a ticked / did not tick table.
  return Array.from({ length: columns }, (_, k) => {
    const notTickedTotal = grandValue - (columnSums[k] ?? 0);
    const grid = counts.map((row, r) => {
      const ticked = row[k] ?? 0;
      const notTicked = (rowTotals[r] ?? 0) - ticked;
      return [
        {
          ...q(`cell ${r},${k}`, ticked, published.cells[r]?.[k], smallRow(r) || smallColumn(k), inner),
          empty: rowTotals[r] === 0 || columnSums[k] === 0 || (notTickedTotal === 0 && counts.length > 1),
        },
        {
          empty: rowTotals[r] === 0 || notTickedTotal === 0 || (columnSums[k] === 0 && counts.length > 1),
          where: `cell ${r},${k} not ticked`,
          value: notTicked,
          status: "unpublished" as const,
          smallGroup: smallRow(r) || (notTickedTotal > 0 && notTickedTotal < t),
        },
      ];
    });
    const columnQ = [
      q(`column ${k} total`, columnSums[k] ?? 0, columnCells[k], smallGrand, outer),
      {
        where: `column ${k} not ticked`,
        value: notTickedTotal,
        status: "unpublished" as const,
        smallGroup: smallGrand,
      },
    ];
    return auditGrid(grid, rowQ, columnQ, grand, t, collect);
  }).flat();
}

/** Only what gives something away. */
export const disclosures = (
  table: FrequencyTable,
  published: ProtectedTable,
  overall: ProtectedTable | null = null,
) => auditTable(table, published, overall, "leaks").filter((count) => count.disclosed);
