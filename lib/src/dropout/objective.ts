// The dropout objective (2) of linear regression and its closed form (4).
// p is the KEEP probability: R_ij ~ Bernoulli(p), and training uses R ⊙ X with no rescaling.
//
// Why (4) holds: row i of (R ⊙ X)w is Σ_j R_ij X_ij w_j, with mean p (Xw)_i and variance
// Σ_j p(1−p) X_ij² w_j² (independent R_ij). E[(y_i − ·)²] = (y_i − p(Xw)_i)² + variance, and
// summing the variances over i gives p(1−p) Σ_j ‖X_{:,j}‖² w_j² = p(1−p)‖Γ̌w‖².
import { Matrix } from "ml-matrix";
import { requireInteger, requireBudget } from "../checks";
import { multiply, multiplyTransposeA } from "../dense/multiply";
import { rowsOf } from "../dense/storage";
import { trackProgress } from "../progress";
import type { Rng } from "../rng";
import { requireColumn, requireDesign, requireKeep } from "./inputs";
import { columnNormsOf, squaredNorm } from "./linalg";

function checkProblem(X: Matrix, y: Matrix, w: Matrix, p: number): void {
  requireDesign(X);
  requireColumn("y", y, X.rows);
  requireColumn("w", w, X.columns);
  requireKeep(p);
}

/** ‖Γ̌w‖² = Σ_j ‖X_{:,j}‖² w_j². */
function penalty(X: Matrix, w: Matrix): number {
  return columnNormsOf(X).reduce((s, norm, j) => s + norm ** 2 * w.get(j, 0) ** 2, 0);
}

/** Closed form (4): ‖y − pXw‖² + p(1−p)‖Γ̌w‖², the exact expectation (2). */
export function dropoutObjective(X: Matrix, y: Matrix, w: Matrix, p: number): number {
  checkProblem(X, y, w, p);
  const residual = Matrix.sub(y, multiply(X, w).mul(p));
  return squaredNorm(residual) + p * (1 - p) * penalty(X, w);
}

/**
 * Inverted dropout (PyTorch's convention: kept entries divided by p during training):
 * E‖y − (R ⊙ X)w/p‖² = ‖y − Xw‖² + ((1−p)/p)‖Γ̌w‖², already a Tikhonov problem in w.
 */
export function invertedDropoutObjective(X: Matrix, y: Matrix, w: Matrix, p: number): number {
  checkProblem(X, y, w, p);
  return squaredNorm(Matrix.sub(y, multiply(X, w))) + ((1 - p) / p) * penalty(X, w);
}

/** ∇(4) = −2p Xᵀ(y − pXw) + 2p(1−p) Γ̌² w. */
export function dropoutObjectiveGradient(X: Matrix, y: Matrix, w: Matrix, p: number): Matrix {
  checkProblem(X, y, w, p);
  const residual = Matrix.sub(y, multiply(X, w).mul(p));
  const grad = multiplyTransposeA(X, residual).mul(-2 * p);
  columnNormsOf(X).forEach((norm, j) => grad.set(j, 0, grad.get(j, 0) + 2 * p * (1 - p) * norm ** 2 * w.get(j, 0)));
  return grad;
}

export interface DropoutMonteCarloOptions {
  /** Divide kept entries by p (inverted dropout). Default false: the homework's convention. */
  inverted?: boolean;
}

export interface DropoutMonteCarloEstimate {
  /** Number of sampled masks R so far. */
  samples: number;
  /** Running mean of ‖y − (R ⊙ X)w‖² over those masks. */
  mean: number;
  /** Standard error of that mean: sample standard deviation / √samples (0 for one sample). */
  standardError: number;
}

/**
 * Running Monte Carlo estimates of (2), reported at each sample count in `checkpoints`
 * (strictly increasing integers ≥ 1). The error of the mean shrinks like 1/√N: plot
 * |mean − closed form| / closed form against N next to standardError / closed form.
 */
export function dropoutObjectiveEstimates(
  X: Matrix,
  y: Matrix,
  w: Matrix,
  p: number,
  checkpoints: readonly number[],
  rng: Rng,
  { inverted = false }: DropoutMonteCarloOptions = {},
): DropoutMonteCarloEstimate[] {
  checkProblem(X, y, w, p);
  if (checkpoints.length < 1) throw new RangeError("checkpoints = [] is invalid: expected at least one sample count");
  checkpoints.forEach((c, k) => requireInteger(`checkpoints[${k}]`, c, k === 0 ? 1 : checkpoints[k - 1] + 1));
  requireBudget("samples × n × d (the largest checkpoint)", checkpoints[checkpoints.length - 1] * X.rows * X.columns, "time");
  const scale = inverted ? 1 / p : 1;
  // terms[i][j] = X_ij w_j / (p if inverted): a mask only chooses which terms of each row survive.
  const weights = w.getColumn(0);
  const terms = rowsOf(X).map((row) => row.map((x, j) => x * weights[j] * scale));
  const targets = y.getColumn(0);
  const [n, d] = [X.rows, X.columns];
  const out: DropoutMonteCarloEstimate[] = [];
  let mean = 0;
  let m2 = 0; // Welford's running sum of squared deviations: stable for long runs
  let next = 0;
  const progress = trackProgress("dropoutObjectiveEstimates: masks", checkpoints[checkpoints.length - 1]);
  for (let s = 1; next < checkpoints.length; s++) {
    if ((s & 255) === 0) progress.tick(s);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const row = terms[i];
      let prediction = 0;
      // kept with probability p: +(u < p) is 1 or 0, so a multiply replaces a branch the CPU
      // cannot predict; for finite terms the sum is the same (adding 0 changes nothing)
      for (let j = 0; j < d; j++) prediction += row[j] * +(rng.uniform() < p);
      loss += (targets[i] - prediction) ** 2;
    }
    const delta = loss - mean;
    mean += delta / s;
    m2 += delta * (loss - mean);
    if (s === checkpoints[next]) {
      const standardError = s > 1 ? Math.sqrt(m2 / (s - 1) / s) : 0;
      out.push({ samples: s, mean, standardError });
      next++;
    }
  }
  progress.finish(checkpoints[checkpoints.length - 1]);
  return out;
}

/** The expectation (2) estimated by averaging ‖y − (R ⊙ X)w‖² over `samples` masks R. */
export function dropoutObjectiveMonteCarlo(
  X: Matrix,
  y: Matrix,
  w: Matrix,
  p: number,
  samples: number,
  rng: Rng,
  options: DropoutMonteCarloOptions = {},
): number {
  requireInteger("samples", samples, 1);
  requireBudget("samples × n × d", samples * X?.rows * X?.columns, "time");
  return dropoutObjectiveEstimates(X, y, w, p, [samples], rng, options)[0].mean;
}
