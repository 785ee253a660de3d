// How close dropoutSgd's Polyak average gets to its target after T steps, predicted from X, y
// and the run's settings, so that a check of an SGD run can use a tolerance the run can meet.
//
// One step of dropoutSgd is w ← w − ηP g, where g = −(2/B) Σ_b e_b x̃_b is affine in w. With
// x̃ = s·(r ⊙ x) (s = 1/p for inverted dropout, else 1) and rows drawn uniformly:
//   E[g | w] = H (w − w*),   H = (2/n) Σ_i E_r[x̃_i x̃_iᵀ] = (2s²/n) (p² XᵀX + p(1−p) Γ̌²),
// and w* is the target (w̌* for real masks, p·w̌* for inverted ones), where E[g] = 0.
//
// Bias. Taking expectations, E[w_t] − w* = (I − M)^t (w_0 − w*) exactly, with M = ηPH, so the
// average w̄_T = (1/T) Σ_{t=1..T} w_t has mean
//   E[w̄_T] − w* = (1/T) Σ_{t=1..T} (I − M)^t (w_0 − w*) = (1/T) M⁻¹ (I − M) (I − (I − M)^T) (w_0 − w*).
// It falls like 1/T: the start w_0 is forgotten, but the average remembers the early iterates.
//
// Spread. The gradient noise at w* has covariance S/B, S = E[g gᵀ] for one row. For a constant
// step, √T (w̄_T − E w̄_T) tends to N(0, H⁻¹ S H⁻¹ / B) (Polyak & Juditsky 1992, Theorem 2;
// Bach & Moulines 2013 for least squares), whatever η and P are: the spread falls like 1/√T.
// S is exact, not sampled: with c_k = s x_k w*_k, m = y − p Σ_k c_k and v = p(1−p) Σ_k c_k²,
// conditioning on r_a = r_b = 1 (K = {a, b}, probability p^|K|) leaves the other r_k free, so
//   E[r_a r_b e²] = p^|K| [(m − (1−p) Σ_{k∈K} c_k)² + v − p(1−p) Σ_{k∈K} c_k²],
//   S_ab = (4 s²/n) Σ_i x_ia x_ib E[r_a r_b e_i²].
//
// Both are reported as the notebook's error ‖Γ̌(·)‖ / ‖Γ̌w*‖, and rms = √(bias² + spread²) is the
// predicted root mean square of ‖Γ̌(w̄_T − w*)‖ / ‖Γ̌w*‖ (mean and fluctuation add in squares).
// The inverted run is the real-mask run with u = p·w (η shrinks by p², g grows by 1/p): the same
// relative errors.
import { Matrix, solve } from "ml-matrix";
import { failDescribed, requireInteger, requireInterval, requireOneOf } from "../checks";
import { requireColumn, requireDesign, requireKeep, requireNonzeroNorms } from "./inputs";
import { columnNormsOf, gram } from "./linalg";
import { sgdStepGeometry, type SgdPreconditioner } from "./sgd";
import { dropoutSolution } from "./solutions";

export interface PolyakErrorOptions {
  /** Keep probability, 0 < p ≤ 1. */
  p: number;
  /** Divide kept entries by p (inverted dropout). Default false. */
  inverted?: boolean;
  /** Rows per step. Default 1. */
  batchSize?: number;
  /** As in dropoutSgd. Default 1/8. */
  stepScale?: number;
  /** As in dropoutSgd. Default "column-norms". */
  precondition?: SgdPreconditioner;
  /** Starting weights, d×1. Default 0. */
  w0?: Matrix;
}

export interface PolyakErrorPoint {
  steps: number;
  /** ‖Γ̌(E[w̄_T] − w*)‖ / ‖Γ̌w*‖: what the start leaves in the average. */
  bias: number;
  /** √tr(Γ̌ H⁻¹SH⁻¹ Γ̌ / (B T)) / ‖Γ̌w*‖: the random part, asymptotically. */
  spread: number;
  /** √(bias² + spread²). */
  rms: number;
}

/** H = (2s²/n)(p² XᵀX + p(1−p) Γ̌²), the Hessian of one step's expected loss. */
export function sgdHessian(X: Matrix, p: number, scale = 1): Matrix {
  const H = gram(X).mul(p * p);
  columnNormsOf(X).forEach((norm, j) => H.set(j, j, H.get(j, j) + p * (1 - p) * norm ** 2));
  return H.mul((2 * scale * scale) / X.rows);
}

/** S = E[g gᵀ] at w for one row and one mask, exact (formula in the module comment). */
export function sgdGradientCovariance(X: Matrix, y: Matrix, w: Matrix, p: number, scale = 1): Matrix {
  const d = X.columns;
  const weights = w.getColumn(0);
  const S = new Array(d).fill(0).map(() => new Array<number>(d).fill(0));
  const ys = y.getColumn(0);
  X.to2DArray().forEach((row, i) => {
    const c = row.map((x, k) => scale * x * weights[k]);
    const m = ys[i] - p * c.reduce((sum, v) => sum + v, 0);
    const v = p * (1 - p) * c.reduce((sum, ck) => sum + ck * ck, 0);
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        const inK = a === b ? c[a] : c[a] + c[b];
        const inK2 = a === b ? c[a] ** 2 : c[a] ** 2 + c[b] ** 2;
        const moment = p ** (a === b ? 1 : 2) * ((m - (1 - p) * inK) ** 2 + v - p * (1 - p) * inK2);
        S[a][b] += row[a] * row[b] * moment;
      }
    }
  });
  const factor = (4 * scale * scale) / X.rows;
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) S[a][b] = S[b][a];
  return new Matrix(S).mul(factor);
}

function matrixPower(A: Matrix, exponent: number): Matrix {
  let result = Matrix.eye(A.rows);
  let base = A.clone();
  for (let k = exponent; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result = result.mmul(base);
    base = base.mmul(base);
  }
  return result;
}

/** Predicted bias, spread and rms error of dropoutSgd's Polyak average after each count in `steps`. */
export function predictPolyakError(X: Matrix, y: Matrix, options: PolyakErrorOptions, steps: readonly number[]): PolyakErrorPoint[] {
  const { p, inverted = false, batchSize = 1, stepScale = 1 / 8, precondition = "column-norms", w0 } = options;
  requireDesign(X);
  requireColumn("y", y, X.rows);
  requireKeep(p);
  requireInteger("batchSize", batchSize, 1, X.rows);
  requireInterval("stepScale", stepScale, 0, 1, "(]");
  requireOneOf("precondition", precondition, ["column-norms", "none"]);
  if (w0 !== undefined) requireColumn("w0", w0, X.columns);
  steps.forEach((t, k) => requireInteger(`steps[${k}]`, t, 1));
  const norms = requireNonzeroNorms(columnNormsOf(X));
  const d = X.columns;
  const { scale, P, stepSize } = sgdStepGeometry(X, p, { inverted, stepScale, precondition });
  const target = Matrix.mul(dropoutSolution(X, y, p), inverted ? p : 1);
  const H = sgdHessian(X, p, scale);
  const S = sgdGradientCovariance(X, y, target, p, scale);
  const HinvS = solve(H, S);
  const covariance = solve(H, HinvS.transpose()).div(batchSize);  // H⁻¹ S H⁻¹ / B (S, H symmetric)
  const scaledTrace = norms.reduce((sum, norm, j) => sum + norm ** 2 * covariance.get(j, j), 0);
  const M = Matrix.diag(P).mmul(H).mul(stepSize);
  const A = Matrix.sub(Matrix.eye(d), M);
  const start = Matrix.sub(w0 ?? Matrix.zeros(d, 1), target);
  const size = Math.hypot(...norms.map((norm, j) => norm * target.get(j, 0)));
  if (size === 0) failDescribed("y", "a target w* = 0", "data whose dropout solution is nonzero (‖Γ̌w*‖ > 0)");
  const scaledNorm = (v: Matrix) => Math.hypot(...norms.map((norm, j) => norm * v.get(j, 0))) / size;
  return steps.map((T) => {
    const remaining = Matrix.sub(Matrix.eye(d), matrixPower(A, T)).mmul(start);  // (I − (I − M)^T)(w_0 − w*)
    const bias = scaledNorm(solve(M, A.mmul(remaining)).div(T));
    const spread = Math.sqrt(scaledTrace / T) / size;
    return { steps: T, bias, spread, rms: Math.hypot(bias, spread) };
  });
}
