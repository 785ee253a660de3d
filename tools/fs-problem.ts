// File-system failures in words a user can act on. Node's own messages ("ENOENT: no such
// file or directory, open '…'") name neither the option the path came from nor what to do;
// every command turns them into a RangeError of the usual form: the option, the path, what
// is wrong with it.
const reasons: Record<string, string> = {
  ENOENT: "it does not exist",
  ENOTDIR: "a part of it is a file, not a folder",
  EISDIR: "it is a folder",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space is left on the device",
  EDQUOT: "the disk quota is used up",
  ELOOP: "it is a loop of symbolic links",
  ENAMETOOLONG: "the name is too long",
  EBUSY: "it is busy",
  EEXIST: "it already exists",
};

/** The errno code of a Node file-system error, or undefined. */
export const errorCode = (error: unknown): string | undefined =>
  error !== null && typeof error === "object" && typeof (error as NodeJS.ErrnoException).code === "string" ? (error as NodeJS.ErrnoException).code : undefined;

/**
 * Rethrows a file-system error from working on `path` (given by `option`) as a RangeError
 * naming both and `what` was expected of it; other errors are rethrown unchanged.
 */
export function fsProblem(option: string, path: string, what: string, error: unknown): never {
  const code = errorCode(error);
  if (code === undefined) throw error;
  const reason = reasons[code] ?? (error instanceof Error ? error.message : code);
  throw new RangeError(`${option} = ${JSON.stringify(path)} is invalid: expected ${what} (${code}: ${reason})`, { cause: error });
}
