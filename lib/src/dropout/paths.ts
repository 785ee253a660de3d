// Coefficient paths, as rows ready for a vega-lite chart (one row per setting × feature).
//
// - dropout: the rescaled solution p·w̌ as p falls from 1 (least squares) towards 0. Since p·w̌
//   solves ridge on the column-normalised features X_{:,j}/‖X_{:,j}‖ with λ = (1−p)/p, each row also
//   carries that λ, so the dropout and ridge paths can share an axis.
// - ridge: (XᵀX + λI)⁻¹Xᵀy as λ grows; one λ for every feature, so large-scale features are barely
//   shrunk while small-scale ones are crushed.
// - standardized ridge: what batch normalisation's standardisation does before the penalty: centre
//   each column and y, divide each column by its standard deviation s_j, fit ridge with λ, and report
//   the coefficients on the original scale, w_j = w̃_j / s_j (the intercept is not reported).
//   Unit-variance columns have norm √n, so this matches dropout when λ ≈ n(1−p)/p.
import { Matrix } from "ml-matrix";
import { fail } from "../checks";
import { requireColumn, requireDesign, requireKeep, requireLambda } from "./inputs";
import { dropoutSolution } from "./solutions";
import { ridgeSolution } from "./ridge";

export type CoefficientPathMethod = "dropout (p·w̌)" | "ridge" | "ridge on standardized features";

export interface CoefficientPathRow {
  method: CoefficientPathMethod;
  /** Keep probability (dropout rows only). */
  p?: number;
  /** Ridge strength; for dropout rows the equivalent λ = (1−p)/p on unit-norm columns. */
  lambda: number;
  /** Feature name, "x1" … "xd" unless names are given. */
  feature: string;
  coef: number;
}

function featureNames(d: number, names?: readonly string[]): readonly string[] {
  if (names === undefined) return Array.from({ length: d }, (_, j) => `x${j + 1}`);
  if (names.length !== d) fail("names.length", names.length, `${d} names, one per column of X`);
  return names;
}

/** Checks a non-empty list of settings (each through `check`) and solves once per setting. */
function sweep(
  name: string,
  settings: readonly number[],
  check: (value: number, name: string) => number,
  solve: (setting: number) => Matrix,
  row: (setting: number, j: number, coef: number) => CoefficientPathRow,
): CoefficientPathRow[] {
  if (settings.length < 1) throw new RangeError(`${name} = [] is invalid: expected at least one value`);
  settings.forEach((value, k) => check(value, `${name}[${k}]`));
  return settings.flatMap((setting) => solve(setting).getColumn(0).map((coef, j) => row(setting, j, coef)));
}

/** p·w̌ for each keep probability in `ps` (each in (0, 1]). */
export function dropoutPath(X: Matrix, y: Matrix, ps: readonly number[], names?: readonly string[]): CoefficientPathRow[] {
  const labels = featureNames(requireDesign(X).columns, names);
  return sweep("ps", ps, requireKeep, (p) => dropoutSolution(X, y, p), (p, j, w) => ({
    method: "dropout (p·w̌)",
    p,
    lambda: (1 - p) / p,
    feature: labels[j],
    coef: p * w,
  }));
}

/** Plain ridge coefficients for each λ in `lambdas` (each > 0). */
export function ridgePath(X: Matrix, y: Matrix, lambdas: readonly number[], names?: readonly string[]): CoefficientPathRow[] {
  const labels = featureNames(requireDesign(X).columns, names);
  return sweep("lambdas", lambdas, requireLambda, (lambda) => ridgeSolution(X, y, lambda), (lambda, j, coef) => ({
    method: "ridge",
    lambda,
    feature: labels[j],
    coef,
  }));
}

/** Ridge on centred, unit-variance columns, coefficients mapped back to the original scale. */
export function standardizedRidgePath(
  X: Matrix,
  y: Matrix,
  lambdas: readonly number[],
  names?: readonly string[],
): CoefficientPathRow[] {
  const labels = featureNames(requireDesign(X).columns, names);
  requireColumn("y", y, X.rows);
  const means = X.mean("column");
  const centred = X.clone().subRowVector(means);
  const sds = means.map((_, j) => Math.sqrt(centred.getColumn(j).reduce((s, v) => s + v * v, 0) / X.rows));
  sds.forEach((sd, j) => {
    if (sd === 0) fail(`sd(X[:, ${j}])`, sd, "a non-constant column (it is divided by its standard deviation)");
  });
  const Z = centred.divRowVector(sds);
  const yc = Matrix.sub(y, Matrix.ones(y.rows, 1).mul(y.mean()));
  return sweep("lambdas", lambdas, requireLambda, (lambda) => ridgeSolution(Z, yc, lambda), (lambda, j, wz) => ({
    method: "ridge on standardized features",
    lambda,
    feature: labels[j],
    coef: wz / sds[j],
  }));
}
