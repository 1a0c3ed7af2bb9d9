/**
 * Survey statistics from counts the database has already grouped (pure, client-safe). The
 * database sends "value → how many" pairs, never one row per answer, so a large survey stays cheap.
 */

export interface ValueCount {
  value: number;
  count: number;
}

export interface Summary {
  n: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

/** Share of `base` as a percentage, null when there is no base. */
export const percentOf = (count: number, base: number): number | null =>
  base > 0 ? (count / base) * 100 : null;

/** 33.333 → "33%", 0.4 → "less than 1%" (never "0%" for someone who did answer). */
export function formatPercent(percent: number | null): string {
  if (percent === null) return "–";
  if (percent > 0 && percent < 0.5) return "less than 1%";
  return `${Math.round(percent)}%`;
}

const byValue = (a: ValueCount, b: ValueCount) => a.value - b.value;

function isSorted(points: readonly ValueCount[]): boolean {
  for (let i = 1; i < points.length; i++) {
    if ((points[i - 1]?.value ?? 0) > (points[i]?.value ?? 0)) return false;
  }
  return true;
}

/**
 * Mean, median, smallest and largest of a weighted list of values (any order). Lists arrive sorted
 * from the database (models/surveys/results.server.ts), so the sort is skipped for them: a number question
 * can have thousands of distinct values in every group.
 */
export function summarise(points: readonly ValueCount[]): Summary {
  const positive = points.filter((p) => p.count > 0);
  const sorted = isSorted(positive) ? positive : positive.sort(byValue);
  let n = 0;
  let total = 0;
  for (const p of sorted) {
    n += p.count;
    total += p.value * p.count;
  }
  if (!n) return { n: 0, mean: null, median: null, min: null, max: null };
  // The median of an even count is the mean of the two middle values (indices lower and upper).
  const upper = Math.floor(n / 2);
  const lower = n % 2 ? upper : upper - 1;
  let lowerValue: number | null = null;
  let upperValue: number | null = null;
  let seen = 0;
  for (const p of sorted) {
    seen += p.count;
    if (lowerValue === null && lower < seen) lowerValue = p.value;
    if (upper < seen) {
      upperValue = p.value;
      break;
    }
  }
  const last = sorted[sorted.length - 1]?.value ?? 0;
  return {
    n,
    mean: total / n,
    median: ((lowerValue ?? last) + (upperValue ?? last)) / 2,
    min: sorted[0]?.value ?? null,
    max: last,
  };
}

/** Merges value counts (e.g. every group's) into one list, one entry per value, sorted by value. */
export function mergeValueCounts(lists: readonly (readonly ValueCount[])[]): ValueCount[] {
  const counts = new Map<number, number>();
  for (const list of lists) {
    for (const p of list) counts.set(p.value, (counts.get(p.value) ?? 0) + p.count);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort(byValue);
}

export interface Bin {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound, except the last bin, which includes it. */
  to: number;
  label: string;
  count: number;
}

/** One bin per point of a scale (1 to 5), empty points included so the shape is honest. */
export function scaleBins(
  points: readonly ValueCount[],
  min: number,
  max: number,
  labels: Record<number, string> = {},
): Bin[] {
  const bins: Bin[] = [];
  for (let value = min; value <= max; value++) {
    const count = points.filter((p) => p.value === value).reduce((sum, p) => sum + p.count, 0);
    bins.push({
      from: value,
      to: value + 1,
      label: labels[value] ? `${value} ${labels[value]}` : String(value),
      count,
    });
  }
  return bins;
}

const niceSteps = [1, 2, 2.5, 5, 10];

/** A round bin width that gives at most `maxBins` bins over the range. */
export function niceWidth(range: number, maxBins: number): number {
  if (range <= 0) return 1;
  const rough = range / maxBins;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = niceSteps.find((s) => s * power >= rough) ?? 10;
  return step * power;
}

const boundFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const formatBound = (value: number) => boundFormat.format(value);

/** Equal-width bins with round edges for a number question (staff count, a sum of money). */
export function numberBins(points: readonly ValueCount[], maxBins = 8): Bin[] {
  const { min, max } = summarise(points);
  if (min === null || max === null) return [];
  const integers = points.every((p) => Number.isInteger(p.value));
  let width = niceWidth(max - min, maxBins);
  if (integers) width = Math.max(1, Math.ceil(width));
  const start = Math.floor(min / width) * width;
  const count = Math.max(1, Math.floor((max - start) / width) + 1);
  const bins: Bin[] = Array.from({ length: count }, (_, i) => {
    const from = start + i * width;
    const to = from + width;
    const label =
      integers && width === 1
        ? formatBound(from)
        : integers
          ? `${formatBound(from)} to ${formatBound(to - 1)}`
          : `${formatBound(from)} to under ${formatBound(to)}`;
    return { from, to, label, count: 0 };
  });
  for (const p of points) {
    const index = Math.min(count - 1, Math.floor((p.value - start) / width));
    const bin = bins[index];
    if (bin) bin.count += p.count;
  }
  return bins;
}

export interface DayCount {
  /** YYYY-MM-DD */
  day: string;
  count: number;
}

export interface CumulativeDay {
  day: string;
  count: number;
  cumulative: number;
  /** Percentage of those invited, null when nobody was invited (an open link). */
  rate: number | null;
}

const addDays = (day: string, days: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/**
 * Responses per day, added up, from the first day to the last (days without a response included,
 * so a flat line shows a quiet week). `from`/`to` widen the range, e.g. to the opening date or today.
 */
export function cumulativeByDay(
  days: readonly DayCount[],
  invited: number,
  range: { from?: string | null; to?: string | null } = {},
): CumulativeDay[] {
  const byDay = new Map<string, number>();
  for (const { day, count } of days) byDay.set(day, (byDay.get(day) ?? 0) + count);
  const known = [...byDay.keys()].sort();
  const first = [range.from, known[0]].filter((d): d is string => !!d).sort()[0];
  const last = [range.to, known[known.length - 1]]
    .filter((d): d is string => !!d)
    .sort()
    .pop();
  if (!first || !last) return [];
  const out: CumulativeDay[] = [];
  let cumulative = 0;
  // Before `from` nothing should exist, but count it rather than lose it.
  for (const [day, count] of byDay) if (day < first) cumulative += count;
  for (let day = first, guard = 0; day <= last && guard < 3660; day = addDays(day, 1), guard++) {
    const count = byDay.get(day) ?? 0;
    cumulative += count;
    out.push({ day, count, cumulative, rate: invited > 0 ? percentOf(cumulative, invited) : null });
  }
  return out;
}

/**
 * Responses over time as published: a day's new responses are shown only when there are at least
 * `threshold` of them; smaller days are carried into the next day that reaches it, so "one
 * organisation answered on 3 December" is never shown (beside a filter or a frozen figure it says
 * who). A small remainder at the end joins the last shown day, moved to the last day.
 */
export function protectDailyCounts(points: readonly CumulativeDay[], threshold: number): CumulativeDay[] {
  const out = points.map((point) => ({ ...point, count: 0 }));
  let pending = 0;
  let lastShown = -1;
  points.forEach((point, i) => {
    pending += point.count;
    if (pending >= threshold) {
      const day = out[i];
      if (day) day.count = pending;
      pending = 0;
      lastShown = i;
    }
  });
  const lastIndex = out.length - 1;
  const final = out[lastIndex];
  if (pending > 0 && final) {
    const shown = out[lastShown];
    // Fewer than `threshold` in all: no days at all (the page's total says "fewer than N").
    if (!shown) return [];
    final.count = pending + shown.count;
    if (lastShown !== lastIndex) shown.count = 0;
  }
  let cumulative = 0;
  const rateOf = (point: CumulativeDay, value: number) =>
    point.rate === null ? null : point.cumulative === 0 ? 0 : (point.rate * value) / point.cumulative;
  return out.map((point, i) => {
    cumulative += point.count;
    const original = points[i] ?? point;
    return { ...point, cumulative, rate: rateOf(original, cumulative) };
  });
}
