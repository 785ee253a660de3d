// Solving A X = B for symmetric positive definite A by its Cholesky factor A = L Lᵀ, on
// Float64Array rows: L_ij = (A_ij − Σ_{k<j} L_ik L_jk) / L_jj for i > j and
// L_jj = √(A_jj − Σ_{k<j} L_jk²); every sum is a dot product of two contiguous rows of L.
// Then L Z = B forward and Lᵀ X = Z backward. Only A's lower triangle is read.
import type { Matrix } from "ml-matrix";
import { newMatrix, rowsOf } from "./storage";

/** The lower-triangular factor L of A (n×n), or null when A is not positive definite. */
export function choleskyFactor(A: Matrix): Float64Array[] | null {
  const n = A.rows;
  const a = rowsOf(A);
  const L = Array.from({ length: n }, () => new Float64Array(n));
  for (let j = 0; j < n; j++) {
    const Lj = L[j];
    let diagonal = a[j][j];
    for (let k = 0; k < j; k++) diagonal -= Lj[k] * Lj[k];
    if (!(diagonal > 0)) return null;
    const pivot = Math.sqrt(diagonal);
    Lj[j] = pivot;
    for (let i = j + 1; i < n; i++) {
      const Li = L[i];
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= Li[k] * Lj[k];
      Li[j] = s / pivot;
    }
  }
  return L;
}

/** X with L Lᵀ X = B, for L from choleskyFactor and B n×m. */
export function choleskySolve(L: readonly Float64Array[], B: Matrix): Matrix {
  const [n, m] = [B.rows, B.columns];
  const { M: X, rows: x } = newMatrix(n, m);
  const b = rowsOf(B);
  for (let c = 0; c < m; c++) {
    // L z = b: z_i = (b_i − Σ_{k<i} L_ik z_k) / L_ii
    for (let i = 0; i < n; i++) {
      const Li = L[i];
      let s = b[i][c];
      for (let k = 0; k < i; k++) s -= Li[k] * x[k][c];
      x[i][c] = s / Li[i];
    }
    // Lᵀ x = z: x_i = (z_i − Σ_{k>i} L_ki x_k) / L_ii
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i][c];
      for (let k = i + 1; k < n; k++) s -= L[k][i] * x[k][c];
      x[i][c] = s / L[i][i];
    }
  }
  return X;
}
