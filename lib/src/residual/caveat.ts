// The honest caveat to "the residual Jacobian is at least I": it is not. With A = W2 D W1,
// the block Jacobian is I + A, and A = −I makes it exactly 0. What does hold is Weyl's
// inequality for singular values: σ_min(I + A) ≥ σ_min(I) − σ_max(A) = 1 − ‖A‖₂, so a
// residual branch with ‖A‖₂ < 1 cannot kill the gradient.
import { Matrix, inverse } from "ml-matrix";
import { requireInteger, requireMatrix, requireBudget } from "../checks";
import type { Rng } from "../rng";
import { singularValues, spectralNorm } from "./spectra";

/**
 * Weights and an input with W2 · D · W1 = −I exactly (up to rounding), so the block's
 * Jacobian I + W2 D W1 is the zero matrix and the block maps x0 to 0.
 * Construction: W1 random (invertible almost surely), x0 = W1⁻¹ u with u > 0 so every
 * unit is active (D = I), and W2 = −W1⁻¹.
 */
export function negativeIdentityBranch(width: number, rng: Rng): { W1: Matrix; W2: Matrix; X0: Matrix } {
  requireInteger("width", width, 1);
  requireBudget("width³ (the inverse)", width ** 3, "time");
  const W1 = rng.normalMatrix(width, width, 1 / Math.sqrt(width));
  const W1inv = inverse(W1);
  const u = rng.uniformMatrix(width, 1, 0.5, 1.5);
  return { W1, W2: Matrix.mul(W1inv, -1), X0: W1inv.mmul(u) };
}

/** σ_min(I + A) next to its lower bound 1 − ‖A‖₂ (A square). */
export function sigmaMinBound(A: Matrix): { sigmaMin: number; bound: number; normA: number } {
  requireMatrix("A", A, A.rows, A.rows);
  const normA = spectralNorm(A);
  const s = singularValues(Matrix.add(Matrix.eye(A.rows), A));
  return { sigmaMin: s[s.length - 1], bound: 1 - normA, normA };
}
