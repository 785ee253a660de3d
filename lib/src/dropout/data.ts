// Synthetic regression data whose features live on very different scales, the setting in which
// dropout's data-dependent penalty p(1−p)‖Γ̌w‖² differs most from plain ridge's λ‖w‖².
import { Matrix } from "ml-matrix";
import { fail, requireFinite, requireInteger, requireInterval, requireMatrix } from "../checks";
import type { Rng } from "../rng";

export interface RegressionDataOptions {
  /** Rows (examples), n ≥ 1. */
  n: number;
  /** Features, d ≥ 1. */
  d: number;
  /** Standard deviation of each feature column (length d, each > 0). Default: 10^(−1 … 1) spread evenly. */
  scales?: readonly number[];
  /** Standard deviation of the Gaussian noise added to y, ≥ 0. Default 0.5. */
  noise?: number;
  /**
   * Draw wTrue_j ~ N(0, 1)/scales[j] instead of N(0, 1), so every feature moves y by the same
   * amount on average whatever its units (only the units differ). Default false.
   */
  equalEffects?: boolean;
  /**
   * Use these true weights (d×1) instead of drawing them: fresh rows from the same model, e.g. a
   * held-out set for weights fitted on an earlier draw. equalEffects is then ignored.
   */
  wTrue?: Matrix;
  /** Source of every random draw. */
  rng: Rng;
}

export interface RegressionData {
  /** n×d design matrix: column j is scales[j]·N(0, 1). */
  X: Matrix;
  /** n×1 targets y = X·wTrue + noise·N(0, 1). */
  y: Matrix;
  /** d×1 true weights, i.i.d. N(0, 1) (divided by scales[j] with equalEffects). */
  wTrue: Matrix;
}

/** Log-evenly spaced scales from 0.1 to 10 (a single feature gets scale 1). */
function defaultScales(d: number): number[] {
  return Array.from({ length: d }, (_, j) => (d === 1 ? 1 : 10 ** (-1 + (2 * j) / (d - 1))));
}

/** Draws X (scaled Gaussian columns), wTrue and noisy targets y, all from `rng`. */
export function makeRegressionData({ n, d, scales, noise = 0.5, equalEffects = false, wTrue: given, rng }: RegressionDataOptions): RegressionData {
  requireInteger("n", n, 1);
  requireInteger("d", d, 1);
  requireInterval("noise", noise, 0, Infinity, "[)");
  const s = scales ?? defaultScales(d);
  if (s.length !== d) fail("scales.length", s.length, `d = ${d} scales, one per feature`);
  s.forEach((scale, j) => requireInterval(`scales[${j}]`, requireFinite(`scales[${j}]`, scale), 0, Infinity, "()"));
  if (typeof equalEffects !== "boolean") fail("equalEffects", equalEffects, "true or false");
  if (given !== undefined) requireMatrix("wTrue", given, d, 1);
  // Every option is checked before the first draw: a refused call leaves rng untouched.
  const X = rng.normalMatrix(n, d).mulRowVector(s.slice());
  const draws = given === undefined ? rng.normalMatrix(d, 1) : given.clone();
  const wTrue = equalEffects && given === undefined ? Matrix.columnVector(draws.to1DArray().map((w, j) => w / s[j])) : draws;
  const y = X.mmul(wTrue).add(rng.normalMatrix(n, 1, noise));
  return { X, y, wTrue };
}
