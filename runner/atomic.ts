// Writing a notebook without harming what is on disk. The new bytes go to a temporary file in
// the SAME folder (one filesystem) that is renamed over the target: rename(2) swaps the
// directory entry in one step, so a reader (JupyterLab, git, a test) sees the old notebook or
// the new one, never half of one; on any failure the temp file is removed.
//
// Before that, the target is judged (writeTarget), the same way before a run starts and again
// at write time:
// - a symbolic link is followed: its target file is updated and the link stays a link;
// - only a regular file (or a new name in an existing folder) is written: a folder, device,
//   fifo or socket is refused and never replaced;
// - a read-only file is refused (judged by its mode bits, so also when running as root);
// - the new file gets the old one's mode (and owner, where we may set it).
// And with `expected` (the file's state when the run read it), a file changed since then (an
// edit saved in JupyterLab while the kernel worked) is refused: the edit stays on disk.
import { createHash, randomBytes } from "node:crypto";
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";
import { errorCode, fsProblem } from "../tools/fs-problem";

/** What a file held when it was read: enough to tell whether it changed since. */
export interface FileState { size: number; mtimeMs: number; sha256: string }

/** The state of the file at `path` (following links), or null when there is none. */
export function fileState(path: string): FileState | null {
  try {
    const bytes = readFileSync(path);
    const { mtimeMs } = statSync(path);
    return { size: bytes.length, mtimeMs, sha256: createHash("sha256").update(bytes).digest("hex") };
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    throw error;
  }
}

/** The file a write to `path` really replaces, and the mode, owner and group to keep (none for a new file). */
export interface Target { path: string; mode?: number; uid?: number; gid?: number }

const kind = (s: Stats) =>
  s.isDirectory() ? "a folder" : s.isCharacterDevice() ? "a character device" : s.isBlockDevice() ? "a block device"
  : s.isFIFO() ? "a named pipe (fifo)" : s.isSocket() ? "a socket" : "not a regular file";

const refuse = (option: string, path: string, why: string): never => {
  throw new RangeError(`${option} = ${JSON.stringify(path)} is invalid: ${why}`);
};

/**
 * Where writing `path` (named by `option` in messages) lands, or a RangeError saying why it
 * must not be written. Changes nothing on disk.
 */
export function writeTarget(path: string, option = "path"): Target {
  let real = path;
  let stats: Stats | undefined;
  try {
    stats = lstatSync(path);
    if (stats.isSymbolicLink()) {
      real = realpathSync(path);
      stats = lstatSync(real);
    }
  } catch (error) {
    if (errorCode(error) !== "ENOENT") fsProblem(option, path, "a file that can be written", error);
    if (stats?.isSymbolicLink()) refuse(option, path, "it is a symbolic link to a missing file: expected a regular file or a link to one");
    stats = undefined;
  }
  const folder = dirname(real);
  try {
    if (!statSync(folder).isDirectory()) refuse(option, path, `its folder ${JSON.stringify(folder)} is not a folder`);
    accessSync(folder, constants.W_OK);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    fsProblem(option, path, "a file in an existing folder that can be written", error);
  }
  if (!stats) return { path: real };
  if (!stats.isFile()) refuse(option, path, `it is ${kind(stats)}: expected a regular file (it is never replaced)`);
  const mode = stats.mode & 0o7777;
  let writable = (mode & 0o222) !== 0;
  try {
    accessSync(real, constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) refuse(option, path, `it is read-only (mode ${mode.toString(8)}): make it writable first (chmod u+w) or write elsewhere`);
  return { path: real, mode, uid: stats.uid, gid: stats.gid };
}

const describeState = (s: FileState | null) => (s ? `${s.size} bytes, saved ${new Date(s.mtimeMs).toLocaleTimeString()}` : "no file");

export interface WriteOptions {
  /** The option that named the path, for messages (default "path"). */
  option?: string;
  /** The file's state when it was read; a file in any other state is refused. */
  expected?: FileState | null;
}

/** Writes `text` to `path` atomically after the checks above; returns the path written. */
export function writeFileAtomic(path: string, text: string, { option = "path", expected }: WriteOptions = {}): string {
  const target = writeTarget(path, option);
  if (expected !== undefined) {
    const now = fileState(target.path);
    if (now?.sha256 !== expected?.sha256) {
      throw new RangeError(
        `${option} = ${JSON.stringify(path)} changed on disk while the run was going (then: ${describeState(expected)}; now: ${describeState(now)}): ` +
          "the run's outputs were not written, so the saved version is kept as it is; run again to execute it",
      );
    }
  }
  const temp = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const fd = openSync(temp, "wx", target.mode);
    try {
      if (target.mode !== undefined) fchmodSync(fd, target.mode); // open() cuts the mode by the umask
      if (target.uid !== undefined && target.gid !== undefined && process.getuid?.() === 0) fchownSync(fd, target.uid, target.gid);
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target.path);
  } catch (error) {
    rmSync(temp, { force: true });
    fsProblem(option, path, "a file that can be written", error);
  }
  return target.path;
}
