import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import {
  ACTIVATIONS,
  createPlainStack,
  createResidualStack,
  createStack,
  gradientNorms,
  jacobianProducts,
  numericGradient,
  numericJacobian,
  relativeError,
  sigmoidGradientBound,
  stackBackward,
  stackForward,
  STACK_KINDS,
  type Stack,
} from "../../lib/src/residual";
import { layerKind } from "../../lib/src/residual/stack";
import { distanceToKink } from "./helpers";

// L = ⟨X_L, G⟩, so ∂L/∂X_L = G: the loss every stack test differentiates.
const loss = (stack: Stack, X0: Matrix, G: Matrix) => {
  const { outputs } = stackForward(stack, X0);
  return Matrix.mul(outputs[outputs.length - 1], G).sum();
};

/** Smallest |pre-activation| anywhere in the stack (Z for plain layers, H for residual ones). */
const kinkDistance = (stack: Stack, X0: Matrix) =>
  distanceToKink(...stackForward(stack, X0).caches.map((c) => c.Z ?? c.H));

/** The same stack with layer l's parameter `name` replaced. */
const withWeight = (stack: Stack, l: number, name: string, W: Matrix): Stack => ({
  ...stack,
  layers: stack.layers.map((p, k) => (k === l ? { ...p, [name]: W } : p)),
});

const cases = STACK_KINDS.flatMap((kind) => ACTIVATIONS.map((activation) => [kind, activation] as const));

describe.each(cases)("%s stack with %s: backward vs central differences", (kind, activation) => {
  const seed = 3 + STACK_KINDS.indexOf(kind) * 10 + ACTIVATIONS.indexOf(activation);
  const rng = createRng(seed);
  const width = 6;
  const stack = createStack(kind, activation, { depth: 4, width, init: kind === "plain" ? "he" : 0.7, rng });
  const X0 = rng.normalMatrix(width, 3);
  const G = rng.normalMatrix(width, 3);
  const grads = stackBackward(stack, stackForward(stack, X0), G);

  it("inputs are away from ReLU kinks (so the differences are valid)", () => {
    expect(kinkDistance(stack, X0)).toBeGreaterThan(1e-4);
  });

  it("∂L/∂X_0 and every ∂L/∂X_l", () => {
    expect(grads.dX).toHaveLength(5);
    expect(grads.dX[4]).toBe(G);
    expect(relativeError(grads.dX[0], numericGradient((X) => loss(stack, X, G), X0))).toBeLessThan(1e-6);
    // ∂L/∂X_2: run the upper half of the stack from X_2
    const upper = { ...stack, layers: stack.layers.slice(2) };
    const X2 = stackForward(stack, X0).outputs[2];
    expect(relativeError(grads.dX[2], numericGradient((X) => loss(upper, X, G), X2))).toBeLessThan(1e-6);
  });

  it("inputGradient (backward without ∂L/∂W) gives backward's ∂L/∂X exactly; gradientNorms matches differences", () => {
    const layer = layerKind(kind);
    const { caches } = stackForward(stack, X0);
    stack.layers.forEach((params, l) => {
      const dY = grads.dX[l + 1];
      expect(layer.inputGradient(params, caches[l], dY, activation), `layer ${l}`).toEqual(layer.backward(params, caches[l], dY, activation).dX);
    });
    const norms = gradientNorms(stack, X0, G);
    expect(norms).toHaveLength(5);
    const fd = numericGradient((X) => loss(stack, X, G), X0).norm("frobenius");
    expect(Math.abs(norms[0] - fd) / fd).toBeLessThan(1e-6);
  });

  it("∂L/∂W for every weight of every layer", () => {
    stack.layers.forEach((params, l) => {
      for (const name of Object.keys(params)) {
        const fd = numericGradient((W) => loss(withWeight(stack, l, name, W), X0, G), params[name]);
        expect(relativeError(grads.dLayers[l][name], fd), `layer ${l} ${name}`).toBeLessThan(1e-6);
      }
    });
  });

  it("the product of layer Jacobians is the Jacobian of the whole map", () => {
    const x0 = X0.subMatrixColumn([0]);
    const products = jacobianProducts(stack, x0);
    expect(products).toHaveLength(5);
    expect(products[0]).toEqual(Matrix.eye(width));
    const f = (x: Matrix) => stackForward(stack, x).outputs[4];
    expect(relativeError(products[4], numericJacobian(f, x0))).toBeLessThan(1e-6);
  });
});

describe("stacks", () => {
  it("never mutate their weights or inputs", () => {
    const rng = createRng(1);
    const stack = createResidualStack({ depth: 3, width: 4, init: 1, rng });
    const X0 = rng.normalMatrix(4, 2);
    const before = JSON.stringify([stack, X0]);
    stackBackward(stack, stackForward(stack, X0), rng.normalMatrix(4, 2));
    jacobianProducts(stack, X0.subMatrixColumn([1]));
    expect(JSON.stringify([stack, X0])).toBe(before);
  });

  it("use ReLU in the residual branch by default, as Figure 1 does", () => {
    const stack = createResidualStack({ depth: 2, width: 3, init: "he", rng: createRng(2) });
    expect(stack.activation).toBe("relu");
    expect(stack.layers[0]).toHaveProperty("W1");
    expect(createPlainStack({ depth: 2, width: 3, init: "he", rng: createRng(2), activation: "tanh" }).activation).toBe("tanh");
  });

  it("draw weights with variance c²/n (xavier: c = 1, he: c = √2)", () => {
    const width = 200;
    for (const [init, c] of [["xavier", 1], ["he", Math.SQRT2], [0.3, 0.3]] as const) {
      const { W } = createPlainStack({ depth: 1, width, init, rng: createRng(5), activation: "relu" }).layers[0];
      const variance = W.to1DArray().reduce((s, w) => s + w * w, 0) / (width * width);
      // 40 000 draws: the sample variance is within ~3 % of c²/n
      expect(Math.abs((variance * width) / (c * c) - 1)).toBeLessThan(0.03);
    }
  });
});

describe("gradient norms through 50 layers (small weights, c = 0.3)", () => {
  // Residual: each block scales E‖g‖² by about 1 + c⁴/2, so over 50 blocks ≈ 1.1 — a flat band.
  // Plain ReLU: each layer scales ‖g‖ by about c/√2 ≈ 0.21, so ‖∂L/∂X_0‖ ≈ 1e-34 · ‖G‖.
  it.each([1, 2, 3])("stay within a factor 2 for residual, fall > 1e3 for plain (seed %i)", (seed) => {
    const rng = createRng(seed);
    const options = { depth: 50, width: 16, init: 0.3, rng };
    const plain = createPlainStack({ ...options, activation: "relu" });
    const residual = createResidualStack(options);
    const X0 = rng.normalMatrix(16, 8);
    const G = rng.normalMatrix(16, 8);
    const top = G.norm("frobenius");
    const res = gradientNorms(residual, X0, G);
    const pl = gradientNorms(plain, X0, G);
    expect(res).toHaveLength(51);
    expect(res[50]).toBe(top);
    for (const n of res) {
      expect(n).toBeLessThan(2 * top);
      expect(n).toBeGreaterThan(top / 2);
    }
    expect(pl[0]).toBeLessThan(top / 1e3);
    expect(pl[25]).toBeLessThan(top / 1e3); // already after 25 layers
  });

  it("plain sigmoid shrinks the gradient by more than 4^−50 ≈ 8e−31 (σ' ≤ 1/4, weights' gain 0.3)", () => {
    const rng = createRng(4);
    const plain = createPlainStack({ depth: 50, width: 16, init: 0.3, rng, activation: "sigmoid" });
    const norms = gradientNorms(plain, rng.normalMatrix(16, 8), rng.normalMatrix(16, 8));
    expect(norms[0] / norms[50]).toBeLessThan(sigmoidGradientBound(50));
  });
});
