// The argument check every function of one Figure-1 block shares (the block, its Jacobian,
// the branch Jacobian): the stack modules skip it per layer, a notebook user needs it.
import type { Matrix } from "ml-matrix";
import { requireMatrix } from "../checks";

/**
 * W1, W2 must be n×n and X0 n×B (B = 1 for a single vector), all finite. When the two
 * weights agree on n, a mismatch is X0's fault and the message says so; otherwise X0's
 * row count sets n and the first weight that differs is named.
 */
export function requireBlock(W1: Matrix, W2: Matrix, X0: Matrix, columns?: number): void {
  requireMatrix("X0", X0, undefined, columns);
  requireMatrix("W1", W1);
  requireMatrix("W2", W2);
  const n = W1.rows;
  const weightsAgree = W1.columns === n && W2.rows === n && W2.columns === n;
  if (weightsAgree && X0.rows !== n) {
    throw new RangeError(`X0 has ${X0.rows} rows: expected ${n}, the size of W1 and W2`);
  }
  requireMatrix("W1", W1, X0.rows, X0.rows);
  requireMatrix("W2", W2, X0.rows, X0.rows);
}

