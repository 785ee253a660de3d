// One library-vs-numpy workload: how to time the library side, what numpy must run, and how
// to tell that both computed the same thing (so that the time ratio compares like with like).
import type { ReferenceCase } from "../reference-runner";
import type { Summary, TimeOptions } from "../timing";

export interface KernelCase {
  /** the table section, e.g. "Forward + backward, depth 50, batch 32" */
  group: string;
  /** the row, e.g. "residual, width 64" */
  label: string;
  /** the same workload for bench/reference.py (its id must be unique) */
  reference: ReferenceCase;
  /** times the library side; `check` holds the numbers that `compare` matches against numpy's */
  lib: (rule: TimeOptions) => { timing: Summary; check: number[] };
  /** null when the library's and numpy's check numbers agree, else what differs */
  compare: (lib: number[], numpy: number[]) => string | null;
  /** times the same work done by ml-matrix alone, when the library replaces an ml-matrix method */
  baseline?: (rule: TimeOptions) => Summary;
  /** times the library side with its products on the TypeScript kernel instead of SIMD */
  typescriptKernel?: (rule: TimeOptions) => Summary;
  /** floating-point operations of one call, when a GFLOP/s rate is meaningful */
  flops?: number;
}

/** |a − b| ≤ tol · max(|a|, |b|), entry by entry; null when all agree. */
export function relativeAgreement(lib: readonly number[], numpy: readonly number[], tol: number): string | null {
  if (lib.length !== numpy.length) return `lib gave ${lib.length} numbers, numpy ${numpy.length}`;
  for (let k = 0; k < lib.length; k++) {
    const a = lib[k];
    const b = numpy[k];
    if (Math.abs(a - b) > tol * Math.max(Math.abs(a), Math.abs(b)) && a !== b) {
      return `entry ${k}: lib ${a} vs numpy ${b} (relative tolerance ${tol})`;
    }
  }
  return null;
}

/** max_k |a_k − b_k| ≤ tol · max_k |a_k|: agreement of two vectors as a whole. */
export function vectorAgreement(lib: readonly number[], numpy: readonly number[], tol: number): string | null {
  if (lib.length !== numpy.length) return `lib gave ${lib.length} numbers, numpy ${numpy.length}`;
  const scale = Math.max(...lib.map(Math.abs));
  const diff = Math.max(...lib.map((a, k) => Math.abs(a - numpy[k])));
  return diff <= tol * scale ? null : `max difference ${diff.toExponential(2)} > ${tol} × max |entry| ${scale.toExponential(2)}`;
}
