// How one random ReLU layer or block changes the mean square of the signal (forward) and of
// the gradient (backward), weights N(0, c²/n):
//
// plain layer y = ReLU(W x): (Wx)_j ~ N(0, c²‖x‖²/n) and E ReLU(h)² = ½ E h², so
//   E‖y‖² = n · ½ · c²‖x‖²/n = (c²/2) ‖x‖².
//   Backward Wᵀ D g, g with E g gᵀ ∝ I (so cross terms vanish):
//   E‖Wᵀ D g‖² = Σ_j E[‖w_j‖² D_jj] E g_j² = ½ c² E‖g‖²   (w ↦ −w flips D_jj: it is on half the time).
//   So c²/2 both ways: He's c = √2 keeps it at 1, Xavier's c = 1 halves it per layer.
//
// residual block y = x + W2 a, a = ReLU(W1 x): E⟨x, W2 a⟩ = 0 (W2 zero-mean, independent of a),
//   E‖W2 a‖² = c² E‖a‖² = c² · (c²/2)‖x‖², so E‖y‖² = (1 + c⁴/2) ‖x‖².
//   Backward (I + W1ᵀ D W2ᵀ) g: v = W2ᵀ g is zero-mean given W1, so the cross term is 0 and
//   E‖W1ᵀ D v‖² = Σ_j E[‖w1_j‖² D_jj] E v_j² = ½c² · c²‖g‖²: again 1 + c⁴/2.
import { requireInteger, requireInterval, requireMatrix, requireOneOf } from "../checks";
import type { Matrix } from "ml-matrix";
import type { Rng } from "../rng";
import { layerKind, STACK_KINDS, type StackKind } from "./stack";

/** The closed form above: c²/2 for a plain ReLU layer, 1 + c⁴/2 for a residual ReLU block. */
export function meanSquareGainFormula(kind: StackKind, scale: number): number {
  requireOneOf("kind", kind, STACK_KINDS);
  requireInterval("scale", scale, 0, Infinity);
  return kind === "plain" ? scale ** 2 / 2 : 1 + scale ** 4 / 2;
}

export interface MeanSquareEstimate {
  /** Monte Carlo mean of ‖y‖²/‖x‖² (forward) or ‖Jᵀg‖²/‖g‖² (backward) */
  mean: number;
  /** its standard error */
  se: number;
}

/**
 * Monte Carlo estimate of both gains for one fixed input x (n×1): `draws` fresh layers with
 * weights N(0, c²/n) and, for the backward ratio, a fresh direction g (uniform on the sphere).
 */
export function meanSquareGain(options: {
  kind: StackKind;
  scale: number;
  x: Matrix;
  draws: number;
  rng: Rng;
}): { forward: MeanSquareEstimate; backward: MeanSquareEstimate } {
  const { kind, scale, x, draws, rng } = options;
  requireMatrix("x", x, undefined, 1);
  requireInteger("draws", draws, 2, 1e6);
  requireInterval("scale", scale, 0, Infinity);
  const layer = layerKind(kind);
  const n = x.rows;
  const forward: number[] = [];
  const backward: number[] = [];
  for (let k = 0; k < draws; k++) {
    const params = layer.init(n, scale, rng);
    const { Y, cache } = layer.forward(params, x, "relu");
    forward.push(Y.norm("frobenius") ** 2 / x.norm("frobenius") ** 2);
    const u = rng.normalMatrix(n, 1);
    const g = u.div(u.norm("frobenius"));
    backward.push(layer.inputGradient(params, cache, g, "relu").norm("frobenius") ** 2);
  }
  return { forward: estimate(forward), backward: estimate(backward) };
}

function estimate(values: readonly number[]): MeanSquareEstimate {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(variance / values.length) };
}
