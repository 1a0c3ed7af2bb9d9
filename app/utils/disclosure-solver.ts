import { solveCover, type CoverCut } from "~/utils/disclosure-cover.ts";
import { audit, firstLeak, type Cut, type Network } from "~/utils/disclosure-network.ts";

/**
 * Chooses which counts to hide besides the small ones: the cheapest set such that the audit finds
 * nothing. A greedy pass (hide the cheapest count across each failing cut, then drop any that
 * turn out unneeded) gives a good answer in a millisecond; the exact answer comes from a branch
 * and cut over the cuts the audit finds (disclosure-cover.ts), starting from every cut the greedy
 * pass met, with the greedy pattern as the one to beat.
 *
 * (HiGHS solved each master problem here before: about 75 ms a solve on 12 × 12 tables, whose
 * covering problems with near-equal costs are hard for a general solver's branching, and a
 * fallback to it took 39 s on one table and still gave up. It still checks the audit's ranges in
 * the tests.)
 */

/**
 * The exact step's limits are counts of work, never time: the same table must get the same answer
 * on a busy machine as on an idle one, or a reader comparing two looks learns more than either.
 * Tables with more counts that could be hidden get the greedy answer only.
 */
const EXACT_LIMIT = 40;
/**
 * Past these the search stops: the cheapest safe pattern it found stands (or the greedy one); the
 * benchmark measures how far that is from the optimum.
 */
const EXACT_AUDITS = 100;
const EXACT_NODES = 5_000;

export interface ExactLimits {
  /** Patterns audited (each meets every cut found so far). */
  audits: number;
  /** Search nodes. */
  nodes: number;
}

interface Choice {
  hidden: Set<number>;
  /** False when even hiding every candidate would not protect everything. */
  complete: boolean;
  method: "none" | "greedy" | "exact";
}

const cost = (network: Network, hidden: Iterable<number>) =>
  [...hidden].reduce((sum, i) => sum + (network.arcs[i]?.cost ?? 0), 0);

/** How much of a cut is still missing under `hidden`. */
function shortfall(cut: Cut, hidden: ReadonlySet<number>) {
  const need = cut.need - cut.fixed;
  let have = 0;
  for (const [i, capacity] of cut.terms) if (hidden.has(i)) have += Math.min(capacity, need);
  return need - have;
}

function greedySuppression(network: Network, seen: Cut[] = []): Choice {
  const hidden = new Set<number>();
  let complete = true;
  // A cut nothing can close is set aside (the table is then as safe as it can be, and says so).
  const impossible = new Set<string>();
  const banned = new Set<number>();
  // Hiding a count only widens what the others could be, so what passed stays passed: look again
  // from where the last leak was, and at the count just hidden. Showing one again starts over.
  let from = 0;
  let justHidden: number | null = null;
  const arcs = network.arcs.length;
  for (let step = 0; step <= arcs * 2; step++) {
    const recheck = justHidden !== null && justHidden < from ? [justHidden] : [];
    const order = [...recheck, ...Array.from({ length: arcs - from }, (_, k) => from + k)];
    const leak = firstLeak(network, hidden, impossible, order);
    if (!leak) break;
    const [cut] = leak.cuts;
    if (!cut) break;
    // Everything before the leak passes (the count just hidden included, if it is not the leak).
    from = leak.at;
    justHidden = null;
    seen.push(cut);
    const missing = shortfall(cut, hidden);
    let best: number | null = null;
    let bestScore = Infinity;
    for (const [i, capacity] of cut.terms) {
      if (hidden.has(i) || banned.has(i)) continue;
      const score = (network.arcs[i]?.cost ?? 0) / Math.min(capacity, missing);
      if (score < bestScore) [best, bestScore] = [i, score];
    }
    if (best === null && cut.onlyIf !== null) {
      // A count hidden that nothing can free is pinned: show it again and never hide it, so the
      // cut that wanted it finds another.
      hidden.delete(cut.onlyIf);
      banned.add(cut.onlyIf);
      from = 0;
    } else if (best === null) {
      complete = false;
      impossible.add(cut.arc);
    } else {
      hidden.add(best);
      justHidden = best;
    }
  }
  // Hiding one count often makes an earlier one unnecessary: drop the dearest that can go.
  const order = [...hidden].sort((a, b) => (network.arcs[b]?.cost ?? 0) - (network.arcs[a]?.cost ?? 0));
  for (const i of order) {
    hidden.delete(i);
    if (audit(network, hidden, true, impossible).length) hidden.add(i);
  }
  return { hidden, complete: complete && !audit(network, hidden, true).length, method: "greedy" };
}

/** A cut in the branch and cut's terms: columns are the candidate counts, in `column`'s order. */
function coverCut(column: ReadonlyMap<number, number>, cut: Cut): CoverCut {
  const need = cut.need - cut.fixed;
  return {
    need,
    onlyIf: cut.onlyIf === null ? -1 : (column.get(cut.onlyIf) ?? -1),
    terms: [...cut.terms].map(
      ([arc, capacity]) => [column.get(arc) ?? -1, Math.min(capacity, need)] as const,
    ),
  };
}

/**
 * The cheapest safe pattern, or null when the search found none cheaper than `incumbent` (a safe
 * pattern already known, the greedy one; it is then returned when the search proved it optimal).
 * Past its limits, the cheapest safe pattern found so far.
 */
export function exactSuppression(
  network: Network,
  seen: Cut[] = [],
  limits: ExactLimits = { audits: EXACT_AUDITS, nodes: EXACT_NODES },
  incumbent: ReadonlySet<number> | null = null,
): Set<number> | null {
  const columns = network.arcs.flatMap((arc, i) => (arc.role === "candidate" ? [i] : []));
  const column = new Map(columns.map((arc, j) => [arc, j]));
  const hiddenOf = (chosen: readonly boolean[]) => new Set(columns.filter((_, j) => chosen[j]));
  const result = solveCover(
    columns.map((arc) => network.arcs[arc]?.cost ?? 0),
    seen.map((cut) => coverCut(column, cut)),
    (chosen) => audit(network, hiddenOf(chosen)).map((cut) => coverCut(column, cut)),
    limits,
    incumbent ? cost(network, incumbent) : Infinity,
  );
  if (result.chosen) return hiddenOf(result.chosen);
  // Nothing cheaper than the safe incumbent: it is the optimum (with none, no pattern was found).
  return result.proven && incumbent ? new Set(incumbent) : null;
}

/** Greedy first; the exact optimum when the table is small enough and greedy may have overspent. */
export function chooseSuppression(
  network: Network,
  { exact = true, unlimited = false, exactLimits = { audits: EXACT_AUDITS, nodes: EXACT_NODES } } = {},
): Choice {
  const seen: Cut[] = [];
  const greedy = greedySuppression(network, seen);
  if (!seen.length) return { hidden: greedy.hidden, complete: true, method: "none" };
  const candidates = network.arcs.filter((arc) => arc.role === "candidate").length;
  if (!exact || (candidates > EXACT_LIMIT && !unlimited)) return greedy;
  // Also when the greedy pass found no pattern: it can shut itself out (a count it hid early,
  // pinned at that moment, is never tried again), where the exact step weighs every cut together.
  const best = exactSuppression(
    network,
    seen,
    unlimited ? { audits: 100_000, nodes: 10_000_000 } : exactLimits,
    greedy.complete ? greedy.hidden : null,
  );
  if (!best || (greedy.complete && cost(network, best) > cost(network, greedy.hidden))) return greedy;
  return { hidden: best, complete: true, method: "exact" };
}
