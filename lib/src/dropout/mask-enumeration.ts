// The expectation (2) computed exactly, by listing every mask instead of sampling them.
//
// The loss is a sum over rows, ‖y − (R ⊙ X)w‖² = Σ_i (y_i − (r_i ⊙ x_i)ᵀw)², so its expectation is
// the sum of each row's expectation (linearity; no independence needed). Row i has 2^d masks
// r ∈ {0,1}^d, mask r having probability p^{|r|}(1−p)^{d−|r|} with |r| the number of kept entries:
//   E‖y − (R ⊙ X)w‖² = Σ_i Σ_r p^{|r|}(1−p)^{d−|r|} (y_i − Σ_j r_j X_ij w_j)².
// That is n·2^d terms, exact up to rounding: a check of (4) with no sampling error at all.
import type { Matrix } from "ml-matrix";
import { requireInteger } from "../checks";
import { requireColumn, requireDesign, requireKeep } from "./inputs";

/** Largest d enumerated: 2^20 masks per row is about a million terms. */
export const MAX_ENUMERATED_FEATURES = 20;

export interface MaskEnumerationOptions {
  /** Divide kept entries by p (inverted dropout). Default false. */
  inverted?: boolean;
}

/** The masks of one row as bit patterns 0 … 2^d − 1 (bit j set = feature j kept) with their probabilities. */
export function maskProbabilities(d: number, p: number): { bits: number; kept: number; probability: number }[] {
  requireInteger("d", d, 1, MAX_ENUMERATED_FEATURES);
  requireKeep(p);
  return Array.from({ length: 2 ** d }, (_, bits) => {
    let kept = 0;
    for (let j = 0; j < d; j++) kept += (bits >> j) & 1;
    return { bits, kept, probability: p ** kept * (1 - p) ** (d - kept) };
  });
}

/** E over the 2^d masks r of row i of (y_i − (r ⊙ x_i)ᵀw)², for every row i. */
export function rowExpectations(X: Matrix, y: Matrix, w: Matrix, p: number, { inverted = false }: MaskEnumerationOptions = {}): number[] {
  requireDesign(X);
  requireColumn("y", y, X.rows);
  requireColumn("w", w, X.columns);
  const masks = maskProbabilities(X.columns, p);
  const scale = inverted ? 1 / p : 1;
  const weights = w.getColumn(0);
  return X.to2DArray().map((row, i) => {
    const terms = row.map((x, j) => x * weights[j] * scale);
    let expectation = 0;
    for (const { bits, probability } of masks) {
      let prediction = 0;
      for (let j = 0; j < terms.length; j++) if ((bits >> j) & 1) prediction += terms[j];
      expectation += probability * (y.get(i, 0) - prediction) ** 2;
    }
    return expectation;
  });
}

/** The expectation (2), E_R‖y − (R ⊙ X)w‖², summed exactly over every row's 2^d masks. */
export function dropoutObjectiveExact(X: Matrix, y: Matrix, w: Matrix, p: number, options: MaskEnumerationOptions = {}): number {
  return rowExpectations(X, y, w, p, options).reduce((s, v) => s + v, 0);
}

/**
 * The mean prediction of one row over its 2^d masks, Σ_r P(r) (r ⊙ x)ᵀw: it equals p·xᵀw, which
 * is why a network trained on masked inputs predicts with the weights p·w at test time.
 */
export function meanMaskedPrediction(x: readonly number[], w: Matrix, p: number): number {
  requireColumn("w", w, x.length);
  const weights = w.getColumn(0);
  let mean = 0;
  for (const { bits, probability } of maskProbabilities(x.length, p)) {
    let prediction = 0;
    x.forEach((v, j) => {
      if ((bits >> j) & 1) prediction += v * weights[j];
    });
    mean += probability * prediction;
  }
  return mean;
}
