import highsLoader from "highs";
import { solveCover, type CoverCut } from "~/utils/disclosure-cover.ts";
import { audit, firstLeak, type Cut, type Network } from "~/utils/disclosure-network.ts";

/**
 * Chooses which counts to hide besides the small ones: the cheapest set such that the audit finds
 * nothing. A greedy pass (hide the cheapest count across each failing cut, then drop any that
 * turn out unneeded) gives a good answer in a millisecond; the exact answer comes from a mixed
 * integer programme solved by HiGHS, grown cut by cut (solve, audit, add the cuts the audit finds,
 * repeat), starting from every cut the greedy pass met.
 *
 * HiGHS is WebAssembly and takes a few hundred milliseconds to start, so it is loaded once, when
 * this module is first imported; after that its solves are synchronous, so protection stays a
 * plain function.
 */
const highs = await highsLoader();

/**
 * The exact step's limits are counts of work, never time: the same table must get the same answer
 * on a busy machine as on an idle one, or a reader comparing two looks learns more than either.
 * Tables with more counts that could be hidden get the greedy answer only.
 */
export const EXACT_LIMIT = 40;
/** Past these the greedy answer stands (the exact one is then measured by the benchmark only). */
export const EXACT_ROUNDS = 25;
/** Branch-and-bound nodes per HiGHS solve. */
export const EXACT_NODES = 500;

/** The branch and cut's work per unit of the limits (its nodes are far cheaper than HiGHS's). */
const COVER_NODES_PER_NODE = 100;
const COVER_AUDITS_PER_ROUND = 4;

export interface ExactLimits {
  rounds: number;
  /** Infinity: no limit (the benchmark's optimum). */
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

export function greedySuppression(network: Network, seen: Cut[] = []): Choice {
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

const cutKey = (cut: Cut) =>
  `${cut.need - cut.fixed}|${cut.onlyIf}|${[...cut.terms].map(([i, c]) => `${i}:${c}`).join(",")}`;

/** The master problem over the counts `columns` (arc indices): each cut as a cover cut. */
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

/** The cheapest set of counts to hide that satisfies every cut, by HiGHS, or null. */
function solveMaster(network: Network, cuts: readonly Cut[], nodes: number): Set<number> | null {
  const columns = [
    ...new Set(cuts.flatMap((cut) => [...cut.terms.keys(), ...(cut.onlyIf === null ? [] : [cut.onlyIf])])),
  ].sort((a, b) => a - b);
  const column = new Map(columns.map((arc, j) => [arc, j]));
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const lower: number[] = [];
  for (const row of cuts.map((cut) => coverCut(column, cut))) {
    const entries = new Map<number, number>(row.terms);
    if (row.onlyIf >= 0) entries.set(row.onlyIf, -row.need);
    for (const [j, value] of [...entries].sort((a, b) => a[0] - b[0])) {
      indices.push(j);
      values.push(value);
    }
    starts.push(indices.length);
    lower.push(row.onlyIf < 0 ? row.need : 0);
  }
  const model = highs.createModel({
    numCols: columns.length,
    numRows: cuts.length,
    colCost: columns.map((arc) => network.arcs[arc]?.cost ?? 0),
    colLower: columns.map(() => 0),
    colUpper: columns.map(() => 1),
    rowLower: lower,
    rowUpper: lower.map(() => Infinity),
    matrix: { format: "csr", numRows: cuts.length, numCols: columns.length, starts, indices, values },
    integrality: columns.map(() => highs.constants.variableType.integer),
  });
  try {
    model.options.set("output_flag", false);
    model.options.set("mip_rel_gap", 0);
    model.options.set("mip_abs_gap", 0.5);
    if (Number.isFinite(nodes)) model.options.set("mip_max_nodes", nodes);
    model.run();
    if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return null;
    const solution = model.getSolution().colValue;
    return new Set(columns.filter((_, j) => (solution[j] ?? 0) > 0.5));
  } finally {
    model.dispose();
  }
}

/** Cut generation with HiGHS solving each master: the fallback when the branch and cut gives up. */
function exactByHighs(network: Network, seen: readonly Cut[], limits: ExactLimits): Set<number> | null {
  const pool = new Map<string, Cut>();
  const add = (cuts: readonly Cut[]) => cuts.forEach((cut) => pool.set(cutKey(cut), cut));
  add(seen);
  let hidden = new Set<number>();
  for (let round = 0; round < limits.rounds; round++) {
    const violated = audit(network, hidden);
    if (!violated.length) return hidden;
    add(violated);
    const next = solveMaster(network, [...pool.values()], limits.nodes);
    if (!next) return null;
    hidden = next;
  }
  return null;
}

/**
 * The exact optimum, or null when it does not finish within its limits. `incumbent`: a safe
 * pattern already known (the greedy one): only cheaper ones are searched for, and it is the answer
 * when there are none. A branch and cut (disclosure-cover.ts) first; HiGHS, given every cut met,
 * when that runs out of work.
 */
export function exactSuppression(
  network: Network,
  seen: Cut[] = [],
  limits: ExactLimits = { rounds: EXACT_ROUNDS, nodes: EXACT_NODES },
  incumbent: ReadonlySet<number> | null = null,
): Set<number> | null {
  const columns = network.arcs.flatMap((arc, i) => (arc.role === "candidate" ? [i] : []));
  const column = new Map(columns.map((arc, j) => [arc, j]));
  const met = [...seen];
  const hiddenOf = (chosen: readonly boolean[]) => new Set(columns.filter((_, j) => chosen[j]));
  const separate = (chosen: readonly boolean[]) => {
    const violated = audit(network, hiddenOf(chosen));
    met.push(...violated);
    return violated.map((cut) => coverCut(column, cut));
  };
  const result = solveCover(
    columns.map((arc) => network.arcs[arc]?.cost ?? 0),
    seen.map((cut) => coverCut(column, cut)),
    separate,
    { nodes: limits.nodes * COVER_NODES_PER_NODE, audits: limits.rounds * COVER_AUDITS_PER_ROUND },
    incumbent ? cost(network, incumbent) : Infinity,
  );
  if (!result.proven) return exactByHighs(network, met, limits);
  if (result.chosen) return hiddenOf(result.chosen);
  // Nothing cheaper than the safe incumbent: it is the optimum (with none, no pattern exists).
  return incumbent ? new Set(incumbent) : null;
}

/** Greedy first; the exact optimum when the table is small enough and greedy may have overspent. */
export function chooseSuppression(
  network: Network,
  { exact = true, unlimited = false, exactLimits = { rounds: EXACT_ROUNDS, nodes: EXACT_NODES } } = {},
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
    unlimited ? { rounds: 1000, nodes: 100_000 } : exactLimits,
    greedy.complete ? greedy.hidden : null,
  );
  if (!best || (greedy.complete && cost(network, best) > cost(network, greedy.hidden))) return greedy;
  return { hidden: best, complete: true, method: "exact" };
}
