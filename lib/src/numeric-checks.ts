// How the notebooks print a numerical check of a derivation: the largest entrywise gap between
// two results that should agree, one line saying whether it is under the tolerance, and weight
// vectors printed side by side. Both notebooks use these.
import type { Matrix } from "ml-matrix";
import { requireFinite, requireInteger, requireInterval, requireMatrix } from "./checks";

/** max_ij |A_ij − B_ij| for two matrices of the same shape. */
export function maxAbsDifference(A: Matrix, B: Matrix): number {
  requireMatrix("A", A);
  requireMatrix("B", B, A.rows, A.columns);
  let worst = 0;
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.columns; j++) worst = Math.max(worst, Math.abs(A.get(i, j) - B.get(i, j)));
  }
  return worst;
}

/** "label = 3.1e-16 ✓ (tolerance 1e-9)", with ✗ when value ≥ tolerance. */
export function checkLine(label: string, value: number, tolerance: number): string {
  requireFinite(label, value);
  requireInterval("tolerance", tolerance, 0, Infinity, "()");
  const mark = value < tolerance ? "✓" : "✗";
  return `${label} = ${value.toExponential(1)} ${mark} (tolerance ${tolerance.toExponential(0)})`;
}

/** A weight vector on one line, e.g. "[ 1.3508  0.9528 −0.2835]", for printing results side by side. */
export function formatVector(v: Matrix | readonly number[], digits = 4): string {
  requireInteger("digits", digits, 0, 12);
  const values = Array.isArray(v) ? v : (v as Matrix).to1DArray();
  const cells = values.map((x) => requireFinite("v entry", x).toFixed(digits).replace("-", "−"));
  const width = Math.max(...cells.map((c) => c.length));
  return `[${cells.map((c) => c.padStart(width + 1)).join("")}]`;
}
