// The plain layer X_{l+1} = act(W X_l), forward and backward side by side.
import { Matrix } from "ml-matrix";
import { requireMatrix } from "../checks";
import { multiply, multiplyTransposeA, multiplyTransposeB } from "../dense/multiply";
import { activationFunctions, type Activation } from "./activations";
import { activate, backThroughActivation } from "./activation-maps";
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
    activationFunctions(activation);
    const Z = multiply(W, X); // pre-activation
    return { Y: activate(Z, activation), cache: { X, Z } };
  },

  backward({ W }, { X, Z }, dY, activation) {
    activationFunctions(activation);
    // Y = act(Z), Z = W X:  dZ = dY ⊙ act'(Z),  dW = dZ Xᵀ,  dX = Wᵀ dZ
    const dZ = backThroughActivation(dY, Z, activation);
    return { dX: multiplyTransposeA(W, dZ), grads: { W: multiplyTransposeB(dZ, X) } };
  },

  inputGradient({ W }, { Z }, dY, activation) {
    activationFunctions(activation);
    return multiplyTransposeA(W, backThroughActivation(dY, Z, activation)); // dX = Wᵀ (dY ⊙ act'(Z))
  },

  jacobian({ W }, x, activation) {
    // ∂Y/∂X = diag(act'(W x)) · W
    return multiply(derivativeDiagonal(multiply(W, x), activation), W);
  },

  init: (width, init, rng) => ({ W: initWeights(width, init, rng) }),
};
