// Replacing a file atomically: write the new bytes to a temporary file in the SAME folder
// (so both names are on one filesystem) and rename it over the target. rename(2) swaps the
// directory entry in one step, so a reader (JupyterLab, git, another test) sees either the
// old notebook or the new one, never half of one; if anything fails the temp file is removed.
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const fd = openSync(temp, "wx");
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
