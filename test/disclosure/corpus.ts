import type { FrequencyTable } from "~/utils/disclosure.ts";

/**
 * Generated frequency tables like the ones surveys produce: 1–12 groups of very different sizes
 * (one large nation, a few small ones), 2–12 answers with skewed popularity and some nobody or
 * almost nobody gives, 20–2,000 respondents; a quarter multiple choice. Deterministic: the same
 * seed gives the same tables.
 */
export interface CorpusTable {
  table: FrequencyTable;
  threshold: number;
}

export function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function weights(random: () => number, n: number, skew: number) {
  const raw = Array.from({ length: n }, () => random() ** skew);
  const sum = raw.reduce((a, b) => a + b, 0) || 1;
  return raw.map((w) => w / sum);
}

function pick(random: () => number, shares: readonly number[]) {
  let u = random();
  for (let i = 0; i < shares.length; i++) {
    u -= shares[i] ?? 0;
    if (u <= 0) return i;
  }
  return shares.length - 1;
}

export function generateTable(random: () => number, size?: { groups: number; answers: number }): CorpusTable {
  const groups = size?.groups ?? 1 + Math.floor(random() * 12);
  const answers = size?.answers ?? 2 + Math.floor(random() * 11);
  // Mostly small surveys, some large: 20 to 2,000.
  const respondents = Math.round(20 * 100 ** (random() ** 1.5));
  const exclusive = random() < 0.75;
  const threshold = random() < 0.8 ? 5 : random() < 0.5 ? 3 : 10;
  const groupShares = weights(random, groups, 1 + random() * 4);
  const answerShares = weights(random, answers, 1 + random() * 5);
  const counts = Array.from({ length: groups }, () => new Array<number>(answers).fill(0));
  const rowTotals = new Array<number>(groups).fill(0);
  for (let i = 0; i < respondents; i++) {
    const g = pick(random, groupShares);
    rowTotals[g] = (rowTotals[g] ?? 0) + 1;
    const row = counts[g] ?? [];
    if (exclusive) {
      const a = pick(random, answerShares);
      row[a] = (row[a] ?? 0) + 1;
    } else {
      // Each option ticked independently, the popular ones by most.
      answerShares.forEach((share, a) => {
        if (random() < Math.min(0.97, share * answers * 0.5)) row[a] = (row[a] ?? 0) + 1;
      });
    }
  }
  // A group nobody in it answered gets no row (as on the results page).
  const used = rowTotals.map((total, g) => ({ total, g })).filter(({ total }) => total > 0);
  return {
    table: {
      counts: used.map(({ g }) => counts[g] ?? []),
      rowTotals: used.map(({ total }) => total),
      exclusive,
    },
    threshold,
  };
}

export function generateCorpus(count: number, seed = 20261204): CorpusTable[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => generateTable(random));
}
