/**
 * A frequency table with its margins is a network: a node per group, a node per answer and two
 * nodes for the grand total; each count is an arc (group → answer, group total, answer total, grand
 * total). Any other table that a reader would accept as consistent with what is published differs
 * from the real one by a circulation in this network, each arc moving only as far as the reader's
 * bounds allow (a shown count cannot move at all). So the largest value a suppressed count could
 * have is its value plus the maximum flow around it, the smallest its value minus the flow the
 * other way: the linear programme "max/min this cell subject to the published table" solved as a
 * flow problem, exactly and in microseconds. When the flow falls short, its minimum cut names the
 * counts that would have to be hidden to let it through: that is the cut the suppression
 * optimiser adds.
 */

const UNBOUNDED = 1e9;

/** candidate: shown unless chosen as a complement; fixed: shown, never hidden here. */
export type ArcRole = "candidate" | "fixed" | "small" | "hidden" | "unpublished" | "alias";

export interface Arc {
  from: number;
  to: number;
  value: number;
  role: ArcRole;
  /** What a reader knows of it once suppressed. */
  lo: number;
  hi: number;
  /** The range it must keep (a small count, a small "did not tick"), or null. */
  protect: { lo: number; hi: number } | null;
  /** Information lost by hiding it (candidates only). */
  cost: number;
}

export interface Network {
  nodes: number;
  arcs: Arc[];
}

/** At least `need` more (or less) of one arc must be possible: Σ capacity·hide ≥ need − fixed. */
export interface Cut {
  /** Arc index → capacity it would add across the cut if hidden. */
  terms: Map<number, number>;
  need: number;
  /** Capacity across the cut from arcs already suppressed whatever is chosen. */
  fixed: number;
  /** The hidden arc whose own freedom this is about (only required if it is hidden). */
  onlyIf: number | null;
  /** The arc this cut protects, and in which direction. */
  arc: string;
}

export const isSuppressed = (arc: Arc, hidden: ReadonlySet<number>, index: number) =>
  arc.role === "small" ||
  arc.role === "hidden" ||
  arc.role === "unpublished" ||
  arc.role === "alias" ||
  (arc.role === "candidate" && hidden.has(index));

function capacities(arc: Arc, suppressed: boolean): { up: number; down: number } {
  if (arc.role === "alias") return { up: UNBOUNDED, down: UNBOUNDED };
  if (!suppressed) return { up: 0, down: 0 };
  return { up: Math.min(UNBOUNDED, arc.hi - arc.value), down: Math.max(0, arc.value - arc.lo) };
}

/** Largest flow from source to sink (up to `limit`), and the source side of a minimum cut. */
function maxFlow(cap: number[][], source: number, sink: number, limit: number) {
  const n = cap.length;
  const residual = cap.map((row) => [...row]);
  let flow = 0;
  const parent = new Array<number>(n);
  for (;;) {
    parent.fill(-1);
    parent[source] = source;
    const queue = [source];
    for (let head = 0; head < queue.length && parent[sink] === -1; head++) {
      const u = queue[head] ?? 0;
      const row = residual[u] ?? [];
      for (let v = 0; v < n; v++) {
        if (parent[v] === -1 && (row[v] ?? 0) > 0) {
          parent[v] = u;
          queue.push(v);
        }
      }
    }
    if (parent[sink] === -1) break;
    let push = limit - flow;
    for (let v = sink; v !== source; v = parent[v] ?? source) {
      push = Math.min(push, residual[parent[v] ?? 0]?.[v] ?? 0);
    }
    for (let v = sink; v !== source; v = parent[v] ?? source) {
      const u = parent[v] ?? 0;
      (residual[u] ?? [])[v] = (residual[u]?.[v] ?? 0) - push;
      (residual[v] ?? [])[u] = (residual[v]?.[u] ?? 0) + push;
    }
    flow += push;
    if (flow >= limit) return { flow, sourceSide: null };
  }
  const sourceSide = parent.map((p) => p !== -1);
  return { flow, sourceSide };
}

function capacityMatrix(network: Network, hidden: ReadonlySet<number>, except: number) {
  const cap = Array.from({ length: network.nodes }, () => new Array<number>(network.nodes).fill(0));
  network.arcs.forEach((arc, i) => {
    if (i === except) return;
    const { up, down } = capacities(arc, isSuppressed(arc, hidden, i));
    const forward = cap[arc.from] ?? [];
    const backward = cap[arc.to] ?? [];
    forward[arc.to] = (forward[arc.to] ?? 0) + up;
    backward[arc.from] = (backward[arc.from] ?? 0) + down;
  });
  return cap;
}

/** How far arc `index` could move up and down, given what is published. */
export function freedom(network: Network, hidden: ReadonlySet<number>, index: number, limit = UNBOUNDED) {
  const arc = network.arcs[index];
  if (!arc) throw new RangeError(`No arc ${index}`);
  const cap = capacityMatrix(network, hidden, index);
  const own = capacities(arc, true);
  const up = maxFlow(cap, arc.to, arc.from, Math.min(limit, own.up));
  const down = maxFlow(cap, arc.from, arc.to, Math.min(limit, own.down));
  return { up, down };
}

function cutFrom(network: Network, hidden: ReadonlySet<number>, sourceSide: boolean[], except: number) {
  const terms = new Map<number, number>();
  let fixed = 0;
  network.arcs.forEach((arc, i) => {
    if (i === except) return;
    const fromIn = sourceSide[arc.from] ?? false;
    const toIn = sourceSide[arc.to] ?? false;
    if (fromIn === toIn) return;
    // Source side → sink side: the arc can carry the flow forwards (up) or backwards (down).
    const direction: "up" | "down" = fromIn ? "up" : "down";
    if (arc.role === "candidate" && !hidden.has(i)) {
      const capacity = capacities(arc, true)[direction];
      if (capacity > 0) terms.set(i, capacity);
    } else if (arc.role === "candidate") {
      terms.set(i, capacities(arc, true)[direction]);
    } else {
      fixed += capacities(arc, isSuppressed(arc, hidden, i))[direction];
    }
  });
  return { terms, fixed };
}

/**
 * Every way the published table gives something away: a protected count that can be narrowed
 * inside its range, or a hidden count pinned to one value; each with the cut that would fix it.
 */
export function audit(
  network: Network,
  hidden: ReadonlySet<number>,
  firstOnly = false,
  skip: ReadonlySet<string> = new Set(),
): Cut[] {
  const cuts: Cut[] = [];
  for (let i = 0; i < network.arcs.length; i++) {
    const arc = network.arcs[i];
    if (!arc || !isSuppressed(arc, hidden, i)) continue;
    if (arc.protect) {
      const needUp = arc.protect.hi - arc.value;
      const needDown = arc.value - arc.protect.lo;
      const { up, down } = freedom(network, hidden, i, Math.max(needUp, needDown, 1));
      for (const [need, result, direction] of [
        [needUp, up, "up"],
        [needDown, down, "down"],
      ] as const) {
        const arcKey = `${i}${direction}`;
        if (need > 0 && result.flow < need && result.sourceSide && !skip.has(arcKey)) {
          cuts.push({ ...cutFrom(network, hidden, result.sourceSide, i), need, onlyIf: null, arc: arcKey });
        }
      }
    } else if (arc.role === "candidate" || arc.role === "hidden") {
      const { up, down } = freedom(network, hidden, i, 1);
      if (up.flow < 1 && down.flow < 1 && up.sourceSide && down.sourceSide && !skip.has(`${i}pinned`)) {
        // Free to move either way is enough, so the cut is both directions' cuts together (each
        // alone would demand one direction, and shut out patterns that free it the other way).
        const upCut = cutFrom(network, hidden, up.sourceSide, i);
        const downCut = cutFrom(network, hidden, down.sourceSide, i);
        const terms = new Map(upCut.terms);
        for (const [j, capacity] of downCut.terms) terms.set(j, (terms.get(j) ?? 0) + capacity);
        cuts.push({
          terms,
          fixed: upCut.fixed + downCut.fixed,
          need: 1,
          onlyIf: arc.role === "candidate" ? i : null,
          arc: `${i}pinned`,
        });
      }
    }
    if (firstOnly && cuts.length) return cuts;
  }
  return cuts;
}
