// Commands that write a whole output folder (`npm run slides -- --out dir`, `npm run site --
// --out dir`) replace only what they built themselves. Each build leaves a marker file listing
// every file it wrote. A folder is replaced only when it is absent, empty, or recognized (its
// marker, or a command's own listing of an older output) and holding nothing but files those
// name or the new build writes. So `--out notebooks`, a folder of a user's files or a file at
// the path are refused before anything runs, and the old output is then removed file by
// file, only what was a build's: anything else stays.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { errorCode, fsProblem } from "./fs-problem";

export const OUTPUT_MARKER = ".skip-and-drop-output";

/** What a command knows about its output folder beyond the marker. */
export interface Ownership {
  /** Files the command reads (notebooks): a folder holding one is never an output folder. */
  inputs?: readonly string[];
  /** The files this build writes (relative, "/" separators). */
  ours?: readonly string[];
  /** The files an output of this command names without a marker (an older build's listing), or undefined if it has none. */
  listed?: (dir: string) => string[] | undefined;
}

const show = (path: string) => JSON.stringify(relative(process.cwd(), path) || ".");

/** Every file under `dir` (links and special files count as files), relative with "/" separators; an empty sub-folder ends in "/". */
export function entriesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, prefix: string) => {
    const names = readdirSync(folder);
    if (names.length === 0 && prefix !== "") found.push(prefix);
    for (const name of names) {
      if (lstatSync(join(folder, name)).isDirectory()) walk(join(folder, name), `${prefix}${name}/`);
      else found.push(`${prefix}${name}`);
    }
  };
  walk(dir, "");
  return found;
}

/** A plain file name inside the folder (what a listing may name: no separators, not . or ..). */
export const plainName = (name: unknown): name is string => typeof name === "string" && name !== "" && !/[\\/]|^\.\.?$/.test(name);
const plainPath = (path: unknown): path is string => typeof path === "string" && path.split("/").every(plainName);

/** The files of `dir` a build made ("all" for a marker from before markers listed files), or undefined when not recognized. */
function ownedFiles(dir: string, own: Ownership): Set<string> | "all" | undefined {
  let marked: string[] | undefined;
  try {
    const files = (JSON.parse(readFileSync(join(dir, OUTPUT_MARKER), "utf8")) as { files?: unknown }).files;
    marked = Array.isArray(files) ? files.filter(plainPath) : [];
  } catch (error) {
    if (errorCode(error) !== "ENOENT") return "all";
  }
  const listed = own.listed?.(dir);
  if (marked === undefined && listed === undefined) return undefined;
  return new Set([...(marked ?? []), ...(listed ?? []), ...(own.ours ?? []), OUTPUT_MARKER]);
}

/**
 * The folder to write (`dir`, a symbolic link followed), or a RangeError naming `option` when
 * it may not be replaced: a file, a folder holding an input, a non-empty folder no build made,
 * or one holding files no build wrote.
 */
export function checkOutputFolder(dir: string, option = "--out", own: Ownership = {}): string {
  function refuse(why: string): never {
    throw new RangeError(`${option} = ${show(dir)} is invalid: ${why}`);
  }
  let target = resolve(dir);
  try {
    target = realpathSync(target);
    if (!lstatSync(target).isDirectory()) refuse("expected a folder (this is a file)");
  } catch (error) {
    if (error instanceof RangeError) throw error;
    if (errorCode(error) !== "ENOENT") fsProblem(option, dir, "a folder for the output", error);
  }
  const holds = (own.inputs ?? []).map((n) => resolve(n)).find((n) => n.startsWith(target + sep));
  if (holds) refuse(`it holds ${show(holds)}, an input of this build: the output folder is replaced on every build`);
  if (!existsSync(target)) return target;
  const entries = entriesUnder(target);
  if (entries.length === 0) return target;
  const owned = ownedFiles(target, own);
  const some = (list: string[]) => list.slice(0, 5).join(", ") + (list.length > 5 ? ", …" : "");
  if (!owned) refuse(`expected an empty or new folder, or one this command built (holding ${OUTPUT_MARKER}); it holds ${entries.length} other entries (${some(entries)}), which stay untouched`);
  const foreign = owned === "all" ? [] : entries.filter((e) => !owned.has(e));
  if (foreign.length > 0) refuse(`it holds files that no build wrote (${some(foreign)}): move them out first, the output folder is replaced on every build`);
  return target;
}

/** Marks `dir` (a finished build) as built by `command`, listing every file in it. */
export function markOutputFolder(dir: string, command: string): void {
  const files = entriesUnder(dir).filter((f) => f !== OUTPUT_MARKER).sort();
  writeFileSync(join(dir, OUTPUT_MARKER), JSON.stringify({ builtBy: command, replacedOnNextBuild: true, files }, null, 1) + "\n");
}

/**
 * Removes a previous output moved aside: only the files a build made (as checkOutputFolder
 * judges them), then the folders left empty. Anything else stays; returns what stayed.
 */
export function removeOwned(dir: string, own: Ownership = {}): string[] {
  const owned = ownedFiles(dir, own);
  if (owned === "all") {
    rmSync(dir, { recursive: true, force: true });
    return [];
  }
  for (const file of entriesUnder(dir)) if (owned?.has(file)) rmSync(join(dir, file), { force: true });
  const prune = (folder: string): boolean => {
    for (const name of readdirSync(folder)) if (lstatSync(join(folder, name)).isDirectory()) prune(join(folder, name));
    if (readdirSync(folder).length > 0) return false;
    rmdirSync(folder);
    return true;
  };
  return prune(dir) ? [] : entriesUnder(dir).map((f) => join(dir, f));
}
