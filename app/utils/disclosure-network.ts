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

/**
 * The reader's freedom as a flat capacity matrix (from · nodes + to), with buffers reused by every
 * flow through it: one per audit, each arc's own capacity taken out while it is the one asked about.
 */
const bump = (values: Float64Array, at: number, by: number) => {
  values[at] = (values[at] ?? 0) + by;
};

interface FlowSpace {
  nodes: number;
  cap: Float64Array;
  residual: Float64Array;
  parent: Int32Array;
  queue: Int32Array;
}

function flowSpace(network: Network, hidden: ReadonlySet<number>): FlowSpace {
  const n = network.nodes;
  const cap = new Float64Array(n * n);
  network.arcs.forEach((arc, i) => {
    const { up, down } = capacities(arc, isSuppressed(arc, hidden, i));
    bump(cap, arc.from * n + arc.to, up);
    bump(cap, arc.to * n + arc.from, down);
  });
  return {
    nodes: n,
    cap,
    residual: new Float64Array(n * n),
    parent: new Int32Array(n),
    queue: new Int32Array(n),
  };
}

/** Largest flow from source to sink (up to `limit`), and the source side of a minimum cut. */
function maxFlow(space: FlowSpace, source: number, sink: number, limit: number) {
  const { nodes: n, residual, parent, queue } = space;
  residual.set(space.cap);
  let flow = 0;
  for (;;) {
    parent.fill(-1);
    parent[source] = source;
    queue[0] = source;
    let tail = 1;
    for (let head = 0; head < tail && parent[sink] === -1; head++) {
      const u = queue[head] ?? 0;
      const row = u * n;
      for (let v = 0; v < n; v++) {
        if (parent[v] === -1 && (residual[row + v] ?? 0) > 0) {
          parent[v] = u;
          queue[tail++] = v;
        }
      }
    }
    if (parent[sink] === -1) break;
    let push = limit - flow;
    for (let v = sink; v !== source; v = parent[v] ?? source) {
      push = Math.min(push, residual[(parent[v] ?? 0) * n + v] ?? 0);
    }
    for (let v = sink; v !== source; v = parent[v] ?? source) {
      const u = parent[v] ?? 0;
      bump(residual, u * n + v, -push);
      bump(residual, v * n + u, push);
    }
    flow += push;
    if (flow >= limit) return { flow, sourceSide: null };
  }
  const sourceSide = Array.from(parent, (p) => p !== -1);
  return { flow, sourceSide };
}

/** How far arc `index` could move one way in `space` (which counts it as suppressed or not). */
function flowIn(
  space: FlowSpace,
  network: Network,
  hidden: ReadonlySet<number>,
  index: number,
  direction: "up" | "down",
  limit: number,
) {
  const arc = network.arcs[index];
  if (!arc) throw new RangeError(`No arc ${index}`);
  const n = space.nodes;
  const { up: ownUp, down: ownDown } = capacities(arc, isSuppressed(arc, hidden, index));
  bump(space.cap, arc.from * n + arc.to, -ownUp);
  bump(space.cap, arc.to * n + arc.from, -ownDown);
  const own = capacities(arc, true)[direction];
  const result =
    direction === "up"
      ? maxFlow(space, arc.to, arc.from, Math.min(limit, own))
      : maxFlow(space, arc.from, arc.to, Math.min(limit, own));
  bump(space.cap, arc.from * n + arc.to, ownUp);
  bump(space.cap, arc.to * n + arc.from, ownDown);
  return result;
}

function freedomIn(
  space: FlowSpace,
  network: Network,
  hidden: ReadonlySet<number>,
  index: number,
  limit: number,
) {
  return {
    up: flowIn(space, network, hidden, index, "up", limit),
    down: flowIn(space, network, hidden, index, "down", limit),
  };
}

/** How far arc `index` could move up and down, given what is published. */
export function freedom(network: Network, hidden: ReadonlySet<number>, index: number, limit = UNBOUNDED) {
  return freedomIn(flowSpace(network, hidden), network, hidden, index, limit);
}

/** Every arc's freedom under one published pattern (the audit of a whole table). */
export function freedoms(network: Network, hidden: ReadonlySet<number>) {
  const space = flowSpace(network, hidden);
  return (index: number, limit = UNBOUNDED) => freedomIn(space, network, hidden, index, limit);
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

/** What arc `i` gives away under `hidden` (in `space`), with the cuts that would fix it. */
function auditArc(
  space: FlowSpace,
  network: Network,
  hidden: ReadonlySet<number>,
  i: number,
  skip: ReadonlySet<string>,
): Cut[] {
  const arc = network.arcs[i];
  if (!arc || !isSuppressed(arc, hidden, i)) return [];
  if (arc.protect) {
    const cuts: Cut[] = [];
    const wants = [
      [arc.protect.hi - arc.value, "up"],
      [arc.value - arc.protect.lo, "down"],
    ] as const;
    for (const [need, direction] of wants) {
      const key = `${i}${direction}`;
      if (need <= 0 || skip.has(key)) continue;
      const result = flowIn(space, network, hidden, i, direction, need);
      if (result.flow < need && result.sourceSide) {
        cuts.push({ ...cutFrom(network, hidden, result.sourceSide, i), need, onlyIf: null, arc: key });
      }
    }
    return cuts;
  }
  if ((arc.role !== "candidate" && arc.role !== "hidden") || skip.has(`${i}pinned`)) return [];
  const up = flowIn(space, network, hidden, i, "up", 1);
  if (up.flow >= 1 || !up.sourceSide) return [];
  const down = flowIn(space, network, hidden, i, "down", 1);
  if (down.flow >= 1 || !down.sourceSide) return [];
  // Free to move either way is enough, so the cut is both directions' cuts together (each alone
  // would demand one direction, and shut out patterns that free it the other way).
  const upCut = cutFrom(network, hidden, up.sourceSide, i);
  const downCut = cutFrom(network, hidden, down.sourceSide, i);
  const terms = new Map(upCut.terms);
  for (const [j, capacity] of downCut.terms) terms.set(j, (terms.get(j) ?? 0) + capacity);
  return [
    {
      terms,
      fixed: upCut.fixed + downCut.fixed,
      need: 1,
      onlyIf: arc.role === "candidate" ? i : null,
      arc: `${i}pinned`,
    },
  ];
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
  const space = flowSpace(network, hidden);
  for (let i = 0; i < network.arcs.length; i++) {
    cuts.push(...auditArc(space, network, hidden, i, skip));
    if (firstOnly && cuts.length) return cuts;
  }
  return cuts;
}

/**
 * The first arc, in `order`, that gives something away, and its cuts; null when none does. The
 * greedy pass uses it to look again only where something can have changed: hiding a count only
 * ever widens what every other count could be.
 */
export function firstLeak(
  network: Network,
  hidden: ReadonlySet<number>,
  skip: ReadonlySet<string>,
  order: Iterable<number>,
): { at: number; cuts: Cut[] } | null {
  const space = flowSpace(network, hidden);
  for (const i of order) {
    const cuts = auditArc(space, network, hidden, i, skip);
    if (cuts.length) return { at: i, cuts };
  }
  return null;
}

/**
 * True when no pattern can protect the table: even with every candidate hidden some protected
 * count can be narrowed, or a count hidden here pinned. Hiding more only ever widens what a count
 * could be, so hiding fewer cannot help. (A candidate's own "not pinned" cut is left out: it
 * applies only if that count is hidden.)
 */
export function hopeless(network: Network): boolean {
  const all = new Set(network.arcs.flatMap((arc, i) => (arc.role === "candidate" ? [i] : [])));
  const space = flowSpace(network, all);
  const none = new Set<string>();
  return network.arcs.some(
    (arc, i) => arc.role !== "candidate" && auditArc(space, network, all, i, none).length > 0,
  );
}
