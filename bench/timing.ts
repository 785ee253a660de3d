// Timing helpers. A measurement warms the code up (so V8 has compiled it), then repeats it
// until enough wall time has passed or enough repetitions were taken, and reports the
// median: robust to the odd garbage collection or scheduler hiccup that inflates a mean.
import { performance } from "node:perf_hooks";
import { requireInteger, requireInterval } from "@skip-and-drop/lib/checks";

export interface Summary {
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** number of samples the summary is taken over */
  runs: number;
}

/** Median, min and max of a non-empty list of durations in milliseconds. */
export function summarize(samplesMs: readonly number[]): Summary {
  if (samplesMs.length === 0) throw new RangeError("samplesMs = [] is invalid: expected at least one sample");
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { medianMs, minMs: sorted[0], maxMs: sorted[sorted.length - 1], runs: sorted.length };
}

export interface TimeOptions {
  /** untimed calls first, default 1 ... */
  warmup?: number;
  /**
   * ... and untimed calls until this much time has passed, default 0: V8 compiles a function
   * with its optimising compiler only after many calls, so one warm-up call times a
   * half-compiled kernel
   */
  warmupMs?: number;
  /** stop once the timed calls add up to this much, default 500 ms ... */
  minTimeMs?: number;
  /** ... or once this many calls were timed, default 50 */
  maxReps?: number;
  /** but never take fewer than this many, default 3 */
  minReps?: number;
}

/**
 * Times `fn` (synchronous). Returns the summary and the last result, so that the caller
 * can check it (and so that the work cannot be optimised away as dead code).
 */
export function timeIt<T>(fn: () => T, options: TimeOptions = {}): { timing: Summary; result: T } {
  const { warmup = 1, warmupMs = 0, minTimeMs = 500, maxReps = 50, minReps = 3 } = options;
  requireInteger("warmup", warmup, 0);
  requireInterval("warmupMs", warmupMs, 0, Infinity, "[)");
  requireInterval("minTimeMs", minTimeMs, 0, Infinity, "[)");
  requireInteger("minReps", minReps, 1);
  requireInteger("maxReps", maxReps, minReps);
  let result!: T; // assigned at least once: minReps ≥ 1
  const warming = performance.now();
  for (let i = 0; i < warmup || performance.now() - warming < warmupMs; i++) result = fn();
  const samples: number[] = [];
  let total = 0;
  while (samples.length < minReps || (total < minTimeMs && samples.length < maxReps)) {
    const start = performance.now();
    result = fn();
    const ms = performance.now() - start;
    samples.push(ms);
    total += ms;
  }
  return { timing: summarize(samples), result };
}

/** Times an asynchronous task `runs` times, one after the other (no warm-up: cold starts count). */
export async function timeRuns<T>(runs: number, task: () => Promise<T>): Promise<{ timing: Summary; results: T[] }> {
  requireInteger("runs", runs, 1);
  const samples: number[] = [];
  const results: T[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    results.push(await task());
    samples.push(performance.now() - start);
  }
  return { timing: summarize(samples), results };
}
