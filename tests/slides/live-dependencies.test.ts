// The dependency analysis of live decks (dependencies.ts) and the pass it plans (schedule.ts),
// on small hand-written notebooks: the names each cell declares and reads, what each cell
// needs, and, run for real, that a scheduled pass prints what the in-order run prints while an
// order that ignores a shared random stream does not.
import * as library from "@skip-and-drop/lib";
import { describe, expect, test } from "vitest";
import { join } from "node:path";
import { readNotebookFile, type Notebook } from "../../runner/nbformat";
import { cellNames, dependencyGraph, type DependencyGraph } from "../../slides/live/dependencies";
import { liveProgram } from "../../slides/live/program";
import { LIBRARY } from "../../slides/live/program-names";
import { closure, closureParameters, planPass } from "../../slides/live/schedule";
import type { Run } from "../../slides/live/worker";

const needs = (graph: DependencyGraph) => Object.fromEntries(graph.cells.map((c) => [c.id, c.needs]));
const sorted = (s: Set<string>) => [...s].sort();

describe("cellNames", () => {
  test("top-level declarations of every kind, and only the free names as reads", () => {
    const names = cellNames(
      [
        'import { createRng, lineChart as chart } from "@skip-and-drop/lib";',
        "const [a, { b: bee }] = pair(seed);",
        "let n = 0;",
        "for (var i = 0; i < depth; i++) n += i;",
        "function f(x: number) { const local = x * scale; return local + n; }",
        "class C { m() { return other; } }",
        "if (n > 0) { const hidden = 1; var leaked = hidden + a; }",
        "const g = (rows: { v: number }[]) => rows.map((r) => r.v + offset);",
        "console.log({ depth, q: a.prop, [key]: 1 }, Math.max(...xs));",
      ].join("\n"),
    );
    expect(names.declares).toEqual(["C", "a", "bee", "chart", "createRng", "f", "g", "i", "leaked", "n"]);
    // property names (prop, b, q, m, v), locals (x, local, hidden, rows, r) and types are not reads
    expect(names.reads).toEqual(["Math", "console", "depth", "key", "offset", "other", "pair", "scale", "seed", "xs"]);
  });

  test("a name shadowed by a parameter, a catch variable or a block is not read from outside", () => {
    const names = cellNames("try { run(w); } catch (w) { log(w); }\n{ const w = 2; log(w); }\nconst h = (w: number) => w;");
    expect(names.reads).toEqual(["log", "run", "w"]);
  });
});

/** Code cells from sources; the first is the parameters cell declaring `params`. */
function graphOf(params: string[], ...sources: string[]): DependencyGraph {
  const cells = sources.map((source, i) => ({ id: `c${i}`, source }));
  return dependencyGraph([{ id: "p", source: "" }, ...cells], "p", params);
}

describe("dependencyGraph", () => {
  test("a cell needs the cells that declare what it reads, transitively through its closure", () => {
    const graph = graphOf(
      ["n", "seed"],
      'import { createRng, lineChart } from "@skip-and-drop/lib";',
      "const half = n / 2;", // a primitive
      "const rows = [1, 2, 3].map((x) => x * half);",
      "const title = `n = ${n}`;",
      "lineChart(rows, { title: title });",
    );
    expect(needs(graph)).toEqual({
      p: [],
      c0: [],
      c1: ["p"],
      c2: ["c1"],
      c3: ["p"],
      c4: ["c0", "c2", "c3"],
    });
    expect(sorted(closure(graph, "c4"))).toEqual(["c0", "c1", "c2", "c3", "c4", "p"]);
    expect(sorted(closureParameters(graph, "c4"))).toEqual(["n"]);
    expect(sorted(closureParameters(graph, "c0"))).toEqual([]);
  });

  test("one random stream drawn by two cells: the second draw needs the first, in order", () => {
    const graph = graphOf(
      ["seed"],
      'import { createRng } from "@skip-and-drop/lib";',
      "const rng = createRng(seed);",
      "const a = rng.normal();", // draws from rng
      "const unrelated = 3 * 4;",
      "const b = rng.normal();", // the same stream: must come after c2
    );
    expect(needs(graph).c4).toEqual(["c1", "c2"]);
    expect(closure(graph, "c4").has("c2")).toBe(true);
    expect(closure(graph, "c3").has("c2")).toBe(false);
  });

  test("independent streams split from one generator do not wait for each other", () => {
    const graph = graphOf(
      ["seed"],
      'import { createRng } from "@skip-and-drop/lib";',
      "const root = createRng(seed);\nconst [s1, s2] = [root.split(), root.split()];",
      "const a = s1.normal();",
      "const b = s2.normal();",
      "const c = s1.normal();",
    );
    expect(needs(graph)).toMatchObject({ c3: ["c1"], c4: ["c1", "c2"] });
  });

  test("objects mutated in place, pushed to, or handed to the notebook's own functions keep their order", () => {
    const graph = graphOf(
      [],
      'import { Matrix } from "@skip-and-drop/lib";',
      "const M = Matrix.eye(2);\nconst list: number[] = [];",
      "const before = M.get(0, 0);", // reads M
      "M.set(0, 0, 5);", // mutates M: after every earlier reader
      "const after = M.get(0, 0);", // reads M: after the mutation
      "list.push(1);",
      "const bump = (xs: number[]) => { xs.push(2); };",
      "bump(list);", // may change list
      "const total = list.length;",
      "const copy = M.clone().mul(2);", // a copy changed in place leaves M alone
    );
    const n = needs(graph);
    expect(n.c3).toEqual(["c1", "c2"]);
    expect(n.c4).toEqual(["c1", "c3"]);
    expect(n.c7).toEqual(["c1", "c5", "c6"]);
    expect(n.c8).toEqual(["c1", "c5", "c7"]);
    expect(n.c9).toEqual(["c1", "c3"]); // reads M after its change, changes only its copy (no need of the readers c2, c4)
  });

  test("an element stored through a loop variable ties the two arrays: a change through one is ordered with readers of the other", () => {
    const graph = graphOf(
      [],
      "const rows = [{ v: 1 }];\nconst other: { v: number }[] = [];",
      "for (const r of rows) other.push(r);",
      "const before = rows[0].v;",
      "other[0].v = 2;",
      "const after = rows[0].v;",
    );
    const n = needs(graph);
    expect(n.c3).toContain("c2");
    expect(n.c4).toContain("c3");
  });

  test("a function of the notebook that only reads its arguments orders nothing, and a const function reading mutable state is mutable", () => {
    const graph = graphOf(
      [],
      "const data = [3, 1, 2];",
      "const largest = (xs: number[]) => Math.max(...xs);",
      "const a = largest(data);",
      "const b = largest(data);", // reads only: no need of c2
      "let scale = 1;",
      "const scaled = (x: number) => x * scale;", // reads a mutable name
      "scale = 2;",
      "const s = scaled(1);",
    );
    const n = needs(graph);
    expect(n.c3).toEqual(["c0", "c1"]);
    expect(n.c7).toEqual(["c5", "c6"]); // `scale = 2` changes what scaled returns
    expect(sorted(closure(graph, "c7"))).toEqual(["c4", "c5", "c6", "c7"]);
  });

  test("what a cell leaves to later cells depends on the parameters of its lasting statements only", () => {
    const graph = graphOf(
      ["depth", "lr", "seed"],
      'import { createRng, requireInteger } from "@skip-and-drop/lib";',
      'requireInteger("depth", depth, 1, 9);\nconsole.log(`lr = ${lr}`);\nconst scale = 2;\nconst rng = createRng(seed * scale);',
      "const drawn = rng.normal() * depth;",
    );
    const checks = graph.cells.find((c) => c.id === "c1")!;
    expect(checks.parameters).toEqual(["depth", "lr", "seed"]);
    expect(checks.passes).toEqual(["seed"]);
    expect(sorted(closureParameters(graph, "c2"))).toEqual(["depth", "seed"]);
    expect(sorted(closureParameters(graph, "c1"))).toEqual(["depth", "lr", "seed"]);
  });

  test("a name declared again by a later cell keeps every cell that touches it in order", () => {
    const graph = graphOf([], "const x = 1;", "const y = x + 1;", "const x = 5;", "const z = x;");
    expect(needs(graph)).toMatchObject({ c2: ["c0", "c1"], c3: ["c0", "c2"] });
  });
});

describe("planPass", () => {
  const graph: DependencyGraph = {
    cells: [
      { id: "p", needs: [], parameters: [], passes: [] },
      { id: "checks", needs: ["p"], parameters: ["a", "b"], passes: ["a", "b"] },
      { id: "fastChart", needs: ["p"], parameters: ["b"], passes: ["b"] },
      { id: "constChart", needs: [], parameters: [], passes: [] },
      { id: "slow", needs: ["p"], parameters: ["a"], passes: ["a"] },
      { id: "slowChart", needs: ["slow"], parameters: [], passes: [] },
    ],
  };
  const targets = ["slowChart", "fastChart", "constChart"];
  const base = { a: "1", b: "1" };

  test("cheapest closure first by the last timings, each cell once, the setup cells before all", () => {
    const cost = new Map([["p", 0], ["checks", 1], ["slow", 900], ["slowChart", 5], ["fastChart", 5], ["constChart", 2]]);
    const shown = new Map<string, Record<string, string>>();
    const pass = planPass({ graph, targets, values: { a: "2", b: "2" }, shown, cost });
    expect(pass.order).toEqual(["p", "checks", "constChart", "fastChart", "slow", "slowChart"]);
  });

  test("the charts' closures go before the printed text's, however cheap the text", () => {
    const text: DependencyGraph = { cells: [...graph.cells, { id: "print", needs: ["p"], parameters: ["a"], passes: ["a"] }] };
    const cost = new Map([["slow", 900], ["print", 1]]);
    const pass = planPass({ graph: text, targets: [...targets, "print"], first: new Set(targets), values: base, shown: new Map(), cost });
    expect(pass.order.at(-1)).toBe("print");
    expect(planPass({ graph: text, targets: [...targets, "print"], values: base, shown: new Map(), cost }).order.indexOf("print")).toBeLessThan(pass.order.indexOf("slow"));
  });

  test("outputs whose closure reads no changed parameter are kept", () => {
    const shown = new Map(targets.map((t) => [t, base]));
    const pass = planPass({ graph, targets, values: { a: "1", b: "2" }, shown, cost: new Map() });
    expect(pass.stale).toEqual(["fastChart"]);
    expect(pass.order).toEqual(["p", "checks", "fastChart"]);
    // unknown values on screen (a pass cut short) are stale
    shown.delete("slowChart");
    expect(planPass({ graph, targets, values: base, shown, cost: new Map() }).stale).toEqual(["slowChart"]);
  });
});

// ---- run for real: the compiled program, in the kernel's order and in a planned order ----------

const code = (id: string, source: string, outputs: unknown[] = [], tags: string[] = []) => ({
  id, cell_type: "code" as const, source, outputs, execution_count: null, metadata: { tags },
});
const printed = [{ output_type: "stream", name: "stdout", text: "x\n" }];

/** A notebook where two cells draw from one stream and a third from another. */
const streams: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    code("params", "const seed = 1; // integer 0..100", [], ["parameters"]),
    code("imports", 'import { createRng } from "@skip-and-drop/lib";'),
    code("setup", "const root = createRng(seed);\nconst [shared, own] = [root.split(), root.split()];"),
    code("first", "console.log(shared.normal());", printed),
    code("other", "console.log(own.normal());", printed),
    code("second", "function draw() { return shared.normal(); }\nconsole.log(draw());", printed),
  ] as Notebook["cells"],
} as Notebook;

/** Runs the compiled program of `nb` for `params` over `order`; what each cell printed. */
async function runProgram(nb: Notebook, params: Record<string, unknown>, order: string[]): Promise<Record<string, string>> {
  const program = liveProgram(nb)!;
  let run: Run | undefined;
  const out: Record<string, string> = {};
  let cell = "";
  const log = (...args: unknown[]) => void (out[cell] = (out[cell] ?? "") + args.join(" ") + "\n");
  new Function("installLive", LIBRARY, "console", program.code)((r: Run) => void (run = r), library, { log });
  await run!(params, order, (id) => void (cell = id));
  return out;
}

test("a planned pass prints what the in-order run prints; breaking the stream's order does not", async () => {
  const program = liveProgram(streams)!;
  const kernelOrder = program.dependencies.cells.map((c) => c.id);
  expect(needs(program.dependencies).second).toContain("first");
  expect(needs(program.dependencies).second).not.toContain("other");
  const inOrder = await runProgram(streams, { seed: 4 }, kernelOrder);
  // timings that put "second" and "other" before "first" if they could go
  const cost = new Map([["first", 500], ["other", 1], ["second", 1]]);
  const pass = planPass({ graph: program.dependencies, targets: ["first", "other", "second"], values: { seed: "4" }, shown: new Map(), cost });
  expect(pass.order.indexOf("other")).toBeLessThan(pass.order.indexOf("first"));
  expect(pass.order.indexOf("first")).toBeLessThan(pass.order.indexOf("second"));
  expect(await runProgram(streams, { seed: 4 }, pass.order)).toEqual(inOrder);
  // the control: "second" before "first" draws the stream's numbers the other way round
  const broken = await runProgram(streams, { seed: 4 }, ["params", "imports", "setup", "second", "first", "other"]);
  expect(broken.first).not.toEqual(inOrder.first);
  expect(broken.second).toEqual(inOrder.first);
});

test("notebook 02: the part (c) and batch-norm charts need neither the Monte Carlo cell nor the SGD run, and SGD does not need Monte Carlo", () => {
  const graph = liveProgram(readNotebookFile(join(__dirname, "..", "..", "notebooks", "02-dropout-regularization.ipynb")))!.dependencies;
  expect(closure(graph, "sgd-chart").has("monte-carlo")).toBe(false);
  for (const chart of ["part-c-chart", "bn-chart"]) {
    const cells = closure(graph, chart);
    expect(cells.has("part-a-check"), chart).toBe(true); // p·w̌*, the dropout solution they compare with
    expect(cells.has("monte-carlo"), chart).toBe(false);
    expect(cells.has("sgd-chart"), chart).toBe(false);
  }
});
