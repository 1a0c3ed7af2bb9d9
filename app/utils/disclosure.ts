/**
 * Disclosure control for frequency tables that leave staff eyes (the members' summary, evidence
 * figures, anything put in a document).
 *
 * A table has one row per group (a nation, a service area, a size band; or a single row with no
 * breakdown), one column per answer, the row totals (respondents in the group who answered), the
 * column totals (the "All respondents" row) and the grand total.
 *
 * Every suppressed count, whatever the reason, carries the same mark ("hidden", as the ONS's
 * "[c]"): the reader is told only that it is suppressed. So what a reader knows: every shown
 * number; that a hidden count is at least 1 (zeros are always shown outside small groups), or at
 * least 0 inside a small group, with no upper bound beyond what the totals imply; that rows and
 * columns add up; and, for multiple choice, that "did not tick it" is the group's total minus
 * "ticked it". (Only a count published on its own, never part of a table, reads "fewer than N".)
 *
 * 1. Primary suppression: a count from 1 to N − 1. A group (or answer) with fewer than N
 *    respondents has every count inside it suppressed, zeros included, or the zeros would say
 *    what the few answered. A "did not tick" count from 1 to N − 1 (19 of 20 ticked) is
 *    protected the same way though never shown.
 * 2. Secondary suppression: the cheapest set of further counts to hide so that no primary count
 *    can be narrowed inside 1 to N − 1 (0 to N − 1 in a small group) and no hidden count pinned
 *    to one value, by any combination of rows and columns (a linear programme; see
 *    disclosure-network.ts). A zero outside a small group is never hidden (the reader knows it
 *    would be shown). Cheapest: fewest counts, then the smallest sum. Totals cost more than a
 *    whole table's inner counts, so they go only when nothing else protects (the "All
 *    respondents" row and the number who answered are published beside every breakdown and
 *    elsewhere, so hiding them here would only pretend).
 * 3. Tables shown together agree: a breakdown's "All respondents" row is exactly the table without
 *    a breakdown, protected first on its own. Multiple choice is protected option by option (each a
 *    ticked / not ticked table by group), so one option's small complement hides nothing else.
 * 4. When no pattern protects a breakdown, its groups smaller than N are shown as one group
 *    (smallest first, more joining until a pattern is safe; see disclosure-merge.ts) before the
 *    breakdown is withheld.
 *
 * The same table always gets the same answer (the solver is deterministic), so two looks at one
 * table cannot be combined.
 */
import { disclosures } from "~/utils/disclosure-audit.ts";
import { hopeless, isSuppressed, type Arc, type ArcRole, type Network } from "~/utils/disclosure-network.ts";
import { mergeOrders, mergeRows, spreadMerged } from "~/utils/disclosure-merge.ts";
import { chooseSuppression, type ExactLimits } from "~/utils/disclosure-solver.ts";
import { DEFAULT_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD } from "~/utils/disclosure-threshold.ts";

export { DEFAULT_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD };

/**
 * shown: the number; hidden: suppressed, whatever the reason (a table never says which); small:
 * "fewer than N", only for a count published on its own (`protectCount`).
 */
export type CellStatus = "shown" | "small" | "hidden";

export interface ProtectedCell {
  /** null unless shown. */
  value: number | null;
  status: CellStatus;
}

export interface FrequencyTable {
  /** counts[group][answer]. */
  counts: readonly (readonly number[])[];
  /** Respondents in each group who answered the question. */
  rowTotals: readonly number[];
  /**
   * True when each respondent gives exactly one answer (single choice, yes/no, scale points), so
   * each row adds up to its total; false for multiple choice.
   */
  exclusive: boolean;
}

export interface ProtectedTable {
  threshold: number;
  cells: ProtectedCell[][];
  rowTotals: ProtectedCell[];
  columnTotals: ProtectedCell[];
  grandTotal: ProtectedCell;
  /**
   * True when no suppression pattern protects the table, even with its small groups shown as one:
   * every count of the breakdown is then withheld (its "hidden" says nothing about the count, not
   * even that it is not 0), and only the totals the table without a breakdown shows stay shown.
   */
  withheld?: boolean;
  /**
   * Groups shown as one row because no pattern protects them one by one: their indices (in
   * order) and that row's counts and total. Their own rows are then all hidden.
   */
  merged?: MergedRow;
}

export interface MergedRow {
  rows: number[];
  cells: ProtectedCell[];
  total: ProtectedCell;
}

/** The one sentence shown beside a withheld table. */
export const WITHHELD_REASON = "Too few responses to show this breakdown safely.";

export interface ProtectOptions {
  /** False: the greedy answer only (for measuring it against the exact one). */
  exact?: boolean;
  /** For the benchmark's optimum: no size or time limit on the exact solver. */
  unlimited?: boolean;
  /** The exact step's work limits (tests force it to give up with small ones). */
  exactLimits?: ExactLimits;
}

const UNBOUNDED = 1e9;

/** For the benchmark and tests: how often no pattern was safe, then merged or withheld whole. */
export const protectionStats = { withheld: 0, merged: 0, withheldWhole: 0 };

function checkThreshold(threshold: number): number {
  if (!Number.isInteger(threshold) || threshold < MIN_DISCLOSURE_THRESHOLD) {
    throw new RangeError(
      `The disclosure threshold must be a whole number of at least ${MIN_DISCLOSURE_THRESHOLD}`,
    );
  }
  return threshold;
}

const isCount = (value: number) => Number.isInteger(value) && value >= 0;

function checkTable({ counts, rowTotals, exclusive }: FrequencyTable) {
  const columns = counts[0]?.length ?? 0;
  if (counts.length !== rowTotals.length) throw new RangeError("One row total per group is needed");
  counts.forEach((row, r) => {
    if (row.length !== columns) throw new RangeError("Every group needs a count for every answer");
    if (!row.every(isCount) || !isCount(rowTotals[r] ?? -1)) throw new RangeError("Counts are whole numbers");
    const sum = row.reduce((a, b) => a + b, 0);
    const total = rowTotals[r] ?? 0;
    if (exclusive ? sum !== total : row.some((count) => count > total)) {
      throw new RangeError(`Group ${r + 1}: the counts do not fit the group's total`);
    }
  });
}

/** The status a total already has in the table shown beside this one ("small": primary). */
type Given = CellStatus | "candidate";

interface Layout {
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
function layout(
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
  const innerWeight = 1;
  // A total costs more than every inner count together: it goes only when nothing else protects.
  const totalWeight = rows * columns + 1;
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
        innerWeight,
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

function statusOf(layout: Layout, hidden: ReadonlySet<number>, id: number): CellStatus {
  const arc = layout.network.arcs[id];
  if (!arc) throw new RangeError(`No arc ${id}`);
  if (arc.role === "small") return "small";
  if (arc.role === "fixed") return "shown";
  return isSuppressed(arc, hidden, id) ? "hidden" : "shown";
}

/** What leaves: the number, or one mark whatever the reason it is suppressed. */
const cell = (value: number, status: CellStatus): ProtectedCell =>
  status === "shown" ? { value, status } : { value: null, status: "hidden" };

type Spec = Parameters<typeof layout>[2];

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

/** How many ways of showing the smallest groups as one are weighed against none (time). */
const MERGES_COMPARED = 2;

const isLarge = ({ counts, rowTotals }: FrequencyTable, r: number, k: number) =>
  (rowTotals[r] ?? 0) >= 20 && (counts[r]?.[k] ?? 0) >= 5;

const largeHidden = (table: FrequencyTable, published: ProtectedTable) =>
  published.cells.some((row, r) => row.some((c, k) => c.status !== "shown" && isLarge(table, r, k)));

/**
 * Information lost: each count hidden, a large group's (at least 20 in it, a count of at least 5,
 * the evidence people come for) five times over.
 */
function informationLost(original: FrequencyTable, table: ProtectedTable) {
  const inner = table.cells.flatMap((row, r) =>
    row.map((c, k): number => (c.status === "shown" ? 0 : isLarge(original, r, k) ? 5 : 1)),
  );
  const totals = [...table.rowTotals, ...table.columnTotals, table.grandTotal].filter(
    (c) => c.status !== "shown",
  );
  return inner.reduce((a, b) => a + b, 0) + totals.length;
}

/** The same question without a breakdown: its one row is the breakdown's "All respondents" row. */
function withoutBreakdown({ counts, rowTotals, exclusive }: FrequencyTable): FrequencyTable {
  const columns = counts[0]?.length ?? 0;
  const columnSums = Array.from({ length: columns }, (_, k) =>
    counts.reduce((sum, row) => sum + (row[k] ?? 0), 0),
  );
  return { counts: [columnSums], rowTotals: [rowTotals.reduce((a, b) => a + b, 0)], exclusive };
}

/** null: no pattern protects it without hiding what the table without a breakdown shows. */
function protectExclusive(
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
function protectMultiple(
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

/**
 * Every count withheld: what is left is the total number who answered (or, for a breakdown, the
 * "All respondents" row exactly as the table without a breakdown shows it).
 */
function withhold(table: FrequencyTable, threshold: number, overall: ProtectedTable | null): ProtectedTable {
  const grandValue = table.rowTotals.reduce((a, b) => a + b, 0);
  const hidden: ProtectedCell = { value: null, status: "hidden" };
  const cells = table.counts.map((row) => row.map(() => hidden));
  if (!overall) {
    const grandTotal = cell(grandValue, protectCount(grandValue, threshold).status);
    return {
      threshold,
      cells,
      rowTotals: [grandTotal],
      columnTotals: [...(cells[0] ?? [])],
      grandTotal,
      withheld: true,
    };
  }
  return {
    threshold,
    cells,
    rowTotals: table.rowTotals.map(() => hidden),
    columnTotals: [...(overall.cells[0] ?? [])],
    grandTotal: overall.grandTotal,
    withheld: true,
  };
}

/**
 * Protects a table; a breakdown against the table without one, which is protected first and
 * whose shown counts this one never hides. Every answer is audited with the reader knowing both.
 * When no pattern is safe, the groups smaller than N are shown as one (more joining, smallest
 * first, until a pattern is safe); failing that the breakdown is withheld whole.
 */
export function protectTable(
  table: FrequencyTable,
  threshold: number,
  options: ProtectOptions = {},
): ProtectedTable {
  checkThreshold(threshold);
  checkTable(table);
  if (!table.counts.length) {
    return { threshold, cells: [], rowTotals: [], columnTotals: [], grandTotal: cell(0, "shown") };
  }
  const overall = table.counts.length > 1 ? protectTable(withoutBreakdown(table), threshold, options) : null;
  const attempt = (candidate: FrequencyTable) => {
    if (overall?.withheld) return null;
    const result = candidate.exclusive
      ? protectExclusive(candidate, threshold, options, overall)
      : protectMultiple(candidate, threshold, options, overall);
    return result && !disclosures(candidate, result, overall).length ? result : null;
  };
  // Two or more groups smaller than N lose nothing by being shown as one (each of their counts
  // would be hidden anyway), and their zeros no longer each need a count hidden beside them.
  const orders = mergeOrders(table.rowTotals, threshold);
  const lossless = orders[0]?.every((r) => (table.rowTotals[r] ?? 0) < threshold) ? orders[0] : undefined;
  const strict = lossless ? null : attempt(table);
  if (!strict && !lossless) protectionStats.withheld++;
  // A small group's zeros each need a count hidden beside them, often a large group's: show the
  // smallest groups as one when that loses less (their own counts included), or when nothing
  // else is safe (then more join, smallest first, until a pattern is).
  let best = strict;
  for (const [i, rows] of orders.entries()) {
    // Nothing to gain when no large group's count is hidden.
    if (best && (i >= MERGES_COMPARED || !largeHidden(table, best))) break;
    const merged = attempt(mergeRows(table, rows));
    const spread = merged ? spreadMerged(table, rows, merged) : null;
    if (spread && (!best || informationLost(table, spread) < informationLost(table, best))) best = spread;
  }
  if (best?.merged) protectionStats.merged++;
  if (best) return best;
  protectionStats.withheldWhole++;
  return withhold(table, threshold, overall);
}

/** "hidden", "fewer than 5" (a count on its own) or the number, as a person reads it. */
export function describeCell(
  cell: ProtectedCell,
  threshold: number,
  format: (value: number) => string = String,
) {
  if (cell.status === "small") return `fewer than ${threshold}`;
  if (cell.status === "hidden" || cell.value === null) return "hidden";
  return format(cell.value);
}

/** A single count published on its own (an evidence figure's n, a summary's response count). */
export function protectCount(count: number, threshold: number): ProtectedCell {
  checkThreshold(threshold);
  return count > 0 && count < threshold
    ? { value: null, status: "small" }
    : { value: count, status: "shown" };
}

/**
 * Means and medians by group: a group with fewer respondents than the threshold gets none, and if
 * exactly one group is withheld, the next smallest is withheld too, since the overall mean and the
 * other groups' means and counts would give the withheld one away.
 */
export function protectGroupStatistics(groupSizes: readonly number[], threshold: number): boolean[] {
  checkThreshold(threshold);
  const withheld = groupSizes.map((n) => n > 0 && n < threshold);
  if (withheld.filter(Boolean).length === 1) {
    const next = groupSizes
      .map((n, index) => ({ n, index }))
      .filter(({ n, index }) => !withheld[index] && n > 0)
      .sort((a, b) => a.n - b.n)[0];
    if (next) withheld[next.index] = true;
  }
  return withheld;
}
