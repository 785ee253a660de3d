// A notebook's code cells as one program the browser can re-run with other parameters: one
// async function (so `await` works as in the kernel) that runs the cells the page asks for, in
// the order it asks (schedule.ts, from the dependencies of dependencies.ts), each cell a block
// of a switch, the `parameters` cell replaced by declarations that read the values the deck
// passes in, and a call before each cell that names it, so that what the cell shows or prints
// is put back where the deck shows that cell's outputs.
//
// The notebook's code is only compiled (TypeScript to JavaScript), never bundled: its imports
// from the library become reads of the library object the worker already holds, and a
// notebook that imports anything else gets no live deck, so no file of the machine that
// builds the deck can be pulled into it.
//
// tslab lets a later cell declare a top-level name again (the later one wins); inside one
// function a second `const` would be a syntax error, so top-level `const`/`let` become `var`.
// A cell's top-level names must outlive its block: `var` does; a function declaration would
// stay inside the block, so it becomes a `var` bound at the block's start (where the
// declaration was hoisted to), and a class a `var` bound where it stands.
import { transformSync } from "esbuild";
import ts from "typescript";
import { hasTag, type Cell, type Notebook } from "../../runner/nbformat";
import type { Parameter } from "../../runner/parameter-values";
import { declaredParameters } from "../../runner/parameters";
import { dependencyGraph, inOrder, type DependencyGraph } from "./dependencies";
import { LIBRARY, LIBRARY_PACKAGE } from "./program-names";



export class NotLive extends Error {
  override name = "NotLive";
}

/** `import { a, b as c, type T } from "@skip-and-drop/lib"` as `var { a, b: c } = LIBRARY;`. */
function libraryRead(node: ts.ImportDeclaration, file: ts.SourceFile): string {
  const from = (node.moduleSpecifier as ts.StringLiteral).text;
  if (from !== LIBRARY_PACKAGE) throw new NotLive(`it imports "${from}" (a live deck runs ${LIBRARY_PACKAGE} only)`);
  const clause = node.importClause;
  if (!clause || clause.isTypeOnly) return "";
  if (clause.name) throw new NotLive(`it has a default import from ${LIBRARY_PACKAGE}: ${node.getText(file)}`);
  const bindings = clause.namedBindings;
  if (!bindings) return "";
  if (ts.isNamespaceImport(bindings)) return `var ${bindings.name.text} = ${LIBRARY};`;
  const names = bindings.elements
    .filter((e) => !e.isTypeOnly)
    .map((e) => (e.propertyName ? `${e.propertyName.text}: ${e.name.text}` : e.name.text));
  return names.length > 0 ? `var { ${names.join(", ")} } = ${LIBRARY};` : "";
}

/** A cell's source with its imports turned into library reads and top-level const/let into var. */
function cellBody(source: string): string {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const cuts: [number, number, string][] = [];
  const hoisted: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) cuts.push([statement.getStart(file), statement.getEnd(), libraryRead(statement, file)]);
    else if (ts.isFunctionDeclaration(statement)) {
      if (statement.body && statement.name) hoisted.push(`var ${statement.name.text} = ${statement.getText(file)};`);
      cuts.push([statement.getStart(file), statement.getEnd(), ""]);
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      const start = statement.getStart(file);
      cuts.push([start, start, `var ${statement.name.text} = `]);
    }
    else if (ts.isImportEqualsDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      throw new NotLive(`it has a module statement a live deck cannot run: ${statement.getText(file).slice(0, 80)}`);
    } else if (ts.isVariableStatement(statement)) {
      const start = statement.getStart(file);
      const head = /^(?:export\s+)?(?:const|let|var)\b/.exec(source.slice(start));
      if (head) cuts.push([start, start + head[0].length, "var"]);
    }
  }
  let body = source;
  for (const [from, to, text] of cuts.reverse()) body = body.slice(0, from) + text + body.slice(to);
  return [...hoisted, body].join("\n");
}

export interface LiveProgram {
  /** JavaScript: `installLive(async function run(params, order, enter) { … })`. */
  code: string;
  /** The knobs of the parameters cell, in order. */
  parameters: Parameter[];
  /** Which earlier cells each code cell needs (dependencies.ts). */
  dependencies: DependencyGraph;
}

/**
 * The program of a notebook with a `parameters` cell; undefined when it has none; NotLive
 * when its code cannot run in a live deck (another import, a syntax error).
 */
export function liveProgram(nb: Notebook): LiveProgram | undefined {
  if (!nb.cells.some((c) => c.cell_type === "code" && hasTag(c, "parameters"))) return undefined;
  const parameters = declaredParameters(nb);
  const cells = nb.cells.filter((cell) => cell.cell_type === "code" && !hasTag(cell, "injected-parameters"));
  const body: string[] = [];
  for (const cell of cells) {
    body.push(`case ${JSON.stringify(cell.id)}: {`);
    if (hasTag(cell, "parameters")) {
      for (const p of parameters) body.push(`var ${p.name}${p.annotation ? `: ${p.annotation}` : ""} = params[${JSON.stringify(p.name)}];`);
    } else body.push(cellBody(cell.source));
    body.push("}", "break;");
  }
  const source = [
    "installLive(async function run(params: Record<string, any>, order: string[], enter: (cellId: string) => void): Promise<void> {",
    "for (const cellId of order) {",
    "enter(cellId);",
    "switch (cellId) {",
    ...body,
    "}",
    "}",
    "});",
    "",
  ].join("\n");
  let code: string;
  try {
    code = transformSync(source, { loader: "ts", target: "es2020", logLevel: "silent" }).code;
  } catch (error) {
    throw new NotLive(`its code does not compile: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  // The page inlines the program in a <script type="text/plain">, which these would end.
  if (/<\/script|<!--/i.test(code)) throw new NotLive('its code contains "</script" or "<!--"');
  const sources = cells.map((c) => ({ id: c.id, source: c.source }));
  const parametersCell = cells.find((c) => hasTag(c, "parameters"))?.id;
  let dependencies: DependencyGraph;
  try {
    dependencies = dependencyGraph(sources, parametersCell, parameters.map((p) => p.name));
  } catch {
    dependencies = inOrder(sources, parametersCell, parameters.map((p) => p.name)); // code the analysis does not follow: the kernel's order
  }
  return { code, parameters, dependencies };
}
