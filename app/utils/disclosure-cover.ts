/**
 * The exact step: choose counts to hide (0/1 each, at a cost) so that every cut holds
 * (Σ coefficient · hide ≥ need, or, for a count's own "not pinned" cut, only when that count is
 * hidden). The cuts are not known in advance: the audit finds them (`separate`), so this is a
 * branch and cut. A depth-first search branches on the unmet cut with the fewest counts left to
 * choose from, propagates what is forced, and prunes with a lower bound from unmet cuts that share
 * no count; each pattern that meets every cut so far is audited, and the cuts the audit finds join
 * the search where it stands (they hold for every safe pattern, so nothing pruned needs another
 * look). Costs are whole numbers, so a pattern must be at least 1 cheaper than the best one known.
 *
 * A few dozen counts and a hundred cuts take well under a millisecond. Work is counted (nodes and
 * audits), never timed, so the same table always gets the same answer.
 */

export interface CoverCut {
  /** [column, coefficient] pairs, coefficients positive. */
  terms: readonly (readonly [number, number])[];
  need: number;
  /** The column this cut applies to only when chosen, or -1: it always applies. */
  onlyIf: number;
}

export interface CoverLimits {
  nodes: number;
  /** Calls to `separate`. */
  audits: number;
}

export interface CoverResult {
  /** The cheapest safe choice found, or null when none is cheaper than `upper`. */
  chosen: boolean[] | null;
  /** False when a limit stopped the search before it proved the answer optimal. */
  proven: boolean;
  nodes: number;
  audits: number;
}

/**
 * `separate(chosen)`: the cuts a choice that meets every cut so far still violates ([] when it is
 * safe). `upper`: the cost of a safe choice already known; only cheaper ones are looked for.
 */
export function solveCover(
  costs: readonly number[],
  initial: readonly CoverCut[],
  separate: (chosen: readonly boolean[]) => CoverCut[],
  limits: CoverLimits,
  upper = Infinity,
): CoverResult {
  const n = costs.length;
  const state = new Int8Array(n).fill(-1);
  const cuts: CoverCut[] = [];
  const covered: number[] = [];
  const potential: number[] = [];
  const byColumn: [number, number][][] = Array.from({ length: n }, () => []);
  let best: boolean[] | null = null;
  let bestCost = upper;
  let nodes = 0;
  let audits = 0;
  let cost = 0;
  let stopped = false;
  const trail: number[] = [];

  const addCut = (cut: CoverCut) => {
    const i = cuts.length;
    cuts.push(cut);
    let have = 0;
    let open = 0;
    for (const [j, a] of cut.terms) {
      byColumn[j]?.push([i, a]);
      if (state[j] === 1) have += a;
      else if (state[j] === -1) open += a;
    }
    covered.push(have);
    potential.push(open);
  };
  initial.forEach(addCut);

  const set = (j: number, value: 0 | 1) => {
    state[j] = value;
    trail.push(j);
    if (value === 1) cost += costs[j] ?? 0;
    for (const [i, a] of byColumn[j] ?? []) {
      potential[i] = (potential[i] ?? 0) - a;
      if (value === 1) covered[i] = (covered[i] ?? 0) + a;
    }
  };
  const undo = (mark: number) => {
    while (trail.length > mark) {
      const j = trail.pop() ?? 0;
      const value = state[j];
      if (value === 1) cost -= costs[j] ?? 0;
      for (const [i, a] of byColumn[j] ?? []) {
        potential[i] = (potential[i] ?? 0) + a;
        if (value === 1) covered[i] = (covered[i] ?? 0) - a;
      }
      state[j] = -1;
    }
  };
  const applies = (i: number) => {
    const o = cuts[i]?.onlyIf ?? -1;
    return o < 0 || state[o] === 1;
  };
  const short = (i: number) => (cuts[i]?.need ?? 0) - (covered[i] ?? 0);

  /** Sets what the choices so far force; false when some cut can no longer be met. */
  function propagate(): boolean {
    for (let changed = true; changed;) {
      changed = false;
      for (let i = 0; i < cuts.length; i++) {
        const missing = short(i);
        if (missing <= 0) continue;
        const slack = (potential[i] ?? 0) - missing;
        if (slack < 0) {
          const o = cuts[i]?.onlyIf ?? -1;
          if (o < 0 || state[o] === 1) return false;
          if (state[o] === -1) {
            set(o, 0);
            changed = true;
          }
        } else if (applies(i)) {
          for (const [j, a] of cuts[i]?.terms ?? []) {
            if (state[j] === -1 && slack < a) {
              set(j, 1);
              changed = true;
            }
          }
        }
      }
    }
    return true;
  }

  /**
   * A lower bound on what the unmet cuts still cost, by dual ascent on their linear relaxation:
   * each cut in turn takes as much of its open columns' remaining cost as its cheapest allows.
   */
  const residual = new Float64Array(n);
  function remaining(): number {
    for (let j = 0; j < n; j++) residual[j] = costs[j] ?? 0;
    let bound = 0;
    const order: [number, number][] = [];
    for (let i = 0; i < cuts.length; i++) {
      if (short(i) <= 0 || !applies(i)) continue;
      let open = 0;
      for (const [j] of cuts[i]?.terms ?? []) if (state[j] === -1) open++;
      order.push([open, i]);
    }
    order.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [, i] of order) {
      const missing = short(i);
      let price = Infinity;
      const terms = cuts[i]?.terms ?? [];
      for (const [j, a] of terms) {
        if (state[j] === -1) price = Math.min(price, (residual[j] ?? 0) / Math.min(a, missing));
      }
      if (!(price > 0) || price === Infinity) continue;
      for (const [j, a] of terms) {
        if (state[j] === -1) residual[j] = (residual[j] ?? 0) - price * Math.min(a, missing);
      }
      bound += price * missing;
    }
    return bound;
  }

  /** The unmet cut that applies with the fewest open columns, or -1. */
  function branchCut(): number {
    let pick = -1;
    let fewest = Infinity;
    for (let i = 0; i < cuts.length; i++) {
      if (short(i) <= 0 || !applies(i)) continue;
      let open = 0;
      for (const [j] of cuts[i]?.terms ?? []) if (state[j] === -1) open++;
      if (open < fewest) [pick, fewest] = [i, open];
    }
    return pick;
  }

  function search() {
    if (stopped) return;
    if (++nodes > limits.nodes) {
      stopped = true;
      return;
    }
    const mark = trail.length;
    for (;;) {
      if (!propagate() || cost + Math.ceil(remaining() - 1e-9) > bestCost - 1) break;
      const pick = branchCut();
      if (pick < 0) {
        // Every cut that applies is met (the rest apply only to counts left unchosen): audit it.
        if (++audits > limits.audits) {
          stopped = true;
          break;
        }
        const chosen = Array.from(state, (value) => value === 1);
        const found = separate(chosen);
        if (found.length) {
          found.forEach(addCut);
          continue;
        }
        bestCost = cost;
        best = chosen;
        break;
      }
      const open = (cuts[pick]?.terms ?? [])
        .map(([j]) => j)
        .filter((j) => state[j] === -1)
        .sort((a, b) => (costs[a] ?? 0) - (costs[b] ?? 0) || a - b);
      for (const j of open) {
        const before = trail.length;
        set(j, 1);
        search();
        undo(before);
        if (stopped) break;
        set(j, 0);
      }
      break;
    }
    undo(mark);
  }

  search();
  return { chosen: best, proven: !stopped, nodes, audits };
}
