import { describe, expect, test } from "vitest";
import {
  cumulativeByDay,
  formatPercent,
  niceWidth,
  mergeValueCounts,
  numberBins,
  percentOf,
  scaleBins,
  summarise,
} from "~/utils/survey-stats.ts";

describe("summaries of grouped values", () => {
  test("mean, median, smallest and largest from value counts in any order", () => {
    expect(
      summarise([
        { value: 5, count: 1 },
        { value: 1, count: 2 },
        { value: 3, count: 1 },
      ]),
    ).toEqual({ n: 4, mean: 2.5, median: 2, min: 1, max: 5 });
    expect(summarise([{ value: 4, count: 3 }])).toMatchObject({ n: 3, mean: 4, median: 4 });
    expect(summarise([])).toEqual({ n: 0, mean: null, median: null, min: null, max: null });
    expect(summarise([{ value: 7, count: 0 }]).n).toBe(0);
  });

  test("sorted and unsorted lists give the same summary; groups merge into one sorted list", () => {
    const groups = [
      [
        { value: 2, count: 1 },
        { value: 10, count: 2 },
      ],
      [
        { value: 10, count: 1 },
        { value: 1, count: 1 },
        { value: 4, count: 0 },
      ],
    ];
    const merged = mergeValueCounts(groups);
    expect(merged).toEqual([
      { value: 1, count: 1 },
      { value: 2, count: 1 },
      { value: 4, count: 0 },
      { value: 10, count: 3 },
    ]);
    expect(summarise(merged)).toEqual({ n: 5, mean: 33 / 5, median: 10, min: 1, max: 10 });
    expect(summarise(groups.flat())).toEqual(summarise(merged));
    // Even count: the mean of the two middle values, even when they sit in different entries.
    expect(
      summarise([
        { value: 1, count: 2 },
        { value: 3, count: 2 },
      ]).median,
    ).toBe(2);
    expect(
      summarise([
        { value: 1, count: 1 },
        { value: 3, count: 3 },
      ]).median,
    ).toBe(3);
  });

  test("percentages never say 0% for somebody", () => {
    expect(percentOf(1, 3)).toBeCloseTo(33.33, 1);
    expect(percentOf(1, 0)).toBeNull();
    expect(formatPercent(percentOf(1, 3))).toBe("33%");
    expect(formatPercent(0.2)).toBe("less than 1%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(null)).toBe("–");
  });
});

describe("distributions", () => {
  test("a scale has one bin per point, empty points included", () => {
    const bins = scaleBins(
      [
        { value: 2, count: 3 },
        { value: 5, count: 1 },
      ],
      1,
      5,
      { 1: "Very poor", 5: "Very good" },
    );
    expect(bins.map((b) => [b.label, b.count])).toEqual([
      ["1 Very poor", 0],
      ["2", 3],
      ["3", 0],
      ["4", 0],
      ["5 Very good", 1],
    ]);
  });

  test("numbers fall into round bins and every value lands in one", () => {
    expect(niceWidth(1000, 8)).toBe(200);
    expect(niceWidth(7, 8)).toBe(1);
    const bins = numberBins([
      { value: 3, count: 2 },
      { value: 120, count: 1 },
      { value: 999, count: 4 },
      { value: 1000, count: 1 },
    ]);
    expect(bins[0]?.label).toBe("0 to 199");
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(8);
    expect(bins[bins.length - 1]?.count).toBe(1);
    expect(
      numberBins([
        { value: 2.5, count: 1 },
        { value: 3.75, count: 1 },
      ])[0]?.label,
    ).toMatch(/to under/);
    expect(numberBins([])).toEqual([]);
  });
});

describe("response rate over time", () => {
  test("adds up by day, fills quiet days and gives the share of those invited", () => {
    const days = cumulativeByDay(
      [
        { day: "2026-11-03", count: 2 },
        { day: "2026-11-01", count: 5 },
      ],
      20,
      { from: "2026-10-31", to: "2026-11-04" },
    );
    expect(days.map((d) => [d.day, d.count, d.cumulative, d.rate])).toEqual([
      ["2026-10-31", 0, 0, 0],
      ["2026-11-01", 5, 5, 25],
      ["2026-11-02", 0, 5, 25],
      ["2026-11-03", 2, 7, 35],
      ["2026-11-04", 0, 7, 35],
    ]);
    expect(cumulativeByDay([], 10)).toEqual([]);
    expect(cumulativeByDay([{ day: "2026-11-01", count: 1 }], 0)[0]?.rate).toBeNull();
  });
});
