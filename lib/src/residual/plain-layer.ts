// The plain layer X_{l+1} = act(W X_l), forward and backward side by side.
import { Matrix } from "ml-matrix";
import { requireMatrix } from "../checks";
import { activationFunctions, type Activation } from "./activations";
import { hadamard, mapEntries } from "./elementwise";
import { initWeights } from "./init";
import type { LayerKind } from "./layer";

export type PlainParams = { W: Matrix };

/** D = diag(act'(z)) for a column z, as a full n×n matrix. */
export function derivativeDiagonal(z: Matrix, activation: Activation): Matrix {
  requireMatrix("z", z, undefined, 1);
  const { df } = activationFunctions(activation);
  return Matrix.diag(z.getColumn(0).map(df));
}

export const plainLayer: LayerKind<PlainParams> = {
  forward({ W }, X, activation) {
    const { f } = activationFunctions(activation);
    const Z = W.mmul(X); // pre-activation
    return { Y: mapEntries(Z, f), cache: { X, Z } };
  },

  backward({ W }, { X, Z }, dY, activation) {
    const { df } = activationFunctions(activation);
    // Y = act(Z), Z = W X:  dZ = dY ⊙ act'(Z),  dW = dZ Xᵀ,  dX = Wᵀ dZ
    const dZ = hadamard(dY, mapEntries(Z, df));
    return { dX: W.transpose().mmul(dZ), grads: { W: dZ.mmul(X.transpose()) } };
  },

  jacobian({ W }, x, activation) {
    // ∂Y/∂X = diag(act'(W x)) · W
    return derivativeDiagonal(W.mmul(x), activation).mmul(W);
  },

  init: (width, init, rng) => ({ W: initWeights(width, init, rng) }),
};
