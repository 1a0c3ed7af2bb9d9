/**
 * Protecting one table against the tables published beside it: the groups' sizes first (shared by
 * every question of a breakdown), then each question, exclusive answers as one table, multiple
 * choice option by option (ticked / did not tick), hiding a group's size only when nothing else
 * protects.
 */
import { hopeless, isSuppressed, type Arc, type Network } from "~/utils/disclosure-network.ts";
import { cell, layout, statusOf, UNBOUNDED, type Given, type Spec } from "~/utils/disclosure-layout.ts";
import { chooseSuppression } from "~/utils/disclosure-solver.ts";
import type { CellStatus, FrequencyTable, ProtectedTable, ProtectOptions } from "~/utils/disclosure-types.ts";

/**
 * How many in each group answered is published beside every question of a breakdown, so it is
 * protected once, as a table of its own (the groups' sizes adding up to everyone), and every
 * table of the breakdown uses the same answer.
 */
function groupTotals(
  rowTotals: readonly number[],
  threshold: number,
  options: ProtectOptions,
  forced: ReadonlySet<number> = new Set(),
): CellStatus[] {
  const t = threshold;
  const grand = rowTotals.reduce((a, b) => a + b, 0);
  const small = (value: number) => value > 0 && value < t;
  if (rowTotals.length === 1) return [small(grand) ? "small" : "shown"];
  const scale = 1 + grand * 4;
  const arcs: Arc[] = rowTotals.map((value, r) => ({
    from: 0,
    to: 1,
    value,
    role:
      small(value) || small(grand) ? "small" : forced.has(r) ? "hidden" : value > 0 ? "candidate" : "fixed",
    lo: small(grand) ? 0 : 1,
    hi: UNBOUNDED,
    protect: small(value) ? { lo: small(grand) ? 0 : 1, hi: t - 1 } : null,
    cost: scale + value,
  }));
  arcs.push({
    from: 1,
    to: 0,
    value: grand,
    role: small(grand) ? "small" : "fixed",
    lo: 1,
    hi: UNBOUNDED,
    protect: null,
    cost: 0,
  });
  const network: Network = { nodes: 2, arcs };
  const { hidden } = chooseSuppression(network, options);
  return rowTotals.map((_, r) => {
    const arc = arcs[r];
    if (!arc || arc.role === "small") return "small";
    return isSuppressed(arc, hidden, r) ? "hidden" : "shown";
  });
}

/**
 * Lays out and protects one table. When the totals published beside it leave no way to protect a
 * small count (a column of one "fewer than N" beside one count of exactly N), the groups' sizes
 * may be hidden too; the totals the table without a breakdown shows never are (hiding them here
 * would only pretend). If even that does not protect it, `impossible` says so and the caller
 * withholds the whole table.
 */
function protect(
  counts: readonly (readonly number[])[],
  rowTotals: readonly number[],
  spec: Spec,
  options: ProtectOptions,
) {
  const shape = layout(counts, rowTotals, spec);
  // No pattern at all: say so without looking for one.
  const choice = hopeless(shape.network) ? null : chooseSuppression(shape.network, options);
  if (choice?.complete) return { shape, hidden: choice.hidden, openedRows: [], impossible: false };
  const opened = (given: Given): Given => (given === "shown" ? "candidate" : given);
  const relaxed =
    counts.length > 1 ? layout(counts, rowTotals, { ...spec, rowTotals: spec.rowTotals.map(opened) }) : null;
  const relaxedChoice =
    relaxed && !hopeless(relaxed.network) ? chooseSuppression(relaxed.network, options) : null;
  if (!relaxed || !relaxedChoice?.complete) {
    return { shape, hidden: choice?.hidden ?? new Set<number>(), openedRows: [], impossible: true };
  }
  const hidden = relaxedChoice.hidden;
  const openedRows = relaxed.rowTotals.flatMap((id, r) => (hidden.has(id) ? [r] : []));
  return { shape: relaxed, hidden, openedRows, impossible: false };
}

/**
 * Runs `attempt` with the groups' totals protected, hiding more of them (for every table of the
 * breakdown alike) while some table cannot be protected without.
 */
function withGroupTotals<T>(
  rowTotals: readonly number[],
  threshold: number,
  options: ProtectOptions,
  attempt: (statuses: CellStatus[]) => { result: T; openedRows: number[] },
): T {
  const forced = new Set<number>();
  for (;;) {
    const { result, openedRows } = attempt(groupTotals(rowTotals, threshold, options, forced));
    const more = openedRows.filter((r) => !forced.has(r));
    if (!more.length || rowTotals.length === 1) return result;
    more.forEach((r) => forced.add(r));
  }
}

/** The same question without a breakdown: its one row is the breakdown's "All respondents" row. */
export function withoutBreakdown({ counts, rowTotals, exclusive }: FrequencyTable): FrequencyTable {
  const columns = counts[0]?.length ?? 0;
  const columnSums = Array.from({ length: columns }, (_, k) =>
    counts.reduce((sum, row) => sum + (row[k] ?? 0), 0),
  );
  return { counts: [columnSums], rowTotals: [rowTotals.reduce((a, b) => a + b, 0)], exclusive };
}

/** null: no pattern protects it without hiding what the table without a breakdown shows. */
export function protectExclusive(
  table: FrequencyTable,
  threshold: number,
  options: ProtectOptions,
  overall: ProtectedTable | null,
): ProtectedTable | null {
  const { counts, rowTotals } = table;
  const columnSums = withoutBreakdown(table).counts[0] ?? [];
  const grandValue = rowTotals.reduce((a, b) => a + b, 0);
  const protection = withGroupTotals(rowTotals, threshold, options, (statuses) => {
    const result = protect(
      counts,
      rowTotals,
      {
        threshold,
        unpublished: columnSums.map(() => false),
        rowTotals: statuses,
        columnTotals: overall ? (overall.cells[0]?.map((c) => c.status) ?? []) : [],
        grand: overall ? overall.grandTotal.status : "shown",
      },
      options,
    );
    return { result, openedRows: result.openedRows };
  });
  if (protection.impossible) return null;
  const { shape, hidden } = protection;
  const status = (id: number) => statusOf(shape, hidden, id);
  const cells = counts.map((row, r) => row.map((value, k) => cell(value, status(shape.cells[r]?.[k] ?? -1))));
  const grandTotal = cell(grandValue, status(shape.grand));
  return {
    threshold,
    cells,
    rowTotals:
      counts.length === 1 ? [grandTotal] : rowTotals.map((v, r) => cell(v, status(shape.rowTotals[r] ?? -1))),
    columnTotals:
      counts.length === 1
        ? [...(cells[0] ?? [])]
        : columnSums.map((v, k) => cell(v, status(shape.columnTotals[k] ?? -1))),
    grandTotal,
  };
}

/**
 * Multiple choice: one ticked / did not tick table per option, sharing the groups' totals. null:
 * some option cannot be protected.
 */
export function protectMultiple(
  table: FrequencyTable,
  threshold: number,
  options: ProtectOptions,
  overall: ProtectedTable | null,
): ProtectedTable | null {
  const { counts, rowTotals } = table;
  const columns = counts[0]?.length ?? 0;
  const grandValue = rowTotals.reduce((a, b) => a + b, 0);
  const single = counts.length === 1;
  const columnSums = withoutBreakdown(table).counts[0] ?? [];
  const overallStatus = columnSums.map((_, k) => overall?.cells[0]?.[k]?.status ?? "shown");
  return withGroupTotals(rowTotals, threshold, options, (groupStatuses) => {
    const rowStatus: CellStatus[] = [...groupStatuses];
    let grandStatus: CellStatus = "shown";
    const cells: CellStatus[][] = counts.map((row) => row.map(() => "shown"));
    const columnStatus: CellStatus[] = [];
    const openedRows: number[] = [];
    let impossible = false;
    for (let k = 0; k < columns; k++) {
      const ticked = counts.map((row) => row[k] ?? 0);
      const result = protect(
        ticked.map((value, r) => [value, (rowTotals[r] ?? 0) - value]),
        rowTotals,
        {
          threshold,
          unpublished: [false, true],
          rowTotals: groupStatuses,
          columnTotals: [overallStatus[k] ?? "shown", "shown"],
          grand: overall ? overall.grandTotal.status : "shown",
        },
        options,
      );
      openedRows.push(...result.openedRows);
      impossible ||= result.impossible;
      const { shape, hidden } = result;
      const status = (id: number) => statusOf(shape, hidden, id);
      shape.cells.forEach((row, r) => {
        const own = cells[r];
        if (own) own[k] = status(row[0] ?? -1);
      });
      if (single) rowStatus[0] = status(shape.grand);
      const g = status(shape.grand);
      if (g !== "shown") grandStatus = g;
      columnStatus.push(single ? (cells[0]?.[k] ?? "shown") : status(shape.columnTotals[0] ?? -1));
    }
    const result: ProtectedTable | null = impossible
      ? null
      : {
          threshold,
          cells: counts.map((row, r) => row.map((value, k) => cell(value, cells[r]?.[k] ?? "hidden"))),
          rowTotals: rowTotals.map((value, r) => cell(value, rowStatus[r] ?? "hidden")),
          columnTotals: columnSums.map((value, k) => cell(value, columnStatus[k] ?? "hidden")),
          grandTotal: cell(grandValue, grandStatus),
        };
    return { result, openedRows };
  });
}
