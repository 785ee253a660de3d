// Central finite differences, the reference every backward pass is checked against.
// f'(x) ≈ (f(x + h) − f(x − h)) / 2h has truncation error h² f'''/6 and rounding error
// about ε|f|/h (ε ≈ 2.2e−16); the default h = 1e−6 keeps both near 1e−10 relative for
// inputs of order 1. Near a ReLU kink (a pre-activation within ~h of 0) the formula
// straddles the kink and is wrong: check inputs are away from kinks first.
import { Matrix } from "ml-matrix";
import { requireInterval, requireMatrix } from "../checks";
import { requireSameShape, type OperandNames } from "./elementwise";

export const FINITE_DIFFERENCE_STEP = 1e-6;

/** A copy of X with entry (i, j) moved by delta. */
function nudged(X: Matrix, i: number, j: number, delta: number): Matrix {
  const Y = X.clone();
  Y.set(i, j, X.get(i, j) + delta);
  return Y;
}

/** ∂f/∂X0 (m×n) for f: n×1 ↦ m×1, one column per input coordinate. */
export function numericJacobian(f: (X: Matrix) => Matrix, X0: Matrix, h = FINITE_DIFFERENCE_STEP): Matrix {
  requireMatrix("X0", X0, undefined, 1);
  requireInterval("h", h, 0, Infinity, "()");
  const columns: number[][] = [];
  for (let j = 0; j < X0.rows; j++) {
    const diff = Matrix.sub(f(nudged(X0, j, 0, h)), f(nudged(X0, j, 0, -h)));
    columns.push(diff.getColumn(0).map((d) => d / (2 * h)));
  }
  return new Matrix(columns).transpose();
}

/** ∂f/∂X (same shape as X) for a scalar function f of a matrix X. */
export function numericGradient(f: (X: Matrix) => number, X: Matrix, h = FINITE_DIFFERENCE_STEP): Matrix {
  requireMatrix("X", X);
  requireInterval("h", h, 0, Infinity, "()");
  const G = new Matrix(X.rows, X.columns);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.columns; j++) G.set(i, j, (f(nudged(X, i, j, h)) - f(nudged(X, i, j, -h))) / (2 * h));
  }
  return G;
}

/**
 * ‖A − B‖_F / max(‖A‖_F, ‖B‖_F), 0 when both are 0: the number a gradient check prints.
 * `names` are what a shape mismatch calls A and B, e.g. ["backprop", "finiteDifference"].
 */
export function relativeError(A: Matrix, B: Matrix, names?: OperandNames): number {
  requireSameShape(A, B, names);
  const scale = Math.max(A.norm("frobenius"), B.norm("frobenius"));
  return scale === 0 ? 0 : Matrix.sub(A, B).norm("frobenius") / scale;
}
