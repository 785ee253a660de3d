// Hands the benchmark inputs to the numpy reference (bench/reference.py) and reads its results.
// Inputs travel as raw little-endian float64 files (row-major) plus a JSON manifest, so numpy
// computes on exactly the numbers the library saw and the two results can be compared.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Matrix } from "ml-matrix";
import type { Summary } from "./timing";

export interface ArrayRef {
  file: string;
  rows: number;
  columns: number;
}

/** A workload as numpy sees it: its kind, parameters and input arrays. */
export interface ReferenceCase {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  arrays: Record<string, ArrayRef | ArrayRef[] | ArrayRef[][]>;
}

export interface ReferenceResult {
  timing: Summary;
  check: number[];
}

export interface ReferenceRun {
  python: string;
  numpy: string;
  blas: string;
  results: Record<string, ReferenceResult>;
}

/** A scratch folder holding the arrays; `dispose` deletes it. */
export class Exchange {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), "bench-exchange-"));
  private count = 0;

  /** Writes M row by row as float64 and returns where numpy finds it. */
  put(M: Matrix): ArrayRef {
    const data = new Float64Array(M.rows * M.columns);
    for (let i = 0; i < M.rows; i++) data.set(M.getRow(i), i * M.columns);
    const file = `a${this.count++}.f64`;
    writeFileSync(path.join(this.dir, file), new Uint8Array(data.buffer));
    return { file, rows: M.rows, columns: M.columns };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Runs `python3 bench/reference.py` on the cases. Returns the parsed results, or a reason
 * string when python3 or numpy is missing or the script fails.
 */
export function runReference(
  exchange: Exchange,
  cases: readonly ReferenceCase[],
  timing: { warmupMs: number; minTimeMs: number; maxReps: number; minReps: number },
  threads: number,
): ReferenceRun | string {
  const manifest = path.join(exchange.dir, "manifest.json");
  writeFileSync(manifest, JSON.stringify({ timing, cases }));
  const script = path.join(__dirname, "reference.py");
  // The BLAS thread count is pinned: the library runs on one core, and on a busy machine an
  // unpinned OpenBLAS spins threads against other processes and its timings scatter widely.
  const limits = { OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  const env = { ...process.env, ...limits };
  const run = spawnSync("python3", [script, manifest], { encoding: "utf8", maxBuffer: 64 * 2 ** 20, env });
  if (run.error) return `python3 could not be started (${run.error.message})`;
  if (run.status === 3) return run.stderr.trim();
  if (run.status !== 0) throw new Error(`bench/reference.py failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as ReferenceRun;
}
