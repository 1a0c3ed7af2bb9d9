import { describe, expect, test } from "vitest";
import { solveCover, type CoverCut } from "~/utils/disclosure-cover.ts";
import { seeded } from "./corpus.ts";

/**
 * The branch and cut behind the exact step, against every subset: on random covering problems
 * (some cuts given at the start, the rest found only by auditing a candidate, as the audit finds
 * them; some applying only when their own column is chosen), it returns the cheapest choice that
 * meets every cut, or says there is none cheaper than the one it was given.
 */
const random = seeded(1414);
const int = (below: number) => Math.floor(random() * below);

function problem() {
  const n = 3 + int(10);
  const costs = Array.from({ length: n }, () => 100 + int(20));
  const cuts: CoverCut[] = Array.from({ length: 1 + int(12) }, () => {
    const columns = [...new Set(Array.from({ length: 1 + int(5) }, () => int(n)))];
    const onlyIf = random() < 0.3 ? int(n) : -1;
    const terms = columns.filter((j) => j !== onlyIf).map((j) => [j, 1 + int(3)] as const);
    return { terms, need: 1 + int(3), onlyIf };
  });
  return { n, costs, cuts };
}

const meets = (cut: CoverCut, chosen: readonly boolean[]) =>
  (cut.onlyIf >= 0 && !chosen[cut.onlyIf]) ||
  cut.terms.reduce((sum, [j, a]) => sum + (chosen[j] ? a : 0), 0) >= cut.need;

function cheapest(n: number, costs: readonly number[], cuts: readonly CoverCut[]) {
  let best = Infinity;
  for (let mask = 0; mask < 1 << n; mask++) {
    const chosen = Array.from({ length: n }, (_, j) => (mask & (1 << j)) !== 0);
    if (!cuts.every((cut) => meets(cut, chosen))) continue;
    best = Math.min(
      best,
      costs.reduce((sum, c, j) => sum + (chosen[j] ? c : 0), 0),
    );
  }
  return best;
}

const costOf = (costs: readonly number[], chosen: readonly boolean[]) =>
  costs.reduce((sum, c, j) => sum + (chosen[j] ? c : 0), 0);

describe("the exact step's branch and cut", () => {
  test("finds the cheapest choice meeting every cut, cuts found lazily included", () => {
    let solved = 0;
    let infeasible = 0;
    for (let i = 0; i < 400; i++) {
      const { n, costs, cuts } = problem();
      const given = cuts.filter((_, c) => c % 2 === 0);
      const hidden = cuts.filter((_, c) => c % 2 === 1);
      const separate = (chosen: readonly boolean[]) => hidden.filter((cut) => !meets(cut, chosen));
      const result = solveCover(costs, given, separate, { audits: 1000, nodes: 1_000_000 });
      const optimum = cheapest(n, costs, cuts);
      expect(result.proven).toBe(true);
      if (optimum === Infinity) {
        infeasible++;
        expect(result.chosen).toBeNull();
        continue;
      }
      solved++;
      expect(result.chosen, `problem ${i}`).not.toBeNull();
      const chosen = result.chosen ?? [];
      expect(cuts.every((cut) => meets(cut, chosen))).toBe(true);
      expect(costOf(costs, chosen)).toBe(optimum);
    }
    expect(solved).toBeGreaterThan(200);
    expect(infeasible).toBeGreaterThan(0);
  });

  test("given a safe choice, looks only for a cheaper one", () => {
    for (let i = 0; i < 200; i++) {
      const { n, costs, cuts } = problem();
      const optimum = cheapest(n, costs, cuts);
      if (optimum === Infinity) continue;
      const atOptimum = solveCover(costs, cuts, () => [], { audits: 1000, nodes: 1_000_000 }, optimum);
      expect(atOptimum).toMatchObject({ chosen: null, proven: true });
      const above = solveCover(costs, cuts, () => [], { audits: 1000, nodes: 1_000_000 }, optimum + 1);
      expect(costOf(costs, above.chosen ?? [])).toBe(optimum);
    }
  });

  test("past its work limits it says the answer is not proven", () => {
    const { costs, cuts } = {
      costs: [1, 1, 1, 1],
      cuts: [
        {
          terms: [
            [0, 1],
            [1, 1],
          ] as const,
          need: 1,
          onlyIf: -1,
        },
      ],
    };
    expect(solveCover(costs, cuts, () => [], { audits: 1000, nodes: 0 }).proven).toBe(false);
    expect(solveCover(costs, cuts, () => [], { audits: 0, nodes: 100 }).proven).toBe(false);
    expect(solveCover(costs, cuts, () => [], { audits: 1, nodes: 100 })).toMatchObject({ proven: true });
  });
});
