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
 *    would be shown). Cheapest: fewest counts, a large group's count (at least 20 in the group, a
 *    count of at least 5) weighing as five, then the smallest sum. Totals cost more than a
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
import { cell, isLargeCount, LARGE_WEIGHT } from "~/utils/disclosure-layout.ts";
import { mergeOrders, mergeRows, spreadMerged } from "~/utils/disclosure-merge.ts";
import { protectExclusive, protectMultiple, withoutBreakdown } from "~/utils/disclosure-protect.ts";
import { DEFAULT_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD } from "~/utils/disclosure-threshold.ts";
import type {
  FrequencyTable,
  ProtectedCell,
  ProtectedTable,
  ProtectOptions,
} from "~/utils/disclosure-types.ts";

export { DEFAULT_DISCLOSURE_THRESHOLD, MIN_DISCLOSURE_THRESHOLD };
export type {
  CellStatus,
  FrequencyTable,
  MergedRow,
  ProtectedCell,
  ProtectedTable,
  ProtectOptions,
} from "~/utils/disclosure-types.ts";

/** The one sentence shown beside a withheld table. */
export const WITHHELD_REASON = "Too few responses to show this breakdown safely.";

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

/** How many ways of showing the smallest groups as one are weighed against none (time). */
const MERGES_COMPARED = 2;

const isLarge = ({ counts, rowTotals }: FrequencyTable, r: number, k: number) =>
  isLargeCount(rowTotals[r] ?? 0, counts[r]?.[k] ?? 0);

const largeHidden = (table: FrequencyTable, published: ProtectedTable) =>
  published.cells.some((row, r) => row.some((c, k) => c.status !== "shown" && isLarge(table, r, k)));

/**
 * Information lost: each count hidden, a large group's (at least 20 in it, a count of at least 5,
 * the evidence people come for) five times over.
 */
function informationLost(original: FrequencyTable, table: ProtectedTable) {
  const inner = table.cells.flatMap((row, r) =>
    row.map((c, k): number => (c.status === "shown" ? 0 : isLarge(original, r, k) ? LARGE_WEIGHT : 1)),
  );
  const totals = [...table.rowTotals, ...table.columnTotals, table.grandTotal].filter(
    (c) => c.status !== "shown",
  );
  return inner.reduce((a, b) => a + b, 0) + totals.length;
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
