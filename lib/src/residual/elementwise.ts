// Entrywise maps that always return a new matrix. ml-matrix's instance methods overwrite
// their receiver, and its static copies go through a generator that dominates the run
// time of a training loop; these plain loops do neither.
import type { Matrix } from "ml-matrix";
import { flatOf, newMatrix, rowsOf, Scratch } from "../dense/storage";

const [leftScratch, rightScratch] = [new Scratch(), new Scratch()];

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

/** A − s·B, entry by entry (A and B of the same shape): an SGD step W − lr·dW, or A − B at s = 1. */
export function subtractScaled(A: Matrix, B: Matrix, s: number, names?: OperandNames): Matrix {
  requireSameShape(A, B, names);
  const { M: out, flat: c } = newMatrix(A.rows, A.columns);
  const a = flatOf(A, leftScratch), b = flatOf(B, rightScratch);
  for (let k = 0; k < c.length; k++) c[k] = a[k] - s * b[k];
  return out;
}

/** The columns of X listed in `index`, in that order (repeats allowed). */
export function selectColumns(X: Matrix, index: readonly number[]): Matrix {
  const { M: out, flat: c } = newMatrix(X.rows, index.length);
  const x = rowsOf(X);
  for (let i = 0, k = 0; i < x.length; i++) {
    const row = x[i];
    for (let j = 0; j < index.length; j++, k++) c[k] = row[index[j]];
  }
  return out;
}

/** A + B. */
export const addEntries = (A: Matrix, B: Matrix, names?: OperandNames): Matrix => zipEntries(A, B, (a, b) => a + b, names);

/** A ⊙ B, the entrywise (Hadamard) product. */
export const hadamard = (A: Matrix, B: Matrix, names?: OperandNames): Matrix => zipEntries(A, B, (a, b) => a * b, names);
