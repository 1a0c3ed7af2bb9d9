// The rule before issue 14 (row-by-row propagation, hide the smallest shown count), kept only so
// the benchmark can compare against it.
/**
 * Disclosure control for frequency tables that leave staff eyes (the members' summary, evidence
 * figures, anything put in a document). Client-safe and pure.
 *
 * A table has one row per group (a nation, a service area, a size band; or a single row with no
 * breakdown), one column per answer, the row totals (respondents in the group who answered), the
 * column totals (respondents who gave each answer, all groups) and the grand total.
 *
 * Rules, in the order applied:
 * 1. Primary suppression: a count from 1 to threshold − 1 is shown as "fewer than N".
 * 2. Small groups: when a total is below the threshold, every count inside it is suppressed too,
 *    zeros included ("fewer than N" stays true of a zero). Otherwise the zeros beside it would say
 *    what the few people in that group answered ("both respondents in Northern Ireland said yes").
 * 3. Zeros elsewhere are shown: "nobody in a group of 40 said X" describes no one. A zero is never
 *    chosen for secondary suppression, so a "hidden" cell is always known to be at least N.
 * 4. Secondary suppression: a reader knows every shown number, that a "fewer than N" cell is between
 *    1 (0 inside a small group) and N − 1, that a "hidden" cell is at least N, and that each row and
 *    column adds up to its total. From these they can narrow down a suppressed cell, row by row and
 *    column by column, repeating until nothing narrows further. Whenever that would tell them more
 *    about a "fewer than N" cell than "between 1 and N − 1" (the classic case: it is the only
 *    suppressed cell in its row or column, so total minus the others gives it exactly), the
 *    smallest shown non-zero count in the row or column that gives it away is hidden as well, and
 *    the check starts again, until nothing gives anything away (a fixed point).
 *    This is the reasoning a person with the table and a spreadsheet can do, line by line; it is not
 *    a full linear-programming audit, so combining several rows and columns at once can still
 *    narrow a hidden count somewhat (the tests check by brute force that none is pinned down).
 * 5. Multiple choice (a respondent may tick several answers): counts do not add up to the row
 *    total, but "ticked it" and "did not tick it" do. "Did not tick it" is never shown, yet can be
 *    worked out (19 of 20 ticked X, so 1 did not); it is protected like any other small count.
 */

export const MIN_DISCLOSURE_THRESHOLD = 3;
export const DEFAULT_DISCLOSURE_THRESHOLD = 5;

/** shown: the number; small: "fewer than N" (primary); hidden: suppressed so a small one stays hidden. */
export type CellStatus = "shown" | "small" | "hidden";

export interface ProtectedCell {
  /** null unless shown. */
  value: number | null;
  status: CellStatus;
}

interface FrequencyTable {
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
}

interface Variable {
  value: number;
  displayed: boolean;
  kind: "cell" | "total" | "grand";
  status: CellStatus;
}

interface Equation {
  total: number;
  parts: number[];
}

interface Interval {
  lo: number;
  hi: number;
}

function checkThreshold(threshold: number): number {
  if (!Number.isInteger(threshold) || threshold < MIN_DISCLOSURE_THRESHOLD) {
    throw new RangeError(
      `The disclosure threshold must be a whole number of at least ${MIN_DISCLOSURE_THRESHOLD}`,
    );
  }
  return threshold;
}

const isCount = (value: number) => Number.isInteger(value) && value >= 0;

function buildModel(table: FrequencyTable) {
  const { counts, rowTotals, exclusive } = table;
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

  const variables: Variable[] = [];
  const add = (value: number, kind: Variable["kind"], displayed = true) =>
    variables.push({ value, kind, displayed, status: "shown" }) - 1;
  const cells = counts.map((row) => row.map((count) => add(count, "cell")));
  // With one group, the column totals are the group's own counts and the grand total its total:
  // the same numbers, so the same variables (hiding one hides the other).
  const single = counts.length === 1;
  const rows = rowTotals.map((total) => add(total, single ? "grand" : "total"));
  const columnTotals = Array.from({ length: columns }, (_, k) =>
    single
      ? (cells[0]?.[k] ?? -1)
      : add(
          counts.reduce((sum, row) => sum + (row[k] ?? 0), 0),
          "total",
        ),
  );
  const grand = single
    ? (rows[0] ?? -1)
    : add(
        rowTotals.reduce((a, b) => a + b, 0),
        "grand",
      );

  const equations: Equation[] = [];
  const column = (k: number) => cells.map((row) => row[k] ?? -1);
  if (!single) {
    for (let k = 0; k < columns; k++) equations.push({ total: columnTotals[k] ?? -1, parts: column(k) });
    equations.push({ total: grand, parts: rows });
  }
  if (exclusive) {
    cells.forEach((row, r) => equations.push({ total: rows[r] ?? -1, parts: row }));
    if (!single) equations.push({ total: grand, parts: columnTotals });
  } else {
    // "Did not tick it": never shown, but the reader can work it out.
    const notTicked = counts.map((row, r) =>
      row.map((count, k) => {
        const id = add((rowTotals[r] ?? 0) - count, "cell", false);
        equations.push({ total: rows[r] ?? -1, parts: [cells[r]?.[k] ?? -1, id] });
        return id;
      }),
    );
    for (let k = 0; k < columns && !single; k++) {
      const notTickedTotal = add(
        (variables[grand]?.value ?? 0) - (variables[columnTotals[k] ?? -1]?.value ?? 0),
        "total",
        false,
      );
      equations.push({ total: grand, parts: [columnTotals[k] ?? -1, notTickedTotal] });
      equations.push({ total: notTickedTotal, parts: notTicked.map((row) => row[k] ?? -1) });
    }
  }
  return { variables, equations, cells, rows, columnTotals, grand };
}

/** Tightens every variable's interval from every equation until nothing changes. */
function propagate(intervals: Interval[], equations: readonly Equation[]) {
  const get = (id: number) => intervals[id] ?? { lo: 0, hi: Infinity };
  for (let round = 0; round < 1000; round++) {
    let changed = false;
    const tighten = (id: number, lo: number, hi: number) => {
      const current = get(id);
      const next = { lo: Math.max(current.lo, lo), hi: Math.min(current.hi, hi) };
      if (next.lo !== current.lo || next.hi !== current.hi) {
        intervals[id] = next;
        changed = true;
      }
    };
    for (const { total, parts } of equations) {
      const sumLo = parts.reduce((sum, id) => sum + get(id).lo, 0);
      const sumHi = parts.reduce((sum, id) => sum + get(id).hi, 0);
      tighten(total, sumLo, sumHi);
      for (const id of parts) {
        const own = get(id);
        const othersLo = sumLo - own.lo;
        const othersHi = own.hi === Infinity ? otherHi(parts, id, get) : sumHi - own.hi;
        tighten(id, get(total).lo - othersHi, get(total).hi - othersLo);
      }
    }
    if (!changed) return;
  }
}

function otherHi(parts: readonly number[], except: number, get: (id: number) => Interval) {
  return parts.reduce((sum, id) => (id === except ? sum : sum + get(id).hi), 0);
}

export function protectTable(table: FrequencyTable, threshold: number): ProtectedTable {
  checkThreshold(threshold);
  const model = buildModel(table);
  const { variables, equations } = model;
  const variable = (id: number): Variable => {
    const found = variables[id];
    if (!found) throw new RangeError(`No variable ${id}`);
    return found;
  };

  // 1. Primary suppression of small counts.
  for (const v of variables) if (v.displayed && v.value > 0 && v.value < threshold) v.status = "small";
  // 2. Small groups hide everything inside them, to a fixed point.
  const insideSmall = new Set<number>();
  for (let changed = true; changed;) {
    changed = false;
    for (const { total, parts } of equations) {
      const t = variable(total);
      const small = t.status === "small" || (!t.displayed && t.value > 0 && t.value < threshold);
      if (!small) continue;
      for (const id of parts) {
        if (insideSmall.has(id)) continue;
        insideSmall.add(id);
        const part = variable(id);
        if (part.displayed && part.status === "shown") part.status = "small";
        changed = true;
      }
    }
  }

  // What a reader knows before any arithmetic.
  const prior = (id: number): Interval => {
    const v = variable(id);
    if (!v.displayed) return { lo: 0, hi: Infinity };
    if (v.status === "shown") return { lo: v.value, hi: v.value };
    if (v.status === "small") return { lo: insideSmall.has(id) ? 0 : 1, hi: threshold - 1 };
    return { lo: threshold, hi: Infinity };
  };
  // The cells whose small value must stay hidden: every "fewer than N", and every never-shown
  // "did not tick" count between 1 and N − 1.
  const sensitive = variables
    .map((v, id) => ({ v, id }))
    .filter(({ v }) => v.status === "small" || (!v.displayed && v.value > 0 && v.value < threshold))
    .map(({ id }) => id);
  const protectedRange = (id: number): Interval =>
    variable(id).displayed ? prior(id) : { lo: insideSmall.has(id) ? 0 : 1, hi: threshold - 1 };
  const givesAway = (derived: Interval, id: number) => {
    const wanted = protectedRange(id);
    return derived.lo > wanted.lo || derived.hi < wanted.hi;
  };
  const candidateOrder = (a: number, b: number) => {
    const rank = (v: Variable) => (v.kind === "cell" ? 0 : v.kind === "total" ? 1 : 2);
    const va = variable(a);
    const vb = variable(b);
    return rank(va) - rank(vb) || va.value - vb.value || a - b;
  };
  const hideable = (id: number) => {
    const v = variable(id);
    return v.displayed && v.status === "shown" && v.value > 0;
  };

  const suppressed = (id: number) => variable(id).status !== "shown" || !variable(id).displayed;
  const hideSmallestOf = (ids: readonly number[]) => {
    const next = [...new Set(ids)].filter(hideable).sort(candidateOrder)[0];
    if (next === undefined) return false;
    variable(next).status = "hidden";
    return true;
  };
  // The conventional rule first: no row or column may have exactly one suppressed count, or total
  // minus the rest gives it. (Rows with a never-shown "did not tick" count are left to the check below.)
  const lineRule = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const { total, parts } of equations) {
        const members = [total, ...parts];
        if (members.some((id) => !variable(id).displayed)) continue;
        if (members.filter(suppressed).length === 1 && hideSmallestOf(members)) changed = true;
      }
    }
  };

  // 4. Secondary suppression to a fixed point.
  for (;;) {
    lineRule();
    const intervals = variables.map((_, id) => prior(id));
    propagate(intervals, equations);
    const exposed = sensitive.find((id) => givesAway(intervals[id] ?? prior(id), id));
    if (exposed === undefined) break;

    const involving = equations.filter((eq) => eq.total === exposed || eq.parts.includes(exposed));
    // The equations that on their own narrow the exposed cell are where a further cell must go.
    const culprits = involving.filter((eq) => {
      const local = variables.map((_, id) =>
        id === exposed ? { lo: 0, hi: Infinity } : (intervals[id] ?? prior(id)),
      );
      propagate(local, [eq]);
      return givesAway(local[exposed] ?? prior(exposed), exposed);
    });
    const pool = (culprits.length ? culprits : involving).flatMap((eq) => [eq.total, ...eq.parts]);
    if (hideSmallestOf(pool)) continue;
    // Nothing left to hide near it: hide every remaining count rather than publish a giveaway.
    const rest = variables.map((_, id) => id).filter(hideable);
    if (!rest.length) break;
    for (const id of rest) variable(id).status = "hidden";
  }

  const out = (id: number): ProtectedCell => {
    const v = variable(id);
    return { value: v.status === "shown" ? v.value : null, status: v.status };
  };
  return {
    threshold,
    cells: model.cells.map((row) => row.map(out)),
    rowTotals: model.rows.map(out),
    columnTotals: model.columnTotals.map(out),
    grandTotal: out(model.grand),
  };
}

/** "fewer than 5", "hidden" or the number, as a person reads it. */
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
