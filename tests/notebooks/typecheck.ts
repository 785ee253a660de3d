// Notebook code cells type-checked the way tslab runs them, but strictly: a notebook's code
// cells share one scope, in order, so they are joined into one TypeScript module placed in
// the notebook's folder (where `@skip-and-drop/lib` resolves to the package's .d.ts) and
// checked with `strict`. tslab itself compiles each cell non-strict, so without this a
// `find()` result used unchecked or an implicit `any` would pass every run.
// The runner's injected-parameters cell (a `--set` run) is skipped: it re-declares the
// parameters cell's names with values of the same types.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { cellName } from "../../runner/cell-label";
import { parseNotebook } from "../../runner/nbformat";

export interface NotebookTypeError {
  notebook: string;
  /** 1-based, every cell counted, as JupyterLab and the runner number them. */
  cell: number;
  /** 1-based line within the cell's source. */
  line: number;
  message: string;
}

export const STRICT: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  module: ts.ModuleKind.ESNext, // top-level await, as tslab allows
  moduleResolution: ts.ModuleResolutionKind.Bundler, // reads the package's "exports" types
  types: ["node"],
  skipLibCheck: true,
};

interface Joined {
  notebook: string;
  text: string;
  /** For each line of `text`: the cell (1-based) and its line within the cell (1-based). */
  origin: { cell: number; line: number }[];
}

/** The code cells of a notebook as one module, with each line's origin. */
export function joinCells(path: string): Joined {
  const nb = parseNotebook(readFileSync(path, "utf8"));
  const lines: string[] = [];
  const origin: Joined["origin"] = [];
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code" || (cell.metadata.tags ?? []).includes("injected-parameters")) return;
    cell.source.split("\n").forEach((text, i) => {
      lines.push(text);
      origin.push({ cell: index + 1, line: i + 1 });
    });
    lines.push(";"); // a cell's last expression statement ends with its cell
    origin.push({ cell: index + 1, line: cell.source.split("\n").length });
  });
  return { notebook: path, text: lines.join("\n"), origin };
}

/** Strict type errors of the notebooks' code cells, each placed at its notebook, cell and line. */
export function typecheckNotebooks(paths: readonly string[], options: ts.CompilerOptions = STRICT): NotebookTypeError[] {
  const joined = new Map(paths.map((p) => [join(dirname(resolve(p)), `${resolve(p).split(/[\\/]/).pop()}.ts`), joinCells(p)]));
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => joined.has(resolve(f)) || fileExists(f);
  host.readFile = (f) => joined.get(resolve(f))?.text ?? readFile(f);
  host.getSourceFile = (f, language, ...rest) => {
    const nb = joined.get(resolve(f));
    return nb ? ts.createSourceFile(f, nb.text, language, true) : getSourceFile(f, language, ...rest);
  };
  const program = ts.createProgram([...joined.keys()], options, host);
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...ts.getPreEmitDiagnostics(program)];
  return diagnostics.map((d) => {
    const nb = d.file ? joined.get(resolve(d.file.fileName)) : undefined;
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!nb || d.start === undefined) return { notebook: d.file?.fileName ?? "(compiler)", cell: 0, line: 0, message };
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start);
    return { notebook: nb.notebook, ...nb.origin[line], message };
  });
}

/** "notebooks/01.ipynb cell 7 line 3: message", one per error. */
export const formatTypeErrors = (errors: readonly NotebookTypeError[], root: string): string[] =>
  errors.map((e) => `${e.notebook.startsWith(root) ? e.notebook.slice(root.length + 1) : e.notebook} ${cellName(e.cell - 1)} line ${e.line}: ${e.message}`);
