// Papermill-style parameters for TypeScript notebooks. The code cell tagged `parameters`
// holds one simple declaration per line (`const depth = 20; // number of blocks, 1..200`);
// from the literal on the right we learn each knob's type. `--set depth=40` then becomes a
// cell tagged `injected-parameters` right after it, re-declaring the overridden knobs:
// tslab accepts a top-level `const` declared again in a later cell (the later one wins).
import { fail } from "@skip-and-drop/lib/checks";
import { newCellId, type Cell, type Notebook } from "./nbformat";

export type ParameterType = "number" | "string" | "boolean" | "number[]";

export interface Parameter {
  name: string;
  type: ParameterType;
  /** The explicit annotation (`: "relu" | "tanh"`), repeated in the injected cell so tslab checks it. */
  annotation: string;
  value: string;
}

const tagged = (cell: Cell, tag: string) => Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes(tag);

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const LITERALS: [ParameterType, RegExp][] = [
  ["number", new RegExp(`^${NUMBER}$`)],
  ["boolean", /^(?:true|false)$/],
  ["string", /^(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`$\\]*`)$/],
  ["number[]", new RegExp(`^\\[\\s*(?:${NUMBER}\\s*(?:,\\s*${NUMBER}\\s*)*,?)?\\s*\\]$`)],
];
const DECLARATION = /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(:[^=]+?)?\s*=\s*(.+?)\s*;?\s*(?:\/\/.*)?$/;

/** The simple assignments of the `parameters` cell, in order; other lines are ignored. */
export function parseParameters(source: string): Parameter[] {
  const found: Parameter[] = [];
  for (const line of source.split(/\r?\n/)) {
    const match = DECLARATION.exec(line);
    if (!match) continue;
    const [, name, annotation = "", value] = match;
    const type = LITERALS.find(([, pattern]) => pattern.test(value))?.[0];
    if (type) found.push({ name, type, annotation: annotation.replace(/^:\s*/, "").trim(), value });
  }
  return found;
}

/** The knobs of the notebook's `parameters` cell ([] when it has none). */
export function declaredParameters(nb: Notebook): Parameter[] {
  const cell = nb.cells.find((c) => c.cell_type === "code" && tagged(c, "parameters"));
  return cell ? parseParameters(cell.source) : [];
}

/** A raw `--set` value, as typed on the command line, turned into a TypeScript literal of `type`. */
function literal(name: string, raw: string, type: ParameterType): string {
  const text = raw.trim();
  const asNumber = (s: string) => (new RegExp(`^${NUMBER}$`).test(s.trim()) && Number.isFinite(Number(s)) ? String(Number(s)) : null);
  if (type === "number") return asNumber(text) ?? fail(name, raw, "a finite number");
  if (type === "boolean") return text === "true" || text === "false" ? text : fail(name, raw, "true or false");
  if (type === "string") {
    const quoted = /^(["'])(.*)\1$/s.exec(text);
    return JSON.stringify(quoted ? quoted[2] : raw);
  }
  const items = text.replace(/^\[|\]$/g, "").split(",").filter((s) => s.trim() !== "");
  const numbers = items.map(asNumber);
  if (numbers.some((n) => n === null)) fail(name, raw, "a list of finite numbers such as [1, 2, 3] or 1,2,3");
  return `[${numbers.join(", ")}]`;
}

/**
 * The members of a literal-union annotation (`"relu" | "tanh"`, `4 | 8`) written as the
 * literals `literal` produces, or undefined when any member is not a literal (`string`,
 * `"a" | string`): then the kernel's type check is the only one.
 */
function literalUnion(annotation: string): string[] | undefined {
  if (annotation === "") return undefined;
  const members = annotation.split("|").map((m) => m.trim());
  const canonical = members.map((m) => {
    const quoted = /^(["'])((?:(?!\1)[^\\])*)\1$/.exec(m);
    if (quoted) return JSON.stringify(quoted[2]);
    return new RegExp(`^${NUMBER}$`).test(m) ? String(Number(m)) : undefined;
  });
  return canonical.every((m) => m !== undefined) ? (canonical as string[]) : undefined;
}

/** The literal for `raw`, refused up front when the annotation is a union of literals it is not in. */
function checkedLiteral(parameter: Parameter, raw: string): string {
  const value = literal(parameter.name, raw, parameter.type);
  const allowed = literalUnion(parameter.annotation);
  if (allowed && !allowed.includes(value)) fail(parameter.name, raw, `one of ${allowed.join(", ")} (its declared type)`);
  return value;
}

/**
 * The notebook with `overrides` injected after its `parameters` cell (replacing an earlier
 * injected cell). Refuses unknown names, values of the wrong type and values outside a
 * literal-union annotation with a RangeError that
 * lists what is allowed — before any kernel is started. Without overrides the notebook is
 * returned as it is (an injected cell from an earlier run stays, and runs). The input
 * notebook is not changed.
 */
export function injectParameters(nb: Notebook, overrides: Record<string, string>): Notebook {
  const names = Object.keys(overrides);
  if (names.length === 0) return nb;
  const at = nb.cells.findIndex((cell) => cell.cell_type === "code" && tagged(cell, "parameters"));
  if (at < 0) fail("--set", names.join(", "), "a notebook with a code cell tagged `parameters`");
  const known = parseParameters(nb.cells[at].source);
  const lines = names.map((name) => {
    const parameter = known.find((p) => p.name === name);
    if (!parameter) fail("--set name", name, `one of ${known.map((p) => `${p.name} (${p.type})`).join(", ") || "(none declared)"}`);
    const annotation = parameter.annotation ? `: ${parameter.annotation}` : "";
    return `const ${name}${annotation} = ${checkedLiteral(parameter, overrides[name])};`;
  });
  const injected: Cell = {
    id: newCellId(),
    cell_type: "code",
    source: ["// Injected parameters", ...lines].join("\n"),
    metadata: { tags: ["injected-parameters"] },
    execution_count: null,
    outputs: [],
  };
  const cells = nb.cells.filter((cell) => !tagged(cell, "injected-parameters"));
  const after = cells.findIndex((cell) => cell.id === nb.cells[at].id);
  return { ...nb, cells: [...cells.slice(0, after + 1), injected, ...cells.slice(after + 1)] };
}
