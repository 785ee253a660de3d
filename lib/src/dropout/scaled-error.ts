// The error measure the dropout notebook's SGD checks print: weights compared through the
// predictions they make, not entry by entry.
import type { Matrix } from "ml-matrix";
import { fail, failDescribed, requireMatrix } from "../checks";
import { formatVector } from "../numeric-checks";
import { columnNormsOf } from "./linalg";

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
