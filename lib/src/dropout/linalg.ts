// Small linear-algebra helpers on ml-matrix that never mutate their arguments (ml-matrix's
// instance methods do: every chain here starts from a copy or a freshly built matrix).
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from "ml-matrix";

/** Euclidean norm of every column: ‖X_{:,j}‖ = √(Σ_i X_ij²). */
export function columnNormsOf(X: Matrix): number[] {
  const norms = new Array<number>(X.columns).fill(0);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.columns; j++) norms[j] += X.get(i, j) ** 2;
  }
  return norms.map(Math.sqrt);
}

/** ‖v‖² of a matrix seen as a flat vector. */
export function squaredNorm(v: Matrix): number {
  let s = 0;
  for (let i = 0; i < v.rows; i++) for (let j = 0; j < v.columns; j++) s += v.get(i, j) ** 2;
  return s;
}

/** AᵀA, symmetrised exactly so that Cholesky accepts it. */
export function gram(A: Matrix): Matrix {
  const G = A.transpose().mmul(A);
  for (let i = 0; i < G.rows; i++) for (let j = 0; j < i; j++) G.set(j, i, G.get(i, j));
  return G;
}

/** A copy of A with `values` added to its diagonal. */
export function addDiagonal(A: Matrix, values: readonly number[]): Matrix {
  const B = A.clone();
  values.forEach((v, j) => B.set(j, j, B.get(j, j) + v));
  return B;
}

/**
 * Solves A x = b for symmetric positive definite A by Cholesky (A = L Lᵀ, two triangular solves):
 * no inverse is ever formed. A singular A (e.g. a rank-deficient X with no penalty) is a RangeError.
 */
export function solveSpd(A: Matrix, b: Matrix, what: string): Matrix {
  const chol = new CholeskyDecomposition(A);
  if (!chol.isPositiveDefinite()) {
    // Only on failure: the smallest eigenvalue says how far from positive definite A is.
    const smallest = Math.min(...new EigenvalueDecomposition(A, { assumeSymmetric: true }).realEigenvalues);
    throw new RangeError(
      `${what} is singular (${A.rows}×${A.columns}, smallest eigenvalue ${Number(smallest.toPrecision(3))}): ` +
        "expected all eigenvalues > 0, i.e. X of full column rank or a positive penalty",
    );
  }
  return chol.solve(b);
}

/** Column vector from an array. */
export function column(values: readonly number[]): Matrix {
  return Matrix.columnVector([...values]);
}
