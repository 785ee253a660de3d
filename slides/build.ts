// Builds one deck per notebook plus an index page. All decks are rendered in memory first and
// written into a staging folder next to the output, together with what is kept of the previous
// build (other decks in a subset build, PDFs still valid: previous-build.ts), which then
// replaces the output folder in one rename: a failed build (a bad formula, a notebook that
// does not execute) leaves the previous decks untouched and no half-written deck behind.
// Only a folder a build made is replaced, and of the old one only its files are deleted
// (tools/output-folder.ts); deck names that would overwrite each other or the index are refused.
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { projectRoot } from "../tools/project";
import { readNotebookFile, type Notebook } from "../runner/nbformat";
import { fail } from "@skip-and-drop/lib/checks";
import { fsProblem } from "../tools/fs-problem";
import { assetFiles, copyAssets } from "./assets";
import { notebookToDeck } from "./deck";
import { overridesFor } from "./overrides";
import { deckFiles, writeDeckList, type DeckEntry } from "./index-page";
import { carryOver, readDeckList } from "./previous-build";
import { checkOutputFolder, markOutputFolder, plainName, removeOwned, type Ownership } from "../tools/output-folder";

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

/** What a deck output names without a marker: the index, the deck list and every page and handout it lists. */
function deckListing(dir: string): string[] | undefined {
  if (!existsSync(join(dir, "decks.json"))) return undefined;
  return ["index.html", "decks.json", ...readDeckList(dir).flatMap(deckFiles).filter(plainName)];
}

export const deckName = (notebook: string) => basename(notebook).replace(/\.ipynb$/, "");

/** Refuses notebooks whose decks would land on the same file (compared as a case-insensitive file system would) or on the index page. */
export function checkDeckNames(notebooks: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const path of notebooks) {
    const key = `${deckName(path)}.html`.toLowerCase();
    if (key === "index.html") fail("notebook", path, "a notebook not named index.ipynb: its deck would overwrite the index page index.html");
    const other = seen.get(key);
    if (other !== undefined) fail("notebook", path, `a notebook whose deck name differs from that of ${JSON.stringify(other)}: both would be written to ${deckName(path)}.html`);
    seen.set(key, path);
  }
}

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
  checkDeckNames(notebooks);
  // Checked before any notebook runs, and again just before the swap.
  const own: Ownership = { inputs: notebooks, ours: [...assetFiles(), ...notebooks.map((path) => `${deckName(path)}.html`)], listed: deckListing };
  const outDir = checkOutputFolder(options.outDir, "--out", own);
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
  let staging: string;
  try {
    mkdirSync(dirname(outDir), { recursive: true });
    staging = mkdtempSync(join(dirname(outDir), `.${basename(outDir)}-staging-`));
  } catch (error) {
    fsProblem("--out", options.outDir, "a folder whose parent folder can be written", error);
  }
  chmodSync(staging, 0o755); // mkdtemp makes it private; the output is meant to be served
  try {
    copyAssets(staging);
    const { entries: decks, files } = carryOver(outDir, pages, options.subset ?? false);
    for (const file of files) copyFileSync(join(outDir, file), join(staging, file));
    for (const { entry, html } of pages) writeFileSync(join(staging, entry.file), html);
    writeDeckList(staging, decks);
    markOutputFolder(staging, "npm run slides");
    checkOutputFolder(outDir, "--out", own);
    const kept = replaceFolder(staging, outDir, own);
    if (kept.length > 0) log(`kept ${kept.join(", ")}: these files appeared in the output folder during the build and are not a build's`);
    return { outDir, decks };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Moves `staging` to `target`, replacing what was there. Two renames cannot be one atomic
 * step, so if the second fails the first is undone: the previous output goes back under its
 * own name and the error is rethrown (the caller removes the staging folder). Of the previous
 * output only the files a build made are deleted (see tools/output-folder.ts); returns the
 * paths of anything else, which stays in a folder beside the output.
 */
export function replaceFolder(staging: string, target: string, own: Ownership = {}): string[] {
  if (!existsSync(target)) {
    renameSync(staging, target);
    return [];
  }
  const old = `${staging}-old`;
  renameSync(target, old);
  try {
    renameSync(staging, target);
  } catch (error) {
    renameSync(old, target);
    throw error;
  }
  return removeOwned(old, own);
}
