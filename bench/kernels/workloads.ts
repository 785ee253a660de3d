// The benchmark's workload sizes, read from the notebooks themselves so the two never drift:
// each notebook's `parameters` cell gives the defaults and (in its comments) the documented
// ranges, and a few constants defined in later cells (notebook 01's grid of weight scales,
// notebook 02's Monte Carlo sample size) are evaluated from their own line of source.
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { parseNotebook, parseParameters, type Notebook } from "../../runner";

export const NOTEBOOK_01 = "01-residual-connections.ipynb";
export const NOTEBOOK_02 = "02-dropout-regularization.ipynb";

const read = (root: string, name: string): Notebook => parseNotebook(readFileSync(path.join(root, "notebooks", name), "utf8"));
const tagged = (nb: Notebook, tag: string) =>
  nb.cells.find((c) => c.cell_type === "code" && Array.isArray(c.metadata.tags) && c.metadata.tags.includes(tag));

/** A JavaScript literal or expression, evaluated in a context holding only `scope` (the notebook's parameters). */
const evaluate = (expression: string, scope: Record<string, unknown> = {}): unknown =>
  vm.runInNewContext(`(${expression})`, { ...scope }, { timeout: 1000 });

/** The parameters cell: each name's default value and, when its comment says `a..b`, the range. */
export function notebookParameters(nb: Notebook, name: string): Record<string, { value: unknown; range?: [number, number] }> {
  const cell = tagged(nb, "parameters");
  if (!cell) throw new Error(`${name} has no cell tagged "parameters"`);
  const lines = cell.source.split(/\r?\n/);
  return Object.fromEntries(
    parseParameters(cell.source).map((p) => {
      const comment = lines.find((l) => new RegExp(`\\b${p.name}\\b\\s*(:[^=]+)?=`).test(l))?.split("//")[1] ?? "";
      const range = /(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)/.exec(comment);
      return [p.name, { value: evaluate(p.value), ...(range ? { range: [Number(range[1]), Number(range[2])] } : {}) }];
    }),
  );
}

/** The value of `const <name> = …;` in the notebook's first code cell that declares it, computed from `scope` (e.g. its parameters). */
export function cellConstant(nb: Notebook, notebook: string, name: string, scope: Record<string, unknown> = {}): unknown {
  const pattern = new RegExp(`^\\s*const\\s+${name}\\s*=\\s*(.+?);?\\s*(?://.*)?$`);
  for (const cell of nb.cells.filter((c) => c.cell_type === "code")) {
    for (const line of cell.source.split(/\r?\n/)) {
      const match = pattern.exec(line);
      if (match) return evaluate(match[1], scope);
    }
  }
  throw new Error(`${notebook} declares no "const ${name} = …" on one line: the benchmark reads it from there`);
}

function number(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${what} is ${String(value)}: expected a number`);
  return value;
}

export interface Workloads {
  /** notebook 01: depth, width, batch, seed, the plain stack's activation and init, the residual branches' scale */
  residual: { depth: number; width: number; batch: number; seed: number; activation: string; init: string; weightScale: number };
  /** the documented maximum width of notebook 01 */
  maxWidth: number;
  /** notebook 01's grid of weight scales c (its sweep and spectrum charts) */
  scales: number[];
  /** notebook 02: rows, features, keep probability, Monte Carlo masks */
  dropout: { n: number; d: number; p: number; masks: number };
}

export function readWorkloads(root: string): Workloads {
  const nb1 = read(root, NOTEBOOK_01);
  const nb2 = read(root, NOTEBOOK_02);
  const one = notebookParameters(nb1, NOTEBOOK_01);
  const two = notebookParameters(nb2, NOTEBOOK_02);
  const n1 = (name: string) => number(one[name]?.value, `${NOTEBOOK_01} parameter ${name}`);
  const n2 = (name: string) => number(two[name]?.value, `${NOTEBOOK_02} parameter ${name}`);
  const scales = cellConstant(nb1, NOTEBOOK_01, "scales");
  if (!Array.isArray(scales) || scales.length === 0) throw new Error(`${NOTEBOOK_01}: scales is not a list of numbers`);
  const maxWidth = one.width?.range?.[1];
  if (maxWidth === undefined) throw new Error(`${NOTEBOOK_01}: the width parameter's comment names no range a..b`);
  return {
    residual: {
      depth: n1("depth"),
      width: n1("width"),
      batch: n1("batch"),
      seed: n1("seed"),
      activation: String(one.activation?.value),
      init: String(one.init?.value),
      weightScale: n1("weightScale"),
    },
    maxWidth,
    scales: scales.map((c, k) => number(c, `${NOTEBOOK_01} scales[${k}]`)),
    dropout: { n: n2("n"), d: n2("d"), p: n2("p"), masks: number(cellConstant(nb2, NOTEBOOK_02, "masks", Object.fromEntries(Object.entries(two).map(([k, v]) => [k, v.value]))), `${NOTEBOOK_02} masks`) },
  };
}
