// Commands that write a whole output folder (`npm run site -- --out dir`) replace only what
// they built themselves: each build leaves a marker file in its folder, and a folder that is
// not empty and has no marker (a user's files, notebooks/, the project itself) is refused
// before anything is written.
import { existsSync, lstatSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fail } from "@skip-and-drop/lib/checks";

export const OUTPUT_MARKER = ".skip-and-drop-output";

/** Throws a RangeError naming `option` unless `dir` is missing, an empty folder, or a folder a build marked. */
export function checkOutputFolder(dir: string, option = "--out"): void {
  if (!existsSync(dir)) return;
  if (!lstatSync(dir).isDirectory()) fail(option, dir, "a folder (this is a file or a link)");
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    fail(option, dir, `an empty or new folder, or one this command built (holding ${OUTPUT_MARKER}); it holds ${entries.length} other entries, which stay untouched`);
  }
}

/** Marks `dir` as built by `command`, so that the next build may replace it. */
export function markOutputFolder(dir: string, command: string): void {
  writeFileSync(join(dir, OUTPUT_MARKER), `Built by \`${command}\`, which replaces this whole folder on its next run.\n`);
}
