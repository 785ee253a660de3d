// Which cells a live deck runs after a parameter change, and in which order: the charts and
// printed lines that can arrive soonest go first.
//
// A target (a cell whose chart or printed text the deck shows) is stale when one of the
// parameters its closure reads (those it reads, and those the cells it needs, transitively,
// pass on to later cells: dependencies.ts) differs
// from those its outputs on screen were computed for; outputs computed for unknown values are
// stale. A fresh target keeps its outputs: the kernel would draw them again to the number.
//
// Order: the cells before the first target (parameters, imports, the notebook's own checks,
// which refuse a value before any chart changes), then, greedily, the stale target whose
// closure has the least work left (the previous pass's timing of each cell not yet run; a
// cell never timed counts as the mean of those timed, or 1 when none is), its closure's
// remaining cells in notebook order, until every stale target is covered: the charts first,
// then the printed text. Each cell runs at most once. The order is a topological order of the needs relation restricted to a
// closed set, which is what dependencies.ts requires for the outputs to equal the kernel's.
import type { DependencyGraph } from "./dependencies";

/** Every cell `id` needs, itself included, as a set of cell ids. */
export function closure(graph: DependencyGraph, id: string): Set<string> {
  const needs = new Map(graph.cells.map((c) => [c.id, c.needs]));
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next) || !needs.has(next)) continue;
    seen.add(next);
    stack.push(...needs.get(next)!);
  }
  return seen;
}

/** The parameters the outputs of `id` depend on: those it reads, and those the cells it needs pass on. */
export function closureParameters(graph: DependencyGraph, id: string): Set<string> {
  const inside = closure(graph, id);
  return new Set(graph.cells.filter((c) => inside.has(c.id)).flatMap((c) => (c.id === id ? c.parameters : c.passes)));
}

export interface PassRequest {
  graph: DependencyGraph;
  /** cells whose outputs the deck shows, any order */
  targets: readonly string[];
  /** of those, the ones to cover first (the charts) */
  first?: ReadonlySet<string>;
  /** the parameter values to compute for (literals) */
  values: Readonly<Record<string, string>>;
  /** per target, the values its outputs on screen were computed for (absent: unknown) */
  shown: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** ms each cell took when it last ran */
  cost: ReadonlyMap<string, number>;
}

export interface Pass {
  /** cells to run, in this order */
  order: string[];
  /** the targets this pass recomputes */
  stale: string[];
}

export function stale(request: PassRequest): string[] {
  return request.targets.filter((t) => {
    const before = request.shown.get(t);
    if (!before) return true;
    return [...closureParameters(request.graph, t)].some((p) => before[p] !== request.values[p]);
  });
}

export function planPass(request: PassRequest): Pass {
  const { graph, cost } = request;
  const position = new Map(graph.cells.map((c, i) => [c.id, i]));
  const staleTargets = stale(request);
  const timed = [...cost.values()];
  const unknown = timed.length > 0 ? timed.reduce((s, t) => s + t, 0) / timed.length : 1;
  const work = (id: string) => cost.get(id) ?? unknown;
  const order: string[] = [];
  const ran = new Set<string>();
  const run = (ids: Iterable<string>) => {
    for (const id of [...ids].sort((a, b) => position.get(a)! - position.get(b)!)) {
      if (ran.has(id)) continue;
      ran.add(id);
      order.push(id);
    }
  };
  const setup = Math.min(...request.targets.map((t) => position.get(t) ?? Infinity));
  run(graph.cells.filter((_, i) => i < setup).map((c) => c.id));
  const closures = new Map(staleTargets.map((t) => [t, closure(graph, t)]));
  const known = staleTargets.filter((t) => position.has(t));
  const first = request.first ?? new Set(known);
  for (const group of [known.filter((t) => first.has(t)), known.filter((t) => !first.has(t))]) {
    const left = new Set(group);
    while (left.size > 0) {
      let best: string | undefined;
      let bestWork = Infinity;
      for (const t of left) {
        const w = [...closures.get(t)!].filter((id) => !ran.has(id)).reduce((s, id) => s + work(id), 0);
        if (w < bestWork || (w === bestWork && position.get(t)! < position.get(best!)!)) {
          best = t;
          bestWork = w;
        }
      }
      run(closures.get(best!)!);
      left.delete(best!);
    }
  }
  return { order, stale: staleTargets };
}
