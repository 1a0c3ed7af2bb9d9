/**
 * When no suppression pattern protects a breakdown one group at a time, its groups smaller than
 * the threshold are shown as one group ("Scotland, Wales and Northern Ireland") before the whole
 * breakdown is withheld: the smallest groups first, more joining (next smallest first) until a
 * pattern is safe, always leaving at least one group besides them.
 */
import type { FrequencyTable, ProtectedCell, ProtectedTable } from "~/utils/disclosure-types.ts";

/** The sets of groups to try showing as one, in order (each in the table's order); [] if none. */
export function mergeOrders(rowTotals: readonly number[], threshold: number): number[][] {
  const small = rowTotals.filter((n) => n > 0 && n < threshold).length;
  if (!small) return [];
  const order = rowTotals
    .map((n, r) => ({ n, r }))
    .filter(({ n }) => n > 0)
    .sort((a, b) => a.n - b.n || a.r - b.r)
    .map(({ r }) => r);
  const sizeOf = (size: number) => order.slice(0, size).reduce((sum, r) => sum + (rowTotals[r] ?? 0), 0);
  let size = Math.max(2, small);
  while (size < order.length && sizeOf(size) < threshold) size++;
  const orders: number[][] = [];
  for (; size < order.length; size++) orders.push(order.slice(0, size).sort((a, b) => a - b));
  return orders;
}

/** Where each group's row is in the table with `rows` shown as one (at the first one's place). */
function positions(groups: number, rows: readonly number[]) {
  const members = new Set(rows);
  const first = rows[0];
  const place: number[] = [];
  let next = 0;
  let at = 0;
  for (let r = 0; r < groups; r++) {
    if (r === first) at = next;
    place.push(members.has(r) && r !== first ? -1 : next++);
  }
  return place.map((p, r) => (members.has(r) ? at : p));
}

/** The table with the groups `rows` added together into one row. */
export function mergeRows(table: FrequencyTable, rows: readonly number[]): FrequencyTable {
  const first = rows[0];
  const members = new Set(rows);
  const counts: number[][] = [];
  const rowTotals: number[] = [];
  table.counts.forEach((row, r) => {
    if (r === first) {
      counts.push(row.map((_, k) => rows.reduce((sum, m) => sum + (table.counts[m]?.[k] ?? 0), 0)));
      rowTotals.push(rows.reduce((sum, m) => sum + (table.rowTotals[m] ?? 0), 0));
    } else if (!members.has(r)) {
      counts.push([...row]);
      rowTotals.push(table.rowTotals[r] ?? 0);
    }
  });
  return { counts, rowTotals, exclusive: table.exclusive };
}

const hidden: ProtectedCell = { value: null, status: "hidden" };

/** The protected merged table spread back over the groups: the merged ones' own rows hidden. */
export function spreadMerged(table: FrequencyTable, rows: number[], merged: ProtectedTable): ProtectedTable {
  const place = positions(table.counts.length, rows);
  const members = new Set(rows);
  const at = place[rows[0] ?? 0] ?? 0;
  return {
    ...merged,
    cells: table.counts.map((row, r) =>
      members.has(r) ? row.map(() => hidden) : (merged.cells[place[r] ?? -1] ?? row.map(() => hidden)),
    ),
    rowTotals: table.rowTotals.map((_, r) =>
      members.has(r) ? hidden : (merged.rowTotals[place[r] ?? -1] ?? hidden),
    ),
    merged: {
      rows,
      cells: merged.cells[at] ?? [],
      total: merged.rowTotals[at] ?? hidden,
    },
  };
}

/** What a reader of a table with merged groups sees: the merged table itself. */
export function collapseMerged(published: ProtectedTable): ProtectedTable {
  const { merged } = published;
  if (!merged) return published;
  const members = new Set(merged.rows);
  const first = merged.rows[0];
  const keep = (r: number) => !members.has(r) || r === first;
  return {
    threshold: published.threshold,
    columnTotals: published.columnTotals,
    grandTotal: published.grandTotal,
    cells: published.cells.flatMap((row, r) => (r === first ? [merged.cells] : keep(r) ? [row] : [])),
    rowTotals: published.rowTotals.flatMap((total, r) =>
      r === first ? [merged.total] : keep(r) ? [total] : [],
    ),
  };
}
