// The notebook runner: executes .ipynb notebooks through the project's tslab kernel over
// the Jupyter protocol, writes the outputs back, injects parameters, checks freshness.
import { resolve } from "node:path";
import { requireInterval } from "@skip-and-drop/lib/checks";
import { fileState, writeFileAtomic, writeTarget, type FileState } from "./atomic";
import { cellName } from "./cell-label";
import { outputDrift } from "./freshness";
import { Kernel, type KernelOptions } from "./kernel";
import { readNotebookFile, serializeNotebook, type Notebook } from "./nbformat";
import { injectParameters } from "./parameters";
import { runNotebook, type CellTiming } from "./run";

export { Kernel, type ExecuteReply, type ExecuteStatus, type KernelOptions } from "./kernel";
export { NotebookError, type CellTiming } from "./run";
export { cellName, firstLine } from "./cell-label";
export { parseNotebook, readNotebookFile, serializeNotebook, type Notebook, type Cell, type Output } from "./nbformat";
export { parseParameters, injectParameters, type Parameter } from "./parameters";
export { roundNumbers, outputDrift } from "./freshness";
export { writeKernelspec } from "./kernelspec";

export interface ExecuteOptions {
  /** papermill-style overrides, raw strings as typed on the CLI */
  set?: Record<string, string>;
  /** write here instead of overwriting the input */
  out?: string;
  /** per cell, default 120_000 */
  timeoutMs?: number;
  /** progress lines, default console.log */
  log?: (line: string) => void;
}

export interface ExecuteResult { path: string; kernelStartMs: number; totalMs: number; cells: CellTiming[] }

/** A tslab kernel started in `cwd` (default: the current folder); call shutdown() when done. */
export function startKernel(options?: KernelOptions): Promise<Kernel> {
  return Kernel.start(options);
}

/**
 * The notebook at `path`, its absolute path and the file's state as read (taken before the
 * read: an edit saved in between makes the later write refuse, never lose the edit); a
 * missing file or a bad timeout is refused before any kernel starts.
 */
function readNotebook(path: string, timeoutMs: number | undefined): { source: string; nb: Notebook; state: FileState | null } {
  if (timeoutMs !== undefined) requireInterval("timeoutMs", timeoutMs, 0, 24 * 3600 * 1000, "(]");
  const state = typeof path === "string" ? fileState(path) : null;
  const nb = readNotebookFile(path);
  return { source: resolve(path), nb, state };
}

/**
 * Executes the notebook at `path` and writes it with its outputs to `options.out` (default:
 * `path` itself), atomically and only if every cell succeeded and the file written is still
 * as it was when the run started (see atomic.ts for what is written and what is refused).
 * Parameters and the place to write are checked before the kernel starts. Throws
 * NotebookError naming the failing cell.
 */
export async function executeNotebook(path: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const started = performance.now();
  const { source, nb: committed, state } = readNotebook(path, options.timeoutMs);
  const nb = injectParameters(committed, options.set ?? {});
  const [target, option] = options.out === undefined ? [source, "notebook"] : [resolve(options.out), "out"];
  writeTarget(target, option);
  const expected = options.out === undefined ? state : fileState(target);
  const run = await runNotebook(source, nb, options);
  writeFileAtomic(target, serializeNotebook(run.notebook), { option, expected });
  return { path: target, kernelStartMs: run.kernelStartMs, totalMs: performance.now() - started, cells: run.cells };
}

/**
 * Re-executes the notebook in memory (the file is never written) and lists the code cells
 * whose committed outputs differ from fresh ones (`index`: 0-based position in nb.cells); see
 * freshness.ts for what counts.
 */
export async function checkNotebook(
  path: string,
  options: { timeoutMs?: number; log?: (l: string) => void } = {},
): Promise<{ drifted: { index: number; reason: string }[] }> {
  const { source, nb: committed } = readNotebook(path, options.timeoutMs);
  const { notebook: fresh } = await runNotebook(source, committed, options);
  const drifted: { index: number; reason: string }[] = [];
  committed.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const reason = outputDrift(cell, fresh.cells[index]);
    if (reason) drifted.push({ index, reason });
  });
  const log = options.log ?? console.log;
  for (const { index, reason } of drifted) log(`  drifted: ${cellName(index)}: ${reason}`);
  return { drifted };
}
