// Matrix products on Float64Array rows, register-blocked: the kernel computes
// C_ij = Σ_p A_ip · Bt_jp (a row of A against a row of Bᵀ, both contiguous) for a 4×2 block
// of C at a time, so each pass over p loads 6 numbers and does 8 multiply-adds, all eight
// sums staying in registers. The three products a layer needs map onto it:
//   A·B   = kernel(A, Bᵀ)   (Bᵀ copied once into reused scratch: O(kn) against O(mkn))
//   Aᵀ·B  = kernel(Aᵀ, Bᵀ)
//   A·Bᵀ  = kernel(A, B)    (no copy at all)
// No argument checks here: callers check shapes once, outside their loops.
import type { Matrix } from "ml-matrix";
import { requireBudget } from "../checks";
import { newMatrix, rowsOf, Scratch, transposeInto } from "./storage";

/** The one check: the inner dimensions of the product must agree. */
function requireInner(what: string, left: number, right: number): void {
  if (left !== right) throw new RangeError(`${what}: inner dimensions ${left} and ${right} differ`);
}

const leftScratch = new Scratch();
const rightScratch = new Scratch();

/** C (m×n) = A (m×k, rows) times Btᵀ (Bt n×k, rows); writes every entry of C. */
export function dotKernel(C: Float64Array[], A: readonly Float64Array[], Bt: readonly Float64Array[], m: number, k: number, n: number): void {
  // Columns in panels of PANEL rows of Bt (PANEL·k numbers), so a panel stays in cache while every
  // block of A's rows passes over it; the order of each sum over p is unchanged.
  for (let j0 = 0; j0 < n; j0 += PANEL) panelKernel(C, A, Bt, m, k, j0, Math.min(n, j0 + PANEL));
}

const PANEL = 32;

/** Columns j0 … j1 − 1 of C = A Btᵀ. */
function panelKernel(C: Float64Array[], A: readonly Float64Array[], Bt: readonly Float64Array[], m: number, k: number, j0: number, n: number): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a0 = A[i], a1 = A[i + 1], a2 = A[i + 2], a3 = A[i + 3];
    const C0 = C[i], C1 = C[i + 1], C2 = C[i + 2], C3 = C[i + 3];
    let j = j0;
    for (; j + 1 < n; j += 2) {
      const u = Bt[j], v = Bt[j + 1];
      let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
      for (let p = 0; p < k; p++) {
        const up = u[p], vp = v[p];
        let x = a0[p]; c00 += x * up; c01 += x * vp;
        x = a1[p]; c10 += x * up; c11 += x * vp;
        x = a2[p]; c20 += x * up; c21 += x * vp;
        x = a3[p]; c30 += x * up; c31 += x * vp;
      }
      C0[j] = c00; C0[j + 1] = c01; C1[j] = c10; C1[j + 1] = c11;
      C2[j] = c20; C2[j + 1] = c21; C3[j] = c30; C3[j + 1] = c31;
    }
    if (j < n) {
      const u = Bt[j];
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let p = 0; p < k; p++) {
        const up = u[p];
        c0 += a0[p] * up; c1 += a1[p] * up; c2 += a2[p] * up; c3 += a3[p] * up;
      }
      C0[j] = c0; C1[j] = c1; C2[j] = c2; C3[j] = c3;
    }
  }
  for (; i < m; i++) {
    const a = A[i], Ci = C[i];
    for (let j = j0; j < n; j++) {
      const u = Bt[j];
      let c = 0;
      for (let p = 0; p < k; p++) c += a[p] * u[p];
      Ci[j] = c;
    }
  }
}

/** Mᵀ's rows, written into `scratch` (valid until that scratch's next use). */
function transposed(scratch: Scratch, M: Matrix): Float64Array[] {
  const rows = scratch.take(M.columns, M.rows);
  transposeInto(rowsOf(M), rows, M.rows, M.columns);
  return rows;
}

/** A·B for A m×k and B k×n (ml-matrix's A.mmul(B), register-blocked). */
export function multiply(A: Matrix, B: Matrix): Matrix {
  requireInner("A·B", A.columns, B.rows);
  requireBudget("m × k × n (A·B)", A.rows * A.columns * B.columns, "time");
  const { M, rows } = newMatrix(A.rows, B.columns);
  dotKernel(rows, rowsOf(A), transposed(rightScratch, B), A.rows, A.columns, B.columns);
  return M;
}

/** Aᵀ·B for A k×m and B k×n, without forming Aᵀ as a Matrix. */
export function multiplyTransposeA(A: Matrix, B: Matrix): Matrix {
  requireInner("Aᵀ·B", A.rows, B.rows);
  requireBudget("m × k × n (Aᵀ·B)", A.columns * A.rows * B.columns, "time");
  const { M, rows } = newMatrix(A.columns, B.columns);
  dotKernel(rows, transposed(leftScratch, A), transposed(rightScratch, B), A.columns, A.rows, B.columns);
  return M;
}

/** A·Bᵀ for A m×k and B n×k: both operands are read as stored. */
export function multiplyTransposeB(A: Matrix, B: Matrix): Matrix {
  requireInner("A·Bᵀ", A.columns, B.columns);
  requireBudget("m × k × n (A·Bᵀ)", A.rows * A.columns * B.rows, "time");
  const { M, rows } = newMatrix(A.rows, B.rows);
  dotKernel(rows, rowsOf(A), rowsOf(B), A.rows, A.columns, B.rows);
  return M;
}

/** AᵀA for A k×m (a Gram matrix): one transposed copy serves as both operands. */
export function gramMatrix(A: Matrix): Matrix {
  requireBudget("m × k × m (AᵀA)", A.columns * A.rows * A.columns, "time");
  const { M, rows } = newMatrix(A.columns, A.columns);
  const At = transposed(leftScratch, A);
  dotKernel(rows, At, At, A.columns, A.rows, A.columns);
  return M;
}
