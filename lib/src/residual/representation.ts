// How alike the examples of a batch look at one layer: X (n×B) holds one example per
// column. A deep plain net can map different inputs to nearly the same X_L (the columns
// line up, X_L drifts toward rank 1); then no read-out can tell the examples apart, whatever
// the gradients do. These measures make that visible layer by layer.
import { requireInterval, requireMatrix } from "../checks";
import { exp, log } from "../portable-math";
import type { Matrix } from "ml-matrix";
import { singularValues } from "./spectra";

/**
 * Mean cosine similarity over all pairs of distinct columns, cos(x_a, x_b) = x_aᵀx_b / (‖x_a‖‖x_b‖).
 * With unit columns x̂_b, ‖Σ_b x̂_b‖² = B + Σ_{a≠b} cos(x_a, x_b), so the mean over the
 * B(B − 1) ordered pairs is (‖Σ_b x̂_b‖² − B) / (B(B − 1)): O(nB) instead of O(nB²).
 * Columns equal to 0 have no direction: they are left out (a dead ReLU layer can zero an
 * example). NaN when fewer than two nonzero columns remain.
 */
export function meanCosine(X: Matrix): number {
  requireMatrix("X", X);
  const sum = new Float64Array(X.rows);
  let count = 0;
  for (let b = 0; b < X.columns; b++) {
    const x = X.getColumn(b);
    const norm = Math.hypot(...x);
    if (norm === 0) continue;
    count++;
    x.forEach((v, i) => (sum[i] += v / norm));
  }
  if (count < 2) return NaN;
  const total = sum.reduce((s, v) => s + v * v, 0);
  return (total - count) / (count * (count - 1));
}

/**
 * Effective rank exp(H(p)), p_i = σ_i / Σσ_j, H the Shannon entropy (Roy & Vetterli 2007):
 * k equal singular values give k, a rank-1 matrix gives 1, and it falls continuously as
 * the spectrum concentrates. 0 for the zero matrix.
 */
export function effectiveRank(X: Matrix): number {
  return spectrumShape(singularValues(requireMatrix("X", X))).effectiveRank;
}

/** σ₂/σ₁ of X: 0 for a rank-1 matrix, 1 when the two leading directions are equally strong. */
export function secondSingularRatio(X: Matrix): number {
  return spectrumShape(singularValues(requireMatrix("X", X))).sigmaRatio;
}

/** Both measures from one list of singular values (largest first), so a caller needs one SVD. */
export function spectrumShape(s: readonly number[]): { effectiveRank: number; sigmaRatio: number } {
  const sigmaRatio = s.length < 2 || s[0] === 0 ? 0 : s[1] / s[0];
  const total = s.reduce((a, b) => a + b, 0);
  if (total === 0) return { effectiveRank: 0, sigmaRatio };
  const entropy = s.reduce((h, si) => (si > 0 ? h - (si / total) * log(si / total) : h), 0);
  return { effectiveRank: exp(entropy), sigmaRatio };
}

/**
 * The wide-layer prediction for ReLU: if (u, v) are jointly Gaussian with equal variances
 * and correlation ρ, the cosine of (ReLU(u), ReLU(v)) in expectation is
 * f(ρ) = (√(1 − ρ²) + (π − arccos ρ) ρ) / π  (the arc-cosine kernel of degree 1, Cho & Saul 2009).
 * f(0) = 1/π, f(1) = 1 and f(ρ) > ρ for ρ < 1: iterating it drives every pair of examples
 * toward cosine 1 in a deep plain ReLU net with weights N(0, c²/n), whatever c.
 */
export function reluCosineMap(rho: number): number {
  requireInterval("rho", rho, -1, 1);
  return (Math.sqrt(1 - rho * rho) + (Math.PI - Math.acos(rho)) * rho) / Math.PI;
}
