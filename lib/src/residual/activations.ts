// Activation functions and their derivatives, each derivative written next to its function.
// Derivatives take the pre-activation z (not the output), because that is what a layer
// caches on its forward pass.
import { requireInteger, requireOneOf } from "../checks";
import { exp, tanh as portableTanh } from "../portable-math";

export type Activation = "sigmoid" | "tanh" | "relu";
export const ACTIVATIONS: readonly Activation[] = ["sigmoid", "tanh", "relu"];

/**
 * σ(x) = 1 / (1 + e^−x), evaluated so that e^t is only ever taken of t ≤ 0:
 * for x < 0 the equivalent form e^x / (1 + e^x) avoids e^{−x} overflowing to Infinity.
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + exp(-x));
  const e = exp(x);
  return e / (1 + e);
}

/**
 * σ'(x) = σ(x)(1 − σ(x)) = e^{−|x|} / (1 + e^{−|x|})² (σ' is even).
 * The second form never overflows and keeps relative accuracy in the tails, where
 * σ(1 − σ) would round 1 − σ to 0 long before σ' really underflows (near |x| ≈ 745).
 * Its maximum is 1/4, reached only at x = 0.
 */
export function sigmoidGrad(x: number): number {
  const e = exp(-Math.abs(x));
  return e / ((1 + e) * (1 + e));
}

/** ReLU(x) = max(0, x). */
export function relu(x: number): number {
  return x > 0 ? x : 0;
}

/**
 * ReLU'(x) = 1 for x > 0, 0 for x < 0. At the kink x = 0 ReLU has no derivative;
 * we use the subgradient 0 (ReLU'(0) := 0, the choice PyTorch and JAX make), which is
 * what makes D = diag(1[W1 X0 > 0]) a strict inequality.
 */
export function reluGrad(x: number): number {
  return x > 0 ? 1 : 0;
}

/** tanh(x) = (e^x − e^−x) / (e^x + e^−x), saturating to ±1 without overflow. */
export function tanh(x: number): number {
  return portableTanh(x);
}

/** tanh'(x) = 1 − tanh²(x) ≤ 1, equality only at 0. */
export function tanhGrad(x: number): number {
  const t = tanh(x);
  return 1 - t * t;
}

const TABLE: Record<Activation, { f: (x: number) => number; df: (x: number) => number }> = {
  sigmoid: { f: sigmoid, df: sigmoidGrad },
  tanh: { f: tanh, df: tanhGrad },
  relu: { f: relu, df: reluGrad },
};

/** The activation called `name` and its derivative; throws on an unknown name. */
export function activationFunctions(name: Activation, argument = "activation") {
  requireOneOf(argument, name, ACTIVATIONS);
  return TABLE[name];
}

/**
 * Problem 1(a): through `depth` sigmoid layers the chain rule multiplies `depth` factors
 * σ'(z_l) ≤ 1/4, so the activation part alone scales the gradient by at most 4^−depth.
 */
export function sigmoidGradientBound(depth: number): number {
  requireInteger("depth", depth, 0);
  return 4 ** -depth;
}

/** The same bound on a log10 scale (−depth · log10 4), finite where 4^−depth underflows. */
export function sigmoidGradientBoundLog10(depth: number): number {
  requireInteger("depth", depth, 0);
  return -depth * Math.log10(4);
}

