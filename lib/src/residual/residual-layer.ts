// The residual block of Figure 1, X_{l+1} = W2 · act(W1 X_l) + X_l (no activation after the
// addition), forward and backward side by side. Figure 1 uses act = ReLU.
import { Matrix } from "ml-matrix";
import { requireMatrix } from "../checks";
import { multiply, multiplyTransposeA, multiplyTransposeB } from "../dense/multiply";
import { activationFunctions, type Activation } from "./activations";
import { activate, addInPlace, backThroughActivationInPlace } from "./activation-maps";
import { requireSameShape } from "./elementwise";
import { initWeights } from "./init";
import type { LayerKind } from "./layer";
import { derivativeDiagonal } from "./plain-layer";
import { requireBlock } from "./block-shape";

export type ResidualParams = { W1: Matrix; W2: Matrix };

/**
 * The branch's Jacobian W2 · D · W1, D = diag(act'(W1 x)), at one column x (n×1): the
 * Jacobian of x ↦ W2 act(W1 x), i.e. the block without its skip.
 */
export function branchJacobian({ W1, W2 }: ResidualParams, x: Matrix, activation: Activation): Matrix {
  requireBlock(W1, W2, x, 1);
  return multiply(multiply(W2, derivativeDiagonal(multiply(W1, x), activation)), W1);
}

/** dH = (W2ᵀ dY) ⊙ act'(H): the gradient at the branch's pre-activation (a new matrix). */
function branchInputGradient(W2: Matrix, H: Matrix, dY: Matrix, activation: Activation): Matrix {
  return backThroughActivationInPlace(multiplyTransposeA(W2, dY), H, activation);
}

export const residualLayer: LayerKind<ResidualParams> = {
  forward({ W1, W2 }, X, activation) {
    activationFunctions(activation);
    const H = multiply(W1, X); // branch pre-activation
    const A = activate(H, activation);
    const branch = multiply(W2, A);
    requireSameShape(branch, X, ["W2·act(W1·X)", "X"]);
    return { Y: addInPlace(branch, X), cache: { X, H, A } };
  },

  backward({ W1, W2 }, { X, H, A }, dY, activation) {
    activationFunctions(activation);
    // Y = W2 A + X, A = act(H), H = W1 X:
    //   dA = W2ᵀ dY,  dW2 = dY Aᵀ,  dH = dA ⊙ act'(H),  dW1 = dH Xᵀ,
    //   dX = W1ᵀ dH + dY   — the skip path hands dY back unchanged: (I + W1ᵀ D W2ᵀ) dY.
    const dH = branchInputGradient(W2, H, dY, activation);
    return {
      dX: addInPlace(multiplyTransposeA(W1, dH), dY),
      grads: { W1: multiplyTransposeB(dH, X), W2: multiplyTransposeB(dY, A) },
    };
  },

  inputGradient({ W1, W2 }, { H }, dY, activation) {
    activationFunctions(activation);
    return addInPlace(multiplyTransposeA(W1, branchInputGradient(W2, H, dY, activation)), dY);
  },

  jacobian(params, x, activation) {
    // ∂X1/∂X0 = I + W2 · D · W1: the skip's identity plus the branch
    return Matrix.add(Matrix.eye(x.rows), branchJacobian(params, x, activation));
  },

  init: (width, init, rng) => ({ W1: initWeights(width, init, rng), W2: initWeights(width, init, rng) }),
};
