import { describe, expect, test } from "vitest";
import {
  describeCell,
  protectCount,
  protectGroupStatistics,
  protectTable,
  type ProtectedTable,
} from "~/utils/disclosure.ts";

/** The table as a reader sees it: numbers, and "x" for every suppressed count whatever the reason. */
function view(table: ProtectedTable) {
  const cell = (c: { value: number | null; status: string }) => (c.status === "shown" ? c.value : "x");
  return {
    rows: table.cells.map((row, r) => [
      ...row.map(cell),
      cell(table.rowTotals[r] ?? { value: null, status: "x" }),
    ]),
    columns: [...table.columnTotals.map(cell), cell(table.grandTotal)],
  };
}

/**
 * What a reader can work out about one cell, by trying every value the labels allow ("x" is at
 * least 1, or at least 0 inside a group smaller than N or in a withheld table) against every shown
 * row and column total. Pruned search, small tables.
 */
function bruteForceRange(
  table: ProtectedTable,
  counts: number[][],
  target: [number, number],
): [number, number] {
  const t = table.threshold;
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  const bound = (c: { value: number | null; status: string }, fallback: number) =>
    c.status === "shown" ? (c.value ?? 0) : fallback;
  const grand = counts.flat().reduce((a, b) => a + b, 0);
  const small = (value: number) => value > 0 && value < t;
  const least = (inSmall: boolean) => (inSmall || table.withheld || small(grand) ? 0 : 1);
  const rowLimit = table.rowTotals.map((c) => bound(c, grand));
  const columnLimit = table.columnTotals.map((c) => bound(c, grand));
  const fitsTotal = (c: { value: number | null; status: string } | undefined, sum: number) =>
    c?.status === "shown" ? sum === c.value : sum >= least(false);
  const trial = counts.map((row) => row.map(() => 0));
  const rowSum = Array.from({ length: rows }, () => 0);
  const columnSum = Array.from({ length: columns }, () => 0);
  let min = Infinity;
  let max = -Infinity;
  let nodes = 0;
  const walk = (index: number) => {
    if (++nodes > 5_000_000) throw new Error("search too large for this test table");
    if (index === rows * columns) {
      const value = trial[target[0]]?.[target[1]] ?? 0;
      min = Math.min(min, value);
      max = Math.max(max, value);
      return;
    }
    const r = Math.floor(index / columns);
    const k = index % columns;
    const cell = table.cells[r]?.[k];
    const smallGroup =
      small((counts[r] ?? []).reduce((a, b) => a + b, 0)) ||
      (rows > 1 && small(counts.reduce((sum, row) => sum + (row[k] ?? 0), 0)));
    const [lo, hi] =
      cell?.status === "shown"
        ? [cell.value ?? 0, cell.value ?? 0]
        : [least(smallGroup), Math.min(rowLimit[r] ?? 0, columnLimit[k] ?? 0)];
    // The last cell of a row (or column) with a shown total has only one possible value.
    const forced =
      k === columns - 1 && table.rowTotals[r]?.status === "shown"
        ? (table.rowTotals[r]?.value ?? 0) - (rowSum[r] ?? 0)
        : r === rows - 1 && table.columnTotals[k]?.status === "shown"
          ? (table.columnTotals[k]?.value ?? 0) - (columnSum[k] ?? 0)
          : null;
    const from = forced === null ? lo : Math.max(lo, forced);
    const to = forced === null ? hi : Math.min(hi, forced);
    for (let value = from; value <= to; value++) {
      if (
        (rowSum[r] ?? 0) + value > (rowLimit[r] ?? 0) ||
        (columnSum[k] ?? 0) + value > (columnLimit[k] ?? 0)
      )
        break;
      (trial[r] ?? [])[k] = value;
      rowSum[r] = (rowSum[r] ?? 0) + value;
      columnSum[k] = (columnSum[k] ?? 0) + value;
      const rowDone = k === columns - 1;
      const columnDone = r === rows - 1;
      if (
        (!rowDone || fitsTotal(table.rowTotals[r], rowSum[r] ?? 0)) &&
        (!columnDone || fitsTotal(table.columnTotals[k], columnSum[k] ?? 0))
      ) {
        walk(index + 1);
      }
      rowSum[r] = (rowSum[r] ?? 0) - value;
      columnSum[k] = (columnSum[k] ?? 0) - value;
    }
  };
  walk(0);
  return [min, max];
}

/** The search result, or null when a table has too many hidden cells to search exhaustively. */
function searchable(search: () => [number, number]): [number, number] | null {
  try {
    return search();
  } catch (error) {
    if (String(error).includes("search too large")) return null;
    throw error;
  }
}

describe("primary suppression", () => {
  test("a count below the threshold is hidden; zero and the rest are shown when nothing can be worked out", () => {
    // Two small cells in one row protect each other only if their sum leaves each one open.
    const table = protectTable({ counts: [[30, 12, 0, 8]], rowTotals: [50], exclusive: true }, 5);
    expect(view(table).rows).toEqual([[30, 12, 0, 8, 50]]);
    const small = protectTable({ counts: [[30, 3, 0, 9]], rowTotals: [42], exclusive: true }, 5);
    // One mark for every suppressed count: the reader is not told which are below the threshold.
    expect(small.cells[0]?.[1]).toEqual({ value: null, status: "hidden" });
    expect(small.cells[0]?.[3]).toEqual({ value: null, status: "hidden" });
    expect(describeCell(small.cells[0]?.[1] ?? { value: 0, status: "shown" }, 5)).toBe("hidden");
    expect(small.cells[0]?.[2]).toEqual({ value: 0, status: "shown" });
  });

  test("the threshold is at least 3", () => {
    expect(() => protectTable({ counts: [[1]], rowTotals: [1], exclusive: true }, 2)).toThrow(/at least 3/);
    expect(() => protectCount(4, 1)).toThrow(RangeError);
    expect(protectTable({ counts: [[1, 2]], rowTotals: [3], exclusive: true }, 3).grandTotal.status).toBe(
      "shown",
    );
  });

  test("counts that do not add up are refused rather than protected wrongly", () => {
    expect(() => protectTable({ counts: [[1, 2]], rowTotals: [4], exclusive: true }, 5)).toThrow(
      /do not fit/,
    );
    expect(() => protectTable({ counts: [[5, 2]], rowTotals: [4], exclusive: false }, 5)).toThrow(
      /do not fit/,
    );
  });

  test("a single count on its own", () => {
    expect(protectCount(0, 5)).toEqual({ value: 0, status: "shown" });
    // Never part of a table, so "fewer than 5" says no more than the rule.
    expect(protectCount(4, 5)).toEqual({ value: null, status: "small" });
    expect(describeCell(protectCount(4, 5), 5)).toBe("fewer than 5");
    expect(protectCount(5, 5)).toEqual({ value: 5, status: "shown" });
  });
});

describe("secondary suppression", () => {
  test("the only small cell in a row takes the next smallest with it, so total minus the rest does not give it", () => {
    const table = protectTable({ counts: [[30, 3, 0, 9]], rowTotals: [42], exclusive: true }, 5);
    // 9 is the next smallest non-zero: hidden. The zero stays (zeros are always shown here).
    expect(view(table).rows[0]).toEqual([30, "x", 0, "x", 42]);
    // The reader knows a + b = 12, each at least 1: the small one could be anything from 1 to 11.
  });

  test("the complement is chosen so that it cannot pin the small one down", () => {
    // A hidden count is only known to be at least 1, so hiding the 5 leaves a + b = 7: the small
    // one could be 1 to 6, and the 5 is not pinned either.
    const table = protectTable({ counts: [[40, 2, 5]], rowTotals: [47], exclusive: true }, 5);
    expect(view(table).rows[0]).toEqual([40, "x", "x", 47]);
  });

  test("two small cells with a small sum are not enough (1 + 1 = 2 would give both away)", () => {
    const table = protectTable({ counts: [[20, 1, 1]], rowTotals: [22], exclusive: true }, 5);
    expect(view(table).rows[0]).toEqual(["x", "x", "x", 22]);
  });

  test("a single small cell in a column of a breakdown is protected in its column and in its row", () => {
    const counts = [
      [20, 15, 10],
      [12, 3, 9],
      [14, 11, 8],
    ];
    const table = protectTable(
      { counts, rowTotals: counts.map((r) => r.reduce((a, b) => a + b)), exclusive: true },
      5,
    );
    const seen = view(table);
    expect(seen.rows[1]?.[1]).toBe("x");
    // Something else is hidden in its row and in its column.
    expect(seen.rows[1]?.filter((c) => c === "x").length).toBeGreaterThanOrEqual(2);
    expect(seen.rows.map((row) => row[1]).filter((c) => c === "x").length).toBeGreaterThanOrEqual(2);
    const [lo, hi] = bruteForceRange(table, counts, [1, 1]);
    expect(lo).toBeLessThanOrEqual(1);
    expect(hi).toBeGreaterThanOrEqual(4);
  });

  test("small nation: two responses from Northern Ireland hide the whole row and enough else that neither can be worked out", () => {
    const nations = ["England", "Scotland", "Wales", "Northern Ireland"];
    const counts = [
      [40, 25, 10],
      [12, 9, 6],
      [8, 6, 7],
      [2, 0, 0],
    ];
    const rowTotals = counts.map((r) => r.reduce((a, b) => a + b));
    const table = protectTable({ counts, rowTotals, exclusive: true }, 5);
    const seen = view(table);
    // The Northern Ireland row: all hidden, zeros too, or "both said yes" would be plain.
    expect(seen.rows[3]).toEqual(["x", "x", "x", "x"]);
    expect(nations).toHaveLength(4);
    // The overall n stays, so another nation's total has to go too.
    expect(seen.columns[3]).toBe(125);
    expect(seen.rows.slice(0, 3).some((row) => row[3] === "x")).toBe(true);
    // Combining several rows and columns at once (beyond what the row-by-row reasoning checks) can
    // narrow a hidden count, but none of the Northern Ireland counts can be worked out.
    for (let k = 0; k < 3; k++) {
      const [lo, hi] = bruteForceRange(table, counts, [3, k]);
      expect(lo, `column ${k}`).toBe(0);
      expect(hi, `column ${k}`).toBeGreaterThan(lo);
    }
  });

  test("a total below the threshold is itself suppressed, and with it the whole table when it is the grand total", () => {
    const table = protectTable({ counts: [[2, 1, 0]], rowTotals: [3], exclusive: true }, 5);
    expect(view(table)).toEqual({ rows: [["x", "x", "x", "x"]], columns: ["x", "x", "x", "x"] });
  });

  test("nobody answering is shown as nobody", () => {
    const table = protectTable({ counts: [[0, 0]], rowTotals: [0], exclusive: true }, 5);
    expect(view(table).rows[0]).toEqual([0, 0, 0]);
  });

  test("a column below the threshold hides who is in it, zeros included", () => {
    const counts = [
      [20, 0],
      [18, 3],
      [25, 0],
    ];
    const table = protectTable({ counts, rowTotals: [20, 21, 25], exclusive: true }, 5);
    const seen = view(table);
    expect(seen.rows.map((row) => row[1])).toEqual(["x", "x", "x"]);
    expect(seen.columns[1]).toBe("x");
    const [lo, hi] = bruteForceRange(table, counts, [1, 1]);
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThanOrEqual(4);
  });

  test("multiple choice: 19 of 20 ticking an answer says 1 did not, so the 19 is hidden", () => {
    const table = protectTable({ counts: [[19, 12, 7]], rowTotals: [20], exclusive: false }, 5);
    // Ticks do not add up to the total, so 12 and 7 give nothing away; "did not tick" 1 stays hidden
    // because the reader only knows the hidden count is at least 1, so 0 to 19 did not tick it.
    expect(view(table).rows[0]).toEqual(["x", 12, 7, 20]);
  });

  test("multiple choice in a breakdown keeps large counts and hides the small ones", () => {
    const counts = [
      [30, 10],
      [25, 4],
    ];
    const table = protectTable({ counts, rowTotals: [40, 35], exclusive: false }, 5);
    const seen = view(table);
    expect(seen.rows[1]?.[1]).toBe("x");
    expect(seen.rows[0]?.[1]).toBe("x");
    expect(seen.rows[0]?.[0]).toBe(30);
  });
});

describe("nothing suppressed can be worked out", () => {
  test("random small breakdowns: no count below N (or in a group below N) can be worked out", () => {
    let seed = 20261126;
    const random = (max: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % (max + 1);
    };
    let checked = 0;
    for (let trial = 0; trial < 40; trial++) {
      const counts = Array.from({ length: 2 + (trial % 2) }, () =>
        Array.from({ length: 3 }, () => random(9)),
      );
      const table = protectTable(
        { counts, rowTotals: counts.map((row) => row.reduce((a, b) => a + b)), exclusive: true },
        4,
      );
      table.cells.forEach((row, r) =>
        row.forEach((cell, k) => {
          const value = counts[r]?.[k] ?? 0;
          const rowTotal = (counts[r] ?? []).reduce((a, b) => a + b, 0);
          const columnTotal = counts.reduce((sum, row) => sum + (row[k] ?? 0), 0);
          const primary =
            (value > 0 && value < 4) ||
            (rowTotal > 0 && rowTotal < 4) ||
            (columnTotal > 0 && columnTotal < 4);
          if (cell.status === "shown" || !primary) return;
          // An answer nobody gave at all is shown as 0, which says the small group did not give it either.
          if (table.columnTotals[k]?.value === 0) return;
          const range = searchable(() => bruteForceRange(table, counts, [r, k]));
          if (!range) return;
          checked++;
          expect(range[1], `table ${JSON.stringify(counts)} cell ${r},${k}`).toBeGreaterThan(range[0]);
        }),
      );
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("group statistics", () => {
  test("means of a group below the threshold are withheld, and the next smallest with them", () => {
    expect(protectGroupStatistics([40, 12, 9, 2], 5)).toEqual([false, false, true, true]);
    expect(protectGroupStatistics([40, 3, 2], 5)).toEqual([false, true, true]);
    expect(protectGroupStatistics([40, 30], 5)).toEqual([false, false]);
    expect(protectGroupStatistics([40, 0], 5)).toEqual([false, false]);
  });
});
