// Matrix products on flat Float64Array storage, register-blocked: one kernel computes
// C_ij = Σ_p A(i, p) · B(p, j) for a 4×2 block of C at a time, so each step of p loads 6
// numbers and does 8 multiply-adds, all eight sums staying in registers. Each operand is read
// through strides (entry (i, p) of A at i·ai + p·ap), so a transposed operand is the same
// storage read the other way round and no product copies its inputs:
//   A·B   (A m×k, B k×n):  A(i, p) = a[i·k + p],  B(p, j) = b[p·n + j]
//   Aᵀ·B  (A k×m, B k×n):  A(i, p) = a[p·m + i],  B(p, j) = b[p·n + j]
//   A·Bᵀ  (A m×k, B n×k):  A(i, p) = a[i·k + p],  B(p, j) = b[j·k + p]
// Every sum runs p = 0, 1, …, k − 1 from 0, as ml-matrix's mmul does, so results are
// bit-identical to it. No argument checks inside: callers check shapes once, outside loops.
// Where the engine runs WebAssembly SIMD (Node, current browsers), products of 512
// multiply-adds or more go to the SIMD kernel (simd.ts), which computes the same sums in the
// same order two columns at a time; smaller ones cost less than its copies in and out.
import type { Matrix } from "ml-matrix";
import { requireBudget, requireOneOf } from "../checks";
import { simdProduct } from "./simd";
import { flatOf, newMatrix, Scratch } from "./storage";

/** The one check: the inner dimensions of the product must agree. */
function requireInner(what: string, left: number, right: number): void {
  if (left !== right) throw new RangeError(`${what}: inner dimensions ${left} and ${right} differ`);
}

const leftScratch = new Scratch();
const rightScratch = new Scratch();

/**
 * C (m×n, row-major) = A·B with A(i, p) = a[i·ai + p·ap] and B(p, j) = b[p·bp + j·bj];
 * writes every entry of C.
 */
export function stridedProduct(
  c: Float64Array,
  a: Float64Array, ai: number, ap: number,
  b: Float64Array, bp: number, bj: number,
  m: number, k: number, n: number,
): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a0 = i * ai, a1 = a0 + ai, a2 = a1 + ai, a3 = a2 + ai;
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
      for (let p = 0, o = 0, u = j * bj, v = u + bj; p < k; p++, o += ap, u += bp, v += bp) {
        const bu = b[u], bv = b[v];
        let x = a[a0 + o]; c00 += x * bu; c01 += x * bv;
        x = a[a1 + o]; c10 += x * bu; c11 += x * bv;
        x = a[a2 + o]; c20 += x * bu; c21 += x * bv;
        x = a[a3 + o]; c30 += x * bu; c31 += x * bv;
      }
      c[c0 + j] = c00; c[c0 + j + 1] = c01; c[c1 + j] = c10; c[c1 + j + 1] = c11;
      c[c2 + j] = c20; c[c2 + j + 1] = c21; c[c3 + j] = c30; c[c3 + j + 1] = c31;
    }
    if (j < n) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0, o = 0, u = j * bj; p < k; p++, o += ap, u += bp) {
        const bu = b[u];
        s0 += a[a0 + o] * bu; s1 += a[a1 + o] * bu; s2 += a[a2 + o] * bu; s3 += a[a3 + o] * bu;
      }
      c[c0 + j] = s0; c[c1 + j] = s1; c[c2 + j] = s2; c[c3 + j] = s3;
    }
  }
  for (; i < m; i++) {
    const ar = i * ai;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0, o = ar, u = j * bj; p < k; p++, o += ap, u += bp) s += a[o] * b[u];
      c[i * n + j] = s;
    }
  }
}

export type ProductKernel = "simd" | "typescript";
export const PRODUCT_KERNELS: readonly ProductKernel[] = ["simd", "typescript"];
const SIMD_FROM = 512;
let kernel: ProductKernel = "simd";

/**
 * Selects the kernel of the larger products ("simd", the default, falls back to "typescript"
 * where there is no SIMD) and returns the previous choice. Results are the same either way;
 * the benchmark times both.
 */
export function useProductKernel(choice: ProductKernel): ProductKernel {
  const previous = kernel;
  kernel = requireOneOf("kernel", choice, PRODUCT_KERNELS);
  return previous;
}

/**
 * stridedProduct's call, on the SIMD kernel when it is chosen, available and worth its copies.
 * `lowerOnly` (a symmetric C): the SIMD kernel may leave entries above the diagonal unwritten.
 */
function product(
  c: Float64Array,
  a: Float64Array, ai: number, ap: number,
  b: Float64Array, bp: number, bj: number,
  m: number, k: number, n: number,
  lowerOnly = false,
): void {
  const simd = kernel === "simd" && n >= 2 && m * k * n >= SIMD_FROM;
  if (!(simd && simdProduct(c, a, ai, ap, b, bp, bj, m, k, n, lowerOnly))) stridedProduct(c, a, ai, ap, b, bp, bj, m, k, n);
}

/** A·B for A m×k and B k×n (ml-matrix's A.mmul(B), register-blocked). */
export function multiply(A: Matrix, B: Matrix): Matrix {
  requireInner("A·B", A.columns, B.rows);
  const [m, k, n] = [A.rows, A.columns, B.columns];
  requireBudget("m × k × n (A·B)", m * k * n, "time");
  const { M, flat } = newMatrix(m, n);
  product(flat, flatOf(A, leftScratch), k, 1, flatOf(B, rightScratch), n, 1, m, k, n);
  return M;
}

/** Aᵀ·B for A k×m and B k×n, without forming Aᵀ. */
export function multiplyTransposeA(A: Matrix, B: Matrix): Matrix {
  requireInner("Aᵀ·B", A.rows, B.rows);
  const [m, k, n] = [A.columns, A.rows, B.columns];
  requireBudget("m × k × n (Aᵀ·B)", m * k * n, "time");
  const { M, flat } = newMatrix(m, n);
  product(flat, flatOf(A, leftScratch), 1, m, flatOf(B, rightScratch), n, 1, m, k, n);
  return M;
}

/** A·Bᵀ for A m×k and B n×k, without forming Bᵀ. */
export function multiplyTransposeB(A: Matrix, B: Matrix): Matrix {
  requireInner("A·Bᵀ", A.columns, B.columns);
  const [m, k, n] = [A.rows, A.columns, B.rows];
  requireBudget("m × k × n (A·Bᵀ)", m * k * n, "time");
  const { M, flat } = newMatrix(m, n);
  product(flat, flatOf(A, leftScratch), k, 1, flatOf(B, rightScratch), 1, k, m, k, n);
  return M;
}

/**
 * AᵀA for A k×m (a Gram matrix), exactly symmetric: both operands are A's storage. Entry
 * (j, i) is the sum of entry (i, j) with each product's factors swapped, the same number, so
 * only the lower triangle is needed and it is copied into the upper one.
 */
export function gramMatrix(A: Matrix): Matrix {
  const [m, k] = [A.columns, A.rows];
  requireBudget("m × k × m (AᵀA)", m * k * m, "time");
  const { M, flat } = newMatrix(m, m);
  const a = flatOf(A, leftScratch);
  product(flat, a, 1, m, a, m, 1, m, k, m, true);
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) flat[j * m + i] = flat[i * m + j];
  return M;
}
