// Small linear-algebra helpers on ml-matrix that never mutate their arguments (ml-matrix's
// instance methods do: every chain here starts from a copy or a freshly built matrix).
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { choleskyFactor, choleskySolve } from "../dense/cholesky";
import { flatOf, newMatrix, rowsOf, Scratch, sumOfSquares } from "../dense/storage";

const scratch = new Scratch();

/** Euclidean norm of every column: ‖X_{:,j}‖ = √(Σ_i X_ij²). */
export function columnNormsOf(X: Matrix): number[] {
  const sums = new Float64Array(X.columns);
  for (const row of rowsOf(X)) for (let j = 0; j < row.length; j++) sums[j] += row[j] * row[j];
  return Array.from(sums, Math.sqrt);
}

/** ‖v‖² of a matrix seen as a flat vector. */
export function squaredNorm(v: Matrix): number {
  return sumOfSquares(v);
}

/** AᵀA, exactly symmetric (gramMatrix copies its lower triangle into the upper one). */
export { gramMatrix as gram } from "../dense/multiply";

/** s·A + diag(values), a new matrix (s·A_jj first, then + values_j, as A.clone().mul(s) then adding would). */
export function addDiagonal(A: Matrix, values: readonly number[], s = 1): Matrix {
  const { M: B, flat: b } = newMatrix(A.rows, A.columns);
  const a = flatOf(A, scratch);
  for (let k = 0; k < b.length; k++) b[k] = s * a[k];
  values.forEach((v, j) => (b[j * A.columns + j] += v));
  return B;
}

/**
 * Solves A x = b for symmetric positive definite A by Cholesky (A = L Lᵀ, two triangular solves):
 * no inverse is ever formed. A singular A (e.g. a rank-deficient X with no penalty) is a RangeError.
 */
export function solveSpd(A: Matrix, b: Matrix, what: string): Matrix {
  const L = choleskyFactor(A);
  if (L === null) {
    // Only on failure: the smallest eigenvalue says how far from positive definite A is.
    const smallest = Math.min(...new EigenvalueDecomposition(A, { assumeSymmetric: true }).realEigenvalues);
    throw new RangeError(
      `${what} is singular (${A.rows}×${A.columns}, smallest eigenvalue ${Number(smallest.toPrecision(3))}): ` +
        "expected all eigenvalues > 0, i.e. X of full column rank or a positive penalty",
    );
  }
  return choleskySolve(L, b);
}

/** Column vector from an array. */
export function column(values: readonly number[]): Matrix {
  return Matrix.columnVector([...values]);
}
