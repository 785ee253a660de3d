// Running every code cell of a notebook, top to bottom, in one fresh tslab kernel, and
// stopping at the first cell that fails. tslab's reply status alone is not enough: after an
// error it aborts the requests that follow, and an unhandled promise rejection is only
// printed to stderr while the reply says "ok". So a cell fails when its reply is error or
// aborted, when it writes anything to stderr, when it runs past the timeout, or when the
// kernel dies under it. The kernel is shut down whatever happens.
import { dirname, relative } from "node:path";
import { cellName, firstLine } from "./cell-label";
import { Kernel, type ExecuteReply } from "./kernel";
import type { DisplayUpdate } from "./collector";
import type { Cell, Notebook } from "./nbformat";

/** `index` is the 0-based position in nb.cells (shown to people as cellName(index)). */
export interface CellTiming { index: number; ms: number; source: string }

export interface RunOptions {
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface Run { notebook: Notebook; kernelStartMs: number; cells: CellTiming[] }

/**
 * A notebook cell that failed; `cellIndex` is its 0-based position in nb.cells (the message
 * says "cell cellIndex + 1", as JupyterLab counts), `stderr` what it printed there.
 */
export class NotebookError extends Error {
  override name = "NotebookError";

  constructor(
    message: string,
    readonly cellIndex: number,
    readonly stderr: string,
    readonly path = "",
  ) {
    super(message);
  }
}

/** Stack frames inside the kernel's own machinery say nothing about the student's code. */
const withoutKernelFrames = (stderr: string) =>
  stderr.split("\n").filter((line) => !/^\s+at .*(node:vm|node:internal|[\\/]tslab[\\/]dist[\\/])/.test(line)).join("\n").trimEnd();

/** The NotebookError for a cell's reply, or null when the cell succeeded. */
export function failure(path: string, index: number, cell: Cell, reply: ExecuteReply, timeoutMs: number): NotebookError | null {
  const what =
    reply.status === "error" ? "raised an error"
    : reply.status === "aborted" ? "was aborted by the kernel (a request before it failed)"
    : reply.status === "timeout" ? `did not finish within ${timeoutMs / 1000} s; the kernel was interrupted and shut down`
    : reply.status === "dead" ? "killed the kernel"
    : reply.stderr !== "" ? "wrote to stderr (console.error, a warning, or an unhandled promise rejection)"
    : null;
  if (!what) return null;
  const shown = withoutKernelFrames(reply.stderr);
  const message = `${relative(process.cwd(), path) || path}: ${cellName(index)} (\`${firstLine(cell.source)}\`) ${what}${shown ? `:\n${shown}` : ""}`;
  return new NotebookError(message, index, reply.stderr, path);
}

/**
 * Run after the last cell: waits (at most 2 s) until no timer, immediate or pending file
 * operation of the notebook's code is left in the kernel, so that a promise rejected or an
 * error printed by them after the last cell reached idle still shows on this request's stderr.
 * Resources whose names end in "Wrap" are the kernel's own sockets, pipes and watchers.
 */
export const DRAIN_SOURCE = `await new Promise<void>((done) => {
  const until = Date.now() + 2000;
  const pending = () => process.getActiveResourcesInfo().some((r) => !r.endsWith("Wrap"));
  const poll = () => (Date.now() < until && pending() ? setTimeout(poll, 10) : setTimeout(done, 20));
  setTimeout(poll, 10);
});`;

/** A long cell's progress as log lines: the first report, then at most one per 5 s, and the last. */
function progressLine(index: number, log: (line: string) => void): (text: string, finished: boolean) => void {
  let last = -Infinity;
  return (text, finished) => {
    const now = performance.now();
    if (!finished && now - last < 5000) return;
    last = now;
    log(`  cell ${String(index + 1).padStart(3)}  ${text}`);
  };
}

/**
 * Where each display_id was shown (cell index, output index), so that a later cell's
 * update_display_data rewrites the earlier cell's output, as JupyterLab does.
 */
class DisplayPlaces {
  private readonly places = new Map<string, { cell: number; output: number }[]>();

  record(cell: number, displayIds: readonly string[]): void {
    displayIds.forEach((id, output) => id && this.places.set(id, [...(this.places.get(id) ?? []), { cell, output }]));
  }

  update(cells: Cell[], updates: ReadonlyMap<string, DisplayUpdate>): void {
    for (const [id, { data, metadata }] of updates) {
      for (const { cell, output } of this.places.get(id) ?? []) {
        const outputs = [...(cells[cell].outputs ?? [])];
        const old = outputs[output];
        if (old?.output_type === "display_data" || old?.output_type === "execute_result") outputs[output] = { ...old, data: { ...data }, metadata: { ...metadata } };
        cells[cell] = { ...cells[cell], outputs } as Cell;
      }
    }
  }
}

/** Executes `nb` (read from `path`, whose folder becomes the kernel's cwd) into a new notebook. */
export async function runNotebook(path: string, nb: Notebook, { timeoutMs = 120_000, log = console.log }: RunOptions = {}): Promise<Run> {
  const kernel = await Kernel.start({ cwd: dirname(path) });
  log(`${relative(process.cwd(), path) || path}: kernel started in ${(kernel.startMs / 1000).toFixed(2)} s`);
  const cells: Cell[] = [];
  const timings: CellTiming[] = [];
  const displays = new DisplayPlaces();
  try {
    for (const [index, cell] of nb.cells.entries()) {
      if (cell.cell_type !== "code" || cell.source.trim() === "") {
        cells.push(cell.cell_type === "code" ? { ...cell, execution_count: null, outputs: [] } : cell);
        continue;
      }
      const reply = await kernel.execute(cell.source, { timeoutMs, onProgress: progressLine(index, log) });
      timings.push({ index, ms: reply.ms, source: cell.source });
      log(`  cell ${String(index + 1).padStart(3)}  ${(reply.ms / 1000).toFixed(2).padStart(7)} s  ${(reply.status === "ok" && reply.stderr ? "stderr" : reply.status).padEnd(7)}  ${firstLine(cell.source)}`);
      const failed = failure(path, index, cell, reply, timeoutMs);
      if (failed) throw failed;
      displays.update(cells, reply.updatesElsewhere);
      displays.record(cells.length, reply.displayIds);
      cells.push({ ...cell, execution_count: reply.executionCount, outputs: reply.outputs });
    }
    const last = timings.at(-1);
    if (last) {
      const tail = await kernel.execute(DRAIN_SOURCE, { timeoutMs: Math.min(timeoutMs, 10_000) });
      if (tail.status !== "ok" || tail.stderr !== "") {
        const lastCell = nb.cells[last.index];
        const shown = withoutKernelFrames(tail.stderr);
        const message = `${relative(process.cwd(), path) || path}: after the last cell (${cellName(last.index)}, \`${firstLine(lastCell.source)}\`) finished, code it left running ${tail.stderr ? "wrote to stderr (an unhandled promise rejection, a late console.error)" : `ended with status ${tail.status}`}${shown ? `:\n${shown}` : ""}`;
        throw new NotebookError(message, last.index, tail.stderr, path);
      }
    }
  } finally {
    await kernel.shutdown();
  }
  const kernelspec = nb.metadata.kernelspec ?? { display_name: "TypeScript", language: "typescript", name: "tslab" };
  const metadata = { ...nb.metadata, kernelspec, language_info: kernel.languageInfo };
  return { notebook: { ...nb, cells, metadata }, kernelStartMs: kernel.startMs, cells: timings };
}
