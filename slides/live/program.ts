// A notebook's code cells as one program the browser can re-run with other parameters: the
// cells in order inside one async function (so `await` works as in the kernel), their imports
// hoisted to the top, the `parameters` cell replaced by declarations that read the values the
// deck passes in, and a call before each cell that names it, so that what the cell shows or
// prints is put back where the deck shows that cell's outputs.
//
// tslab lets a later cell declare a top-level name again (the later one wins); inside one
// function a second `const` would be a syntax error, so top-level `const`/`let` become `var`.
import ts from "typescript";
import type { Cell, Notebook } from "../../runner/nbformat";
import type { Parameter } from "../../runner/parameter-values";
import { declaredParameters } from "../../runner/parameters";

const tagged = (cell: Cell, tag: string) => Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes(tag);

/** A cell's source split into its import declarations and the statements that follow. */
function splitImports(source: string): { imports: string[]; body: string } {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const imports: string[] = [];
  const cuts: [number, number, string][] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) {
      imports.push(statement.getText(file));
      cuts.push([statement.getStart(file), statement.getEnd(), ""]);
    } else if (ts.isVariableStatement(statement)) {
      const start = statement.getStart(file);
      const head = /^(?:export\s+)?(?:const|let|var)\b/.exec(source.slice(start));
      if (head) cuts.push([start, start + head[0].length, "var"]);
    }
  }
  let body = source;
  for (const [from, to, text] of cuts.reverse()) body = body.slice(0, from) + text + body.slice(to);
  return { imports, body };
}

export interface LiveProgram {
  /** TypeScript: imports, `async function run(params, enter)`, and the worker that calls it. */
  source: string;
  /** The knobs of the parameters cell, in order. */
  parameters: Parameter[];
}

/** The program of a notebook with a `parameters` cell, or undefined when it has none. */
export function liveProgram(nb: Notebook): LiveProgram | undefined {
  const parameters = declaredParameters(nb);
  if (!nb.cells.some((c) => c.cell_type === "code" && tagged(c, "parameters"))) return undefined;
  const imports: string[] = [];
  const body: string[] = [];
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code" || tagged(cell, "injected-parameters")) continue;
    body.push(`enter(${JSON.stringify(cell.id)});`);
    if (tagged(cell, "parameters")) {
      for (const p of parameters) body.push(`var ${p.name}${p.annotation ? `: ${p.annotation}` : ""} = params[${JSON.stringify(p.name)}];`);
      continue;
    }
    const split = splitImports(cell.source);
    imports.push(...split.imports);
    body.push(split.body);
  }
  const source = [
    ...new Set(imports),
    "async function run(params: Record<string, any>, enter: (cellId: string) => void): Promise<void> {",
    ...body,
    "}",
    'import { installWorker } from "./slides/live/worker";',
    "installWorker(run);",
    "",
  ].join("\n");
  return { source, parameters };
}
