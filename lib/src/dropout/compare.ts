// How the notebooks print a numerical check of a derivation: the largest entrywise gap between
// two results that should agree, and one line saying whether it is under the tolerance.
import { Matrix } from "ml-matrix";
import { fail, failDescribed, requireFinite, requireInteger, requireInterval, requireMatrix } from "../checks";
import { columnNormsOf } from "./linalg";

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

/**
 * ‖Γ̌(w − target)‖ / ‖Γ̌·target‖ with Γ̌ = diag(‖X_{:,j}‖): the relative error of w with each weight
 * counted by how far its feature moves the predictions. A raw ‖w − target‖ is dominated by the
 * weights of small-scale features, which are large and barely matter for Xw.
 */
export function scaledRelativeError(X: Matrix, w: Matrix | readonly number[], target: Matrix): number {
  requireMatrix("X", X);
  const values = Array.isArray(w) ? w : (w as Matrix).getColumn(0);
  requireMatrix("target", target, X.columns, 1);
  if (values.length !== X.columns) fail("w.length", values.length, `${X.columns} weights, one per column of X`);
  const norms = columnNormsOf(X);
  const gap = Math.hypot(...norms.map((s, j) => s * (values[j] - target.get(j, 0))));
  const size = Math.hypot(...norms.map((s, j) => s * target.get(j, 0)));
  if (size === 0) {
    failDescribed("target", formatVector(target, 2), "a nonzero weight on some nonzero column of X (‖Γ̌·target‖ > 0)");
  }
  return gap / size;
}

/** A weight vector on one line, e.g. "[ 1.3508  0.9528 −0.2835]", for printing results side by side. */
export function formatVector(v: Matrix | readonly number[], digits = 4): string {
  requireInteger("digits", digits, 0, 12);
  const values = Array.isArray(v) ? v : (v as Matrix).to1DArray();
  const cells = values.map((x) => requireFinite("v entry", x).toFixed(digits).replace("-", "−"));
  const width = Math.max(...cells.map((c) => c.length));
  return `[${cells.map((c) => c.padStart(width + 1)).join("")}]`;
}
