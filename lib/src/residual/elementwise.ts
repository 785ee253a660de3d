// Entrywise maps that always return a new matrix. ml-matrix's instance methods overwrite
// their receiver, and its static copies go through a generator that dominates the run
// time of a training loop; these plain loops do neither.
import type { Matrix } from "ml-matrix";
import { newMatrix, rowsOf } from "../dense/storage";

/** f(M_ij) for every entry. */
export function mapEntries(M: Matrix, f: (x: number) => number): Matrix {
  const { M: out, rows } = newMatrix(M.rows, M.columns);
  const src = rowsOf(M);
  for (let i = 0; i < rows.length; i++) {
    const x = src[i], y = rows[i];
    for (let j = 0; j < y.length; j++) y[j] = f(x[j]);
  }
  return out;
}

/** The names a shape mismatch reports, the caller's own for A and B. */
export type OperandNames = readonly [a: string, b: string];

/** Throws unless B has A's shape, naming B and A as `names` says. */
export function requireSameShape(A: Matrix, B: Matrix, [a, b]: OperandNames = ["A", "B"]): void {
  if (A.rows !== B.rows || A.columns !== B.columns) {
    throw new RangeError(`${b} has shape ${B.rows}×${B.columns}: expected ${A.rows}×${A.columns} like ${a}`);
  }
}

/** f(A_ij, B_ij) for every entry; A and B must have the same shape. */
export function zipEntries(A: Matrix, B: Matrix, f: (a: number, b: number) => number, names?: OperandNames): Matrix {
  requireSameShape(A, B, names);
  const { M: out, rows } = newMatrix(A.rows, A.columns);
  const a = rowsOf(A), b = rowsOf(B);
  for (let i = 0; i < rows.length; i++) {
    const x = a[i], y = b[i], z = rows[i];
    for (let j = 0; j < z.length; j++) z[j] = f(x[j], y[j]);
  }
  return out;
}

/** A + B. */
export const addEntries = (A: Matrix, B: Matrix, names?: OperandNames): Matrix => zipEntries(A, B, (a, b) => a + b, names);

/** A ⊙ B, the entrywise (Hadamard) product. */
export const hadamard = (A: Matrix, B: Matrix, names?: OperandNames): Matrix => zipEntries(A, B, (a, b) => a * b, names);
