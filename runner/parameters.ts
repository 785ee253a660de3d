// Papermill-style parameters for TypeScript notebooks. The code cell tagged `parameters`
// holds one simple declaration per line (`const depth = 20; // number of blocks, 1..200`);
// from the literal on the right we learn each knob's type. `--set depth=40` then becomes a
// cell tagged `injected-parameters` right after it, re-declaring the overridden knobs:
// tslab accepts a top-level `const` declared again in a later cell (the later one wins).
import { fail } from "@skip-and-drop/lib/checks";
import { hasTag, newCellId, type Cell, type Notebook } from "./nbformat";
import { checkedLiteral, knownParameter, parseParameters, type Parameter } from "./parameter-values";

export { parseParameters, type Parameter, type ParameterType } from "./parameter-values";


/** The knobs of the notebook's `parameters` cell ([] when it has none). */
export function declaredParameters(nb: Notebook): Parameter[] {
  const cell = nb.cells.find((c) => c.cell_type === "code" && hasTag(c, "parameters"));
  return cell ? parseParameters(cell.source) : [];
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
  const at = nb.cells.findIndex((cell) => cell.cell_type === "code" && hasTag(cell, "parameters"));
  if (at < 0) fail("--set", names.join(", "), "a notebook with a code cell tagged `parameters`");
  const known = parseParameters(nb.cells[at].source);
  const lines = names.map((name) => {
    const parameter = knownParameter(known, name);
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
  const cells = nb.cells.filter((cell) => !hasTag(cell, "injected-parameters"));
  const after = cells.findIndex((cell) => cell.id === nb.cells[at].id);
  return { ...nb, cells: [...cells.slice(0, after + 1), injected, ...cells.slice(after + 1)] };
}
