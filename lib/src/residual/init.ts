// Weight initialisation for the square n×n weights of the stacks.
// Every scheme draws i.i.d. entries W_ij ~ N(0, c²/n), n = width (= fan-in = fan-out):
//   "xavier": c = 1   (Glorot normal, Var = 2/(fan_in + fan_out) = 1/n)
//   "he":     c = √2  (He normal, Var = 2/fan_in = 2/n, which keeps ReLU signals at constant scale)
//   a number c ≥ 0: Var = c²/n directly (c = 0 gives zero weights).
// With this scaling ‖W v‖ ≈ c ‖v‖ for any fixed v, so c reads as "gain per matrix".
import { Matrix } from "ml-matrix";
import { fail, requireInteger } from "../checks";
import type { Rng } from "../rng";

export type WeightInit = "xavier" | "he" | number;

const ALLOWED = '"xavier", "he" or a finite scale c ≥ 0 (weights N(0, c²/n))';

/** The gain c of an initialisation scheme (entries are N(0, c²/n)); throws on anything else. */
export function initScale(init: WeightInit, argument = "init"): number {
  if (init === "xavier") return 1;
  if (init === "he") return Math.SQRT2;
  if (typeof init === "number" && Number.isFinite(init) && init >= 0) return init;
  return fail(argument, init, ALLOWED);
}

/** A width×width matrix with i.i.d. N(0, c²/width) entries, c from `init`. */
export function initWeights(width: number, init: WeightInit, rng: Rng): Matrix {
  requireInteger("width", width, 1);
  const c = initScale(init);
  return rng.normalMatrix(width, width, c / Math.sqrt(width));
}
