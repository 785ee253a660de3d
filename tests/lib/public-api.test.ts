// The package's entry point is the notebooks' vocabulary: every name a notebook imports is
// exported, and the list stays short enough to read in one screen (about 70 names).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";
import * as lib from "../../lib/src";

const root = join(__dirname, "..", "..");
const folder = join(root, "notebooks");

/** Names a notebook's code cells import from "@skip-and-drop/lib" (types included). */
function imported(file: string): string[] {
  const nb = JSON.parse(readFileSync(join(folder, file), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => [].concat(c.source as never).join("")).join("\n");
  return [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@skip-and-drop\/lib"/g)].flatMap((m) =>
    m[1].split(",").map((n) => n.trim()).filter(Boolean),
  );
}

test("every value a notebook imports is exported by the entry point", () => {
  const notebooks = readdirSync(folder).filter((f) => f.endsWith(".ipynb"));
  expect(notebooks.length).toBeGreaterThanOrEqual(2);
  const values = notebooks.flatMap(imported).filter((n) => !n.startsWith("type "));
  expect(values.length).toBeGreaterThan(30);
  expect(values.filter((n) => !(n in lib))).toEqual([]);
});

test("the entry point is one screen: at most 80 names, test helpers and tool checks left out", () => {
  const names = Object.keys(lib);
  expect(names.length).toBeLessThanOrEqual(80);
  for (const internal of ["requireMatrix", "failDescribed", "displayBundle", "compileToVega", "VEGA_LITE_MIME", "entries", "column"]) {
    expect(names, internal).not.toContain(internal);
  }
});

test("every type the entry point's functions return is named by it, down to their fields' types", () => {
  // tslab prints a cell's names with their types, and a hover or an error message shows them:
  // a type the entry point does not export shows up as import("…/dist/residual").TrainingProbe.
  const program = ts.createProgram([join(root, "lib", "src", "index.ts")], { strict: true, target: ts.ScriptTarget.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const entry = checker.getSymbolAtLocation(program.getSourceFile(join(root, "lib", "src", "index.ts"))!)!;
  const exported = new Set(checker.getExportsOfModule(entry).map((s) => s.name));
  const libSource = join(root, "lib", "src");
  const unnamed = new Set<string>();
  const seen = new Set<ts.Type>();
  const visit = (type: ts.Type): void => {
    if (seen.has(type)) return;
    seen.add(type);
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const declaration = symbol?.declarations?.[0];
    const named = declaration && (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration));
    if (named && declaration.getSourceFile().fileName.startsWith(libSource) && !exported.has(symbol!.name)) unnamed.add(symbol!.name);
    if (declaration && !declaration.getSourceFile().fileName.startsWith(libSource)) return; // ml-matrix's, the language's
    (type.aliasTypeArguments ?? []).forEach(visit);
    if (type.isUnionOrIntersection()) type.types.forEach(visit);
    if (checker.isArrayType(type) || checker.isTupleType(type)) checker.getTypeArguments(type as ts.TypeReference).forEach(visit);
    for (const property of type.getProperties()) visit(checker.getTypeOfSymbol(property));
    for (const signature of type.getCallSignatures()) visit(signature.getReturnType());
  };
  for (const symbol of checker.getExportsOfModule(entry)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (!(target.flags & ts.SymbolFlags.Function)) continue;
    for (const signature of checker.getTypeOfSymbol(target).getCallSignatures()) visit(signature.getReturnType());
  }
  expect(seen.size).toBeGreaterThan(50);
  expect([...unnamed].sort()).toEqual([]);
}, 60_000);
