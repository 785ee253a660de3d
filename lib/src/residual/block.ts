// Problem 1(b)–(c): the single residual block of Figure 1 and its Jacobian,
// with the argument checks a notebook user needs (the stack modules skip them per layer).
import type { Matrix } from "ml-matrix";
import { requireBlock } from "./block-shape";
import { residualLayer } from "./residual-layer";

/** X1 = W2 · ReLU(W1 · X0) + X0 for a column (n×1) or a batch (n×B) X0. */
export function residualBlock(W1: Matrix, W2: Matrix, X0: Matrix): Matrix {
  requireBlock(W1, W2, X0);
  return residualLayer.forward({ W1, W2 }, X0, "relu").Y;
}

/**
 * ∂X1/∂X0 = I + W2 · D · W1, D = diag(1[W1 X0 > 0]), for X0 n×1. The branch alone,
 * W2 · D · W1, is `branchJacobian({ W1, W2 }, X0, "relu")` beside the layer.
 */
export function residualBlockJacobian(W1: Matrix, W2: Matrix, X0: Matrix): Matrix {
  requireBlock(W1, W2, X0, 1);
  return residualLayer.jacobian({ W1, W2 }, X0, "relu");
}
