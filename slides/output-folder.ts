// Which folders `npm run slides` may replace. A build replaces its output folder as a whole,
// which is only safe for a folder the builder made itself. Each build writes a marker file
// listing every file it wrote; the deck list (decks.json) names the deck pages and the PDF
// handouts printed later. A folder is replaced only when it is absent, empty, or recognized
// (marker or deck list) and holding nothing but files those name or this build writes. So
// `--out notebooks`, a folder of a user's files, or a file at the path are refused before any
// notebook runs; and the old output is then removed file by file, only what was ours.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import { errorCode, fsProblem } from "../tools/fs-problem";
import { deckFiles } from "./index-page";
import { readDeckList } from "./previous-build";

export const markerFile = ".slides-build.json";

const show = (path: string) => JSON.stringify(relative(process.cwd(), path) || ".");

/** Every file under `dir` (symbolic links and special files count as files), relative, with "/" separators; folders end in "/" only when empty. */
export function entriesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, prefix: string) => {
    const names = readdirSync(folder);
    if (names.length === 0 && prefix !== "") found.push(prefix);
    for (const name of names) {
      const path = join(folder, name);
      if (lstatSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else found.push(`${prefix}${name}`);
    }
  };
  walk(dir, "");
  return found;
}

/** A plain file name inside the folder (what decks.json and the marker may name). */
export const plainName = (name: unknown): name is string => typeof name === "string" && name !== "" && !/[\\/]|^\.\.?$/.test(name);
const plainPath = (path: unknown): path is string => typeof path === "string" && path.split("/").every(plainName);

function markerFiles(dir: string): string[] | undefined {
  try {
    const marker: unknown = JSON.parse(readFileSync(join(dir, markerFile), "utf8"));
    const files = (marker as { files?: unknown }).files;
    return Array.isArray(files) ? files.filter(plainPath) : [];
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    return [];
  }
}

/** The files of `dir` that a build made, or undefined when it is not recognized as a build's output. */
function ownedFiles(dir: string): Set<string> | undefined {
  const marked = markerFiles(dir);
  if (marked === undefined && !existsSync(join(dir, "decks.json"))) return undefined;
  const listed = readDeckList(dir).flatMap(deckFiles).filter(plainName);
  return new Set([...(marked ?? []), ...listed, markerFile, "decks.json", "index.html"]);
}

/**
 * The folder to write the output to (`outDir`, with a symbolic link followed), or a
 * RangeError naming `option` when it may not be replaced: a file, a folder that holds an
 * input notebook, a non-empty folder no build made, or one holding files no build made
 * (`alsoOurs`: the files this build writes, for a folder recognized only by its deck list).
 */
export function replaceableOutput(outDir: string, inputs: readonly string[], option = "--out", alsoOurs: readonly string[] = []): string {
  function refuse(why: string): never {
    throw new RangeError(`${option} = ${show(outDir)} is invalid: ${why}`);
  }
  let target = resolve(outDir);
  try {
    target = realpathSync(target);
    if (!lstatSync(target).isDirectory()) refuse("it is a file, not a folder: give a folder for the decks");
  } catch (error) {
    if (error instanceof RangeError) throw error;
    if (errorCode(error) !== "ENOENT") fsProblem(option, outDir, "a folder for the decks", error);
  }
  const holds = inputs.map((n) => resolve(n)).find((n) => n.startsWith(target + sep));
  if (holds) refuse(`it holds the notebook ${show(holds)} being built: the output folder is replaced on every build`);
  if (!existsSync(target)) return target;
  const entries = entriesUnder(target);
  if (entries.length === 0) return target;
  const owned = ownedFiles(target);
  if (!owned) {
    const some = entries.slice(0, 3).join(", ") + (entries.length > 3 ? `, … (${entries.length} in all)` : "");
    refuse(`it is a folder that a deck build did not make (no ${markerFile} or decks.json) and it is not empty (${some}): the output folder is replaced on every build, so give an empty or new folder`);
  }
  for (const file of alsoOurs) owned.add(file);
  const foreign = entries.filter((e) => !owned.has(e));
  if (foreign.length > 0) {
    refuse(`it holds files that no deck build wrote (${foreign.slice(0, 5).join(", ")}${foreign.length > 5 ? ", …" : ""}): move them out first, the output folder is replaced on every build`);
  }
  return target;
}

/** Lists every file now in `dir` (a finished build) in its marker. */
export function writeMarker(dir: string): void {
  const files = entriesUnder(dir).filter((f) => f !== markerFile).sort();
  writeFileSync(join(dir, markerFile), JSON.stringify({ builtBy: "npm run slides", files }, null, 1) + "\n");
}

/**
 * Removes a previous output moved aside: only the files a build made (as judged by
 * replaceableOutput), then the folders left empty. Anything else stays; returns what stayed.
 */
export function removeOwned(dir: string, alsoOurs: readonly string[] = []): string[] {
  const owned = ownedFiles(dir) ?? new Set<string>();
  for (const file of alsoOurs) owned.add(file);
  for (const file of entriesUnder(dir)) if (owned.has(file)) rmSync(join(dir, file), { force: true });
  const prune = (folder: string): boolean => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (lstatSync(path).isDirectory()) prune(path);
    }
    if (readdirSync(folder).length > 0) return false;
    rmdirSync(folder);
    return true;
  };
  return prune(dir) ? [] : entriesUnder(dir).map((f) => `${basename(dir)}/${f}`);
}
