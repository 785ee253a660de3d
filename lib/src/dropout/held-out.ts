// Does the penalty pay off? Fit on a training set, measure the mean squared error on fresh rows
// from the same model, for every keep probability p (dropout's p·w̌, problem 2(a)) and every ridge
// strength λ (plain ridge, and ridge on standardised features as batch norm would feed it).
//
// Held-out error of weights w (and intercept b) on m fresh rows: (1/m) Σ_i (y_i − x_iᵀw − b)².
// Its expectation over fresh rows is noise² + (w − w⋆)ᵀ Σ_x (w − w⋆): the noise floor plus the
// estimation error seen through the feature covariance. Regularization trades variance of w for
// bias; it pays when the variance is large (n close to d, much noise) and costs when it is not.
import { Matrix } from "ml-matrix";
import { fail, requireBudget, requireInteger } from "../checks";
import type { Rng } from "../rng";
import { makeRegressionData } from "./data";
import { requireColumn, requireDesign, requireKeep, requireLambda, requireNonzeroNorms } from "./inputs";
import { rowsOf } from "../dense/storage";
import { meanSquaredResidual, meanSquaredResiduals } from "./residuals";
import { addDiagonal, gram, solveSpd } from "./linalg";

export interface DataSet {
  X: Matrix;
  y: Matrix;
}

export interface HeldOutPoint {
  /** Keep probability p (dropout) or ridge strength λ. */
  setting: number;
  /** Mean squared error on the held-out rows. */
  error: number;
}

export interface HeldOutCurves {
  /** p = 1: least squares, no penalty. */
  leastSquares: number;
  /** p·w̌ for each keep probability. */
  dropout: HeldOutPoint[];
  /** (XᵀX + λI)⁻¹Xᵀy on the raw features, for each λ. */
  ridge: HeldOutPoint[];
  /** Ridge on features centred and scaled by the training set's statistics, for each λ (with intercept). */
  standardized: HeldOutPoint[];
}

export interface HeldOutGrids {
  /** Keep probabilities, each in (0, 1]. */
  ps: readonly number[];
  /** Ridge strengths, each > 0. */
  lambdas: readonly number[];
}

/** (1/m)‖y − Xw − b‖² on m rows. */
export function heldOutError(X: Matrix, y: Matrix, w: Matrix, intercept = 0): number {
  requireDesign(X);
  requireColumn("y", y, X.rows);
  requireColumn("w", w, X.columns);
  return meanSquaredResidual(rowsOf(X), y.getColumn(0), w.getColumn(0), intercept);
}

function checkSets(train: DataSet, test: DataSet): void {
  requireDesign(train.X, "train.X");
  requireColumn("train.y", train.y, train.X.rows);
  requireDesign(test.X, "test.X");
  requireColumn("test.y", test.y, test.X.rows);
  if (test.X.columns !== train.X.columns) fail("test.X.columns", test.X.columns, `${train.X.columns}, the features of train.X`);
}

function checkGrid(name: string, values: readonly number[], check: (v: number, name: string) => number): void {
  if (values.length < 1) throw new RangeError(`${name} = [] is invalid: expected at least one value`);
  values.forEach((v, k) => check(v, `${name}[${k}]`));
}

/**
 * Held-out error against p for dropout and against λ for ridge on raw and standardised features.
 * Every fit needs only the d×d Gram matrix and a d-vector of the training set, so they are formed
 * once and each setting costs one d×d solve:
 * - dropout: p·w̌ with w̌ = (p G + (1 − p) diag(G))⁻¹ Xᵀy, G = XᵀX (diag(G) = Γ̌²);
 * - ridge: (G + λI)⁻¹ Xᵀy;
 * - standardised: with centred columns X_c (means x̄), s_j² = (X_cᵀX_c)_jj / n and D = diag(s),
 *   w_z = (D⁻¹X_cᵀX_cD⁻¹ + λI)⁻¹ D⁻¹X_cᵀ(y − ȳ), reported as w = D⁻¹w_z with intercept ȳ − x̄ᵀw.
 */
export function heldOutCurves(train: DataSet, test: DataSet, { ps, lambdas }: HeldOutGrids): HeldOutCurves {
  checkSets(train, test);
  checkGrid("ps", ps, requireKeep);
  checkGrid("lambdas", lambdas, requireLambda);
  const { X, y } = train;
  const d = X.columns;
  const G = gram(X);
  const Xty = X.transpose().mmul(y);
  const squaredNorms = G.diag();
  requireNonzeroNorms(squaredNorms.map(Math.sqrt));
  const fit = (w: Matrix, b = 0) => ({ w: w.getColumn(0), b });
  const dropoutFit = (p: number) =>
    fit(solveSpd(addDiagonal(G, squaredNorms.map((s) => (1 - p) * s), p), Xty, "p XᵀX + (1 − p) Γ̌²").mul(p));

  const means = X.mean("column");
  const centred = X.clone().subRowVector(means);
  const Gc = gram(centred);
  const sds = Gc.diag().map((s) => Math.sqrt(s / X.rows));
  sds.forEach((sd, j) => {
    if (sd === 0) fail(`sd(train.X[:, ${j}])`, sd, "a non-constant column (it is divided by its standard deviation)");
  });
  const Gz = Matrix.from1DArray(d, d, Gc.to1DArray().map((v, k) => v / (sds[Math.floor(k / d)] * sds[k % d])));
  const bz = centred.transpose().mmul(Matrix.sub(y, Matrix.ones(y.rows, 1).mul(y.mean()))).divColumnVector(sds);
  const standardizedFit = (lambda: number) => {
    const w = solveSpd(addDiagonal(Gz, new Array(d).fill(lambda)), bz, "ZᵀZ + λI").divColumnVector(sds);
    return fit(w, y.mean() - means.reduce((s, m, j) => s + m * w.get(j, 0), 0));
  };
  const fits = [
    dropoutFit(1),
    ...ps.map(dropoutFit),
    ...lambdas.map((lambda) => fit(solveSpd(addDiagonal(G, new Array(d).fill(lambda)), Xty, "XᵀX + λI"))),
    ...lambdas.map(standardizedFit),
  ];
  const errors = meanSquaredResiduals(rowsOf(test.X), test.y.getColumn(0), fits);
  const curve = (settings: readonly number[], from: number) => settings.map((setting, k) => ({ setting, error: errors[from + k] }));
  return {
    leastSquares: errors[0],
    dropout: curve(ps, 1),
    ridge: curve(lambdas, 1 + ps.length),
    standardized: curve(lambdas, 1 + ps.length + lambdas.length),
  };
}

export interface HeldOutSummary {
  leastSquares: number;
  /** The grid point of lowest held-out error, for each method. */
  bestDropout: HeldOutPoint;
  bestRidge: HeldOutPoint;
  bestStandardized: HeldOutPoint;
  /** Keep probabilities p < 1 at which dropout's error exceeds least squares' (the penalty hurts). */
  hurting: number[];
  /** Relative change of the best dropout error against least squares, (best − LS)/LS (< 0: dropout helps). */
  bestGain: number;
}

const lowest = (points: readonly HeldOutPoint[]) => points.reduce((a, b) => (b.error < a.error ? b : a));

export function summarizeHeldOut(curves: HeldOutCurves): HeldOutSummary {
  const { leastSquares, dropout, ridge, standardized } = curves;
  if (dropout.length < 1 || ridge.length < 1 || standardized.length < 1) fail("curves", "an empty curve", "at least one point per method");
  const bestDropout = lowest(dropout);
  return {
    leastSquares,
    bestDropout,
    bestRidge: lowest(ridge),
    bestStandardized: lowest(standardized),
    hurting: dropout.filter((q) => q.setting < 1 && q.error > leastSquares).map((q) => q.setting),
    bestGain: (bestDropout.error - leastSquares) / leastSquares,
  };
}

/** The pointwise mean of curves measured on several training sets (same grids, same test set). */
export function averageCurves(list: readonly HeldOutCurves[]): HeldOutCurves {
  if (list.length < 1) throw new RangeError("curves = [] is invalid: expected at least one set of curves");
  const mean = (pick: (c: HeldOutCurves) => number) => list.reduce((s, c) => s + pick(c), 0) / list.length;
  const average = (key: "dropout" | "ridge" | "standardized") =>
    list[0][key].map((point, k) => {
      list.forEach((c, t) => {
        if (c[key][k]?.setting !== point.setting) fail(`curves[${t}].${key}[${k}].setting`, c[key][k]?.setting, `${point.setting}, the same grid for every set`);
      });
      return { setting: point.setting, error: mean((c) => c[key][k].error) };
    });
  return { leastSquares: mean((c) => c.leastSquares), dropout: average("dropout"), ridge: average("ridge"), standardized: average("standardized") };
}

export interface HeldOutExperimentOptions extends HeldOutGrids {
  n: number;
  d: number;
  scales: readonly number[];
  noise: number;
  /** Training sets drawn and fitted, ≥ 1: the curves are averaged over them. */
  trials: number;
  /** Held-out rows, ≥ 1. */
  nTest: number;
  /** The model's true weights (d×1); default: drawn with equal effects. */
  wTrue?: Matrix;
  rng: Rng;
}

/**
 * Draws nTest held-out rows and `trials` training sets of n rows from one model, fits every method
 * on each training set, and averages the held-out errors: the expected curve, not one draw's luck.
 */
export function heldOutExperiment({ n, d, scales, noise, trials, nTest, wTrue, rng, ps, lambdas }: HeldOutExperimentOptions) {
  requireInteger("trials", trials, 1);
  requireInteger("nTest", nTest, 1);
  requireBudget("trials × (ps + lambdas) × (n + nTest + d) × d²", trials * (ps?.length + lambdas?.length) * (n + nTest + d) * d * d, "time");
  checkGrid("ps", ps, requireKeep);
  checkGrid("lambdas", lambdas, requireLambda);
  const test = makeRegressionData({ n: nTest, d, scales, noise, equalEffects: true, wTrue, rng });
  const draw = () => makeRegressionData({ n, d, scales, noise, wTrue: test.wTrue, rng });
  const perTrial = Array.from({ length: trials }, () => heldOutCurves(draw(), test, { ps, lambdas }));
  const curves = averageCurves(perTrial);
  return { test, wTrue: test.wTrue, perTrial, curves, summary: summarizeHeldOut(curves) };
}
