// Builds one deck per notebook plus an index page. All decks are rendered in memory first and
// written into a staging folder next to the output, together with what is kept of the previous
// build (other decks in a subset build, PDFs still valid: previous-build.ts), which then
// replaces the output folder in one rename: a failed build (a bad formula, a notebook that
// does not execute) leaves the previous decks untouched and no half-written deck behind.
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { projectRoot } from "../tools/project";
import { readNotebookFile, type Notebook } from "../runner/nbformat";
import { fail } from "@skip-and-drop/lib/checks";
import { copyAssets } from "./assets";
import { notebookToDeck } from "./deck";
import { overridesFor } from "./overrides";
import { writeDeckList, type DeckEntry } from "./index-page";
import { carryOver } from "./previous-build";

export interface BuildOptions {
  /** Notebook files to turn into decks. */
  notebooks: string[];
  /** Output folder (replaced as a whole, keeping what previous-build.ts carries over). */
  outDir: string;
  /**
   * Rebuild only these notebooks' decks and keep the other decks already in outDir; without
   * it the folder ends up with exactly these decks.
   */
  subset?: boolean;
  /** Re-execute each notebook first (into a temporary copy; the notebook file is not touched). */
  execute?: boolean;
  /**
   * Decks of notebooks with a parameters cell re-run their code in the browser (default true);
   * false leaves the committed charts only and no notebook code in the page.
   */
  live?: boolean;
  /**
   * Parameters for the execution, papermill style (name -> value as written in code). With
   * several notebooks each gets the names its parameters cell declares (see overrides.ts).
   */
  set?: Record<string, string>;
  /** Runs a notebook and returns the executed copy; defaults to the project's runner. */
  executor?: (path: string, set: Record<string, string>) => Promise<Notebook>;
  log?: (line: string) => void;
}

export interface BuildResult {
  outDir: string;
  decks: DeckEntry[];
}

/** The notebooks of a folder, in name order. */
export function listNotebooks(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort()
    .map((f) => join(dir, f));
}

export const deckName = (notebook: string) => basename(notebook).replace(/\.ipynb$/, "");

async function defaultExecutor(path: string, set: Record<string, string>, log?: (line: string) => void): Promise<Notebook> {
  const { executeCopy } = await import("./execute");
  return executeCopy(path, set, log);
}

export async function buildDecks(options: BuildOptions): Promise<BuildResult> {
  const { notebooks, execute = false, set = {}, log = () => {} } = options;
  if (Object.keys(set).length > 0 && !execute) {
    const pairs = Object.entries(set).map(([name, value]) => `${name}=${value}`).join(" ");
    fail("set", pairs, "no parameters without execute (--execute): they apply when the notebooks are re-executed");
  }
  const outDir = resolve(options.outDir);
  const committed = notebooks.map((path) => ({ path, name: deckName(path), nb: readNotebookFile(path) }));
  // Checked for every notebook before the first kernel starts.
  const overrides = execute ? overridesFor(committed, set) : [];
  const pages: { entry: DeckEntry; html: string }[] = [];
  for (const [i, { path, name, nb: read }] of committed.entries()) {
    const nb = execute ? await (options.executor ?? ((p, s) => defaultExecutor(p, s, log)))(path, overrides[i]) : read;
    const html = notebookToDeck(nb, name, { notebookPath: relative(projectRoot, resolve(path)).split(sep).join("/"), live: options.live ?? true });
    // The page title, unescaped (escapeHtml writes numeric entities only).
    const title = (/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? name).replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    pages.push({ entry: { name, title, file: `${name}.html` }, html });
    log(`deck ${name}.html from ${path}`);
  }
  mkdirSync(dirname(outDir), { recursive: true });
  const staging = mkdtempSync(join(dirname(outDir), `.${basename(outDir)}-staging-`));
  chmodSync(staging, 0o755); // mkdtemp makes it private; the output is meant to be served
  try {
    copyAssets(staging);
    const { entries: decks, files } = carryOver(outDir, pages, options.subset ?? false);
    for (const file of files) copyFileSync(join(outDir, file), join(staging, file));
    for (const { entry, html } of pages) writeFileSync(join(staging, entry.file), html);
    writeDeckList(staging, decks);
    replaceFolder(staging, outDir);
    return { outDir, decks };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Moves `staging` to `target`, replacing what was there. Two renames cannot be one atomic
 * step, so if the second fails the first is undone: the previous output goes back under its
 * own name and the error is rethrown (the caller removes the staging folder).
 */
export function replaceFolder(staging: string, target: string): void {
  if (!existsSync(target)) {
    renameSync(staging, target);
    return;
  }
  const old = `${staging}-old`;
  renameSync(target, old);
  try {
    renameSync(staging, target);
  } catch (error) {
    renameSync(old, target);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}
