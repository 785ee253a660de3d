// Entrywise maps that always return a new matrix. ml-matrix's instance methods overwrite
// their receiver, and its static copies go through a generator that dominates the run
// time of a training loop; these plain loops do neither.
import { Matrix } from "ml-matrix";

/** f(M_ij) for every entry. */
export function mapEntries(M: Matrix, f: (x: number) => number): Matrix {
  const out = new Matrix(M.rows, M.columns);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.columns; j++) out.set(i, j, f(M.get(i, j)));
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
  const out = new Matrix(A.rows, A.columns);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.columns; j++) out.set(i, j, f(A.get(i, j), B.get(i, j)));
  return out;
}

/** A + B. */
export const addEntries = (A: Matrix, B: Matrix, names?: OperandNames): Matrix => zipEntries(A, B, (a, b) => a + b, names);

/** A ⊙ B, the entrywise (Hadamard) product. */
export const hadamard = (A: Matrix, B: Matrix, names?: OperandNames): Matrix => zipEntries(A, B, (a, b) => a * b, names);
