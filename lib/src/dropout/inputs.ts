// Argument checks shared by the dropout modules: shapes of X (n×d), y (n×1), w (d×1), the keep
// probability p and the column norms that Γ̌ = diag(‖X_{:,j}‖) is built from.
import { Matrix } from "ml-matrix";
import { fail, requireInterval, requireMatrix } from "../checks";

/** The design matrix: at least one row and one column, finite entries. */
export function requireDesign(X: Matrix, name = "X"): Matrix {
  requireMatrix(name, X);
  if (X.rows < 1 || X.columns < 1) {
    throw new RangeError(`${name} has shape ${X.rows}×${X.columns}: expected at least 1×1`);
  }
  return X;
}

/** A column vector with `rows` entries (y is n×1, w is d×1). */
export function requireColumn(name: string, v: Matrix, rows: number): Matrix {
  return requireMatrix(name, v, rows, 1);
}

/** The keep probability: 0 < p ≤ 1 (p = 1 is plain least squares). */
export function requireKeep(p: number, name = "p"): number {
  return requireInterval(name, p, 0, 1, "(]");
}

/** The keep probability where Γ = √((1−p)/p)·Γ̌ must be invertible: p = 1 makes Γ = 0. */
export function requireKeepBelowOne(p: number, name = "p"): number {
  return requireInterval(name, p, 0, 1, "()");
}

/** A positive ridge strength λ. */
export function requireLambda(lambda: number, name = "lambda"): number {
  return requireInterval(name, lambda, 0, Infinity, "()");
}

/** Γ̌ = diag(norms) is inverted: every column of X must be nonzero. */
export function requireNonzeroNorms(norms: readonly number[], name = "X"): readonly number[] {
  norms.forEach((norm, j) => {
    if (norm === 0) fail(`‖${name}[:, ${j}]‖`, norm, "a nonzero column (Γ̌ = diag of column norms must be invertible)");
  });
  return norms;
}
