// Problem 1(b)–(c): the single residual block of Figure 1 and its Jacobian,
// with the argument checks a notebook user needs (the stack modules skip them per layer).
import type { Matrix } from "ml-matrix";
import { requireMatrix } from "../checks";
import { branchJacobian, residualLayer } from "./residual-layer";

/**
 * W1, W2 must be n×n and X0 n×B (B = 1 for a single vector), all finite. When the two
 * weights agree on n, a mismatch is X0's fault and the message says so; otherwise X0's
 * row count sets n and the first weight that differs is named.
 */
function requireBlock(W1: Matrix, W2: Matrix, X0: Matrix, columns?: number): void {
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

/** X1 = W2 · ReLU(W1 · X0) + X0 for a column (n×1) or a batch (n×B) X0. */
export function residualBlock(W1: Matrix, W2: Matrix, X0: Matrix): Matrix {
  requireBlock(W1, W2, X0);
  return residualLayer.forward({ W1, W2 }, X0, "relu").Y;
}

/**
 * The plain branch's Jacobian W2 · D · W1 with D = diag(1[W1 X0 > 0]), X0 n×1
 * (the Jacobian of X0 ↦ W2 ReLU(W1 X0), i.e. the block without its skip).
 */
export function plainBlockJacobian(W1: Matrix, W2: Matrix, X0: Matrix): Matrix {
  requireBlock(W1, W2, X0, 1);
  return branchJacobian({ W1, W2 }, X0, "relu");
}

/** ∂X1/∂X0 = I + W2 · D · W1, D = diag(1[W1 X0 > 0]), for X0 n×1. */
export function residualBlockJacobian(W1: Matrix, W2: Matrix, X0: Matrix): Matrix {
  requireBlock(W1, W2, X0, 1);
  return residualLayer.jacobian({ W1, W2 }, X0, "relu");
}
