// Progress of a long loop, shown the way tqdm shows it in JupyterLab: one output that is
// updated in place. The first report is a display_data message carrying a display_id; every
// later one is an update_display_data with the same id, which front ends apply to that output
// (and the runner prints as a progress line). Nothing is shown for a loop that finishes within
// `delayMs` (tqdm's `delay`), so fast cells keep exactly the outputs they had.
// No Node-only imports: outside a tslab kernel (a browser, a test) the default sink is silent.
import { PROGRESS_METADATA } from "./display/mime";

export interface ProgressState {
  label: string;
  /** units of work done so far, 0 … total */
  done: number;
  total: number;
  elapsedMs: number;
  /** true on the last report, when the loop has ended */
  finished: boolean;
}

/** Receives each report; `first` is true for the one that creates the display. */
export type ProgressSink = (state: ProgressState, displayId: string, first: boolean) => void;

export interface ProgressOptions {
  /** show nothing until the loop has run this long (default: the sink's, else 2000 ms, twice the time a cell may take at the defaults) */
  delayMs?: number;
  /** then report at most this often (default: the sink's, else 250 ms) */
  intervalMs?: number;
  /** the clock, in ms (default performance.now) */
  now?: () => number;
}

export interface Progress {
  /** `done` units of work are finished (cheap when no report is due) */
  tick(done: number): void;
  /** the loop has ended with `done` units finished (default: the last tick's; fewer when it stopped early) */
  finish(done?: number): void;
}

const BAR_WIDTH = 24;

/** "label ▕██████▌    ▏ 45 % (450/1000), 2.3 s, about 2.8 s left" */
export function progressText({ label, done, total, elapsedMs, finished }: ProgressState): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const eighths = Math.round(fraction * BAR_WIDTH * 8);
  const bar = "█".repeat(Math.floor(eighths / 8)) + (eighths % 8 ? "▏▎▍▌▋▊▉"[(eighths % 8) - 1] : "");
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const left = !finished && done > 0 ? `, about ${seconds((elapsedMs * (total - done)) / done)} left` : "";
  return `${label} ▕${bar.padEnd(BAR_WIDTH)}▏ ${Math.floor(fraction * 100)} % (${done}/${total}), ${seconds(elapsedMs)}${left}`;
}

type WriteDisplayData = (content: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: { display_id: string } }, update: boolean) => void;

/** tslab's display writer for the cell being executed, or null when no kernel runs here. */
function kernelWriter(): WriteDisplayData | null {
  try {
    if (typeof require !== "function" || !require.cache) return null;
    const jupyter = require.cache[require.resolve("tslab/dist/jupyter")]?.exports as { lastWriteDisplayData?: unknown } | undefined;
    return typeof jupyter?.lastWriteDisplayData === "function" ? (jupyter.lastWriteDisplayData as WriteDisplayData) : null;
  } catch {
    return null;
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** The default sink: the kernel's display (text and an HTML <progress> bar), silent elsewhere. */
const kernelSink: ProgressSink = (state, displayId, first) => {
  const write = kernelWriter();
  if (!write) return;
  const text = progressText(state);
  const html = `<progress value="${state.done}" max="${state.total}" style="width: 16em"></progress> <code>${escapeHtml(text.replace(/ ▕.*▏/, ""))}</code>`;
  write({ data: { "text/plain": text, "text/html": html }, metadata: { [PROGRESS_METADATA]: state }, transient: { display_id: displayId } }, !first);
};

let currentSink: ProgressSink = kernelSink;
let sinkTiming: Pick<ProgressOptions, "delayMs" | "intervalMs"> = {};
let displays = 0;

/**
 * Sends progress reports to `sink` instead (null: nowhere); undefined restores the kernel
 * display. `timing` replaces the default delay and interval for the loops that report to it
 * (a live deck shows a loop's progress from its first step).
 */
export function setProgressSink(sink: ProgressSink | null | undefined, timing: Pick<ProgressOptions, "delayMs" | "intervalMs"> = {}): void {
  currentSink = sink === undefined ? kernelSink : (sink ?? (() => {}));
  sinkTiming = sink === undefined ? {} : timing;
}

/** A progress reporter for a loop of `total` units of work. */
export function trackProgress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const { delayMs = sinkTiming.delayMs ?? 2000, intervalMs = sinkTiming.intervalMs ?? 250, now = () => performance.now() } = options;
  const sink = currentSink;
  const start = now();
  const displayId = `progress-${start.toFixed(0)}-${++displays}`;
  let shown = false;
  let lastReport = -Infinity;
  let done = 0;
  const report = (finished: boolean) => {
    const t = now();
    sink({ label, done, total, elapsedMs: t - start, finished }, displayId, !shown);
    shown = true;
    lastReport = t;
  };
  return {
    tick(count) {
      done = count;
      const t = now();
      if (t - start >= delayMs && t - lastReport >= intervalMs) report(false);
    },
    finish(count = done) {
      done = count;
      if (shown) report(true);
    },
  };
}
