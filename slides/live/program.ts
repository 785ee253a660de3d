// A notebook's code cells as one program the browser can re-run with other parameters: the
// cells in order inside one async function (so `await` works as in the kernel), the
// `parameters` cell replaced by declarations that read the values the deck passes in, and a
// call before each cell that names it, so that what the cell shows or prints is put back
// where the deck shows that cell's outputs.
//
// The notebook's code is only compiled (TypeScript to JavaScript), never bundled: its imports
// from the library become reads of the library object the worker already holds, and a
// notebook that imports anything else gets no live deck, so no file of the machine that
// builds the deck can be pulled into it.
//
// tslab lets a later cell declare a top-level name again (the later one wins); inside one
// function a second `const` would be a syntax error, so top-level `const`/`let` become `var`.
import { transformSync } from "esbuild";
import ts from "typescript";
import { hasTag, type Cell, type Notebook } from "../../runner/nbformat";
import type { Parameter } from "../../runner/parameter-values";
import { declaredParameters } from "../../runner/parameters";
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
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) cuts.push([statement.getStart(file), statement.getEnd(), libraryRead(statement, file)]);
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
  return body;
}

export interface LiveProgram {
  /** JavaScript: `installLive(async function run(params, enter) { … })`. */
  code: string;
  /** The knobs of the parameters cell, in order. */
  parameters: Parameter[];
}

/**
 * The program of a notebook with a `parameters` cell; undefined when it has none; NotLive
 * when its code cannot run in a live deck (another import, a syntax error).
 */
export function liveProgram(nb: Notebook): LiveProgram | undefined {
  if (!nb.cells.some((c) => c.cell_type === "code" && hasTag(c, "parameters"))) return undefined;
  const parameters = declaredParameters(nb);
  const body: string[] = [];
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code" || hasTag(cell, "injected-parameters")) continue;
    body.push(`enter(${JSON.stringify(cell.id)});`);
    if (hasTag(cell, "parameters")) {
      for (const p of parameters) body.push(`var ${p.name}${p.annotation ? `: ${p.annotation}` : ""} = params[${JSON.stringify(p.name)}];`);
    } else body.push(cellBody(cell.source));
  }
  const source = ["installLive(async function run(params: Record<string, any>, enter: (cellId: string) => void): Promise<void> {", ...body, "});", ""].join("\n");
  let code: string;
  try {
    code = transformSync(source, { loader: "ts", target: "es2020", logLevel: "silent" }).code;
  } catch (error) {
    throw new NotLive(`its code does not compile: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  // The page inlines the program in a <script type="text/plain">, which these would end.
  if (/<\/script|<!--/i.test(code)) throw new NotLive('its code contains "</script" or "<!--"');
  return { code, parameters };
}
