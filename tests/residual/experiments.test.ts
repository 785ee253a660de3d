import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import {
  blockSpectrum,
  compareTraining,
  createStack,
  gradientNormSweep,
  jacobianDepthProfile,
  numericGradient,
  regressionGradients,
  relativeError,
  sgdStep,
  singularValues,
  spectralNorm,
  type Regressor,
} from "../../lib/src/residual";

describe("singular values", () => {
  it("are those of a known matrix, largest first", () => {
    // diag(3, 1, 2) rotated on both sides by permutations keeps singular values {3, 2, 1}
    const M = new Matrix([[0, 0, 2], [3, 0, 0], [0, -1, 0]]);
    expect(singularValues(M).map((s) => +s.toFixed(12))).toEqual([3, 2, 1]);
    expect(spectralNorm(M)).toBeCloseTo(3, 12);
  });

  it("satisfy Σσ² = ‖M‖_F² on random matrices", () => {
    const rng = createRng(3);
    for (const n of [2, 5, 16]) {
      const M = rng.normalMatrix(n, n);
      const s = singularValues(M);
      expect(s.reduce((a, x) => a + x * x, 0)).toBeCloseTo(M.norm("frobenius") ** 2, 9);
    }
  });
});

describe("blockSpectrum", () => {
  it("gives n rows per kind, and the residual spectrum sits around 1 for small weights", () => {
    const rows = blockSpectrum({ width: 16, scale: 0.2, rng: createRng(1) });
    const branch = rows.filter((r) => r.kind === "branch").map((r) => r.singularValue);
    const residual = rows.filter((r) => r.kind === "residual").map((r) => r.singularValue);
    expect(branch).toHaveLength(16);
    expect(residual).toHaveLength(16);
    expect(rows.filter((r) => r.kind === "branch").map((r) => r.rank)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    // Weyl: every σ_i(I + A) lies in [1 − ‖A‖₂, 1 + ‖A‖₂]
    for (const s of residual) expect(Math.abs(s - 1)).toBeLessThanOrEqual(branch[0] + 1e-12);
    expect(branch[0]).toBeLessThan(0.3); // the branch alone is nearly 0
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["branch", "residual"]));
    expect(residual[15]).toBeGreaterThan(0.7);
  });
});

describe("jacobianDepthProfile", () => {
  it("collapses for plain ReLU and stays near 1 for residual at small scale", () => {
    const rows = jacobianDepthProfile({ depth: 30, width: 12, scale: 0.3, rng: createRng(2) });
    const norms = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.spectralNorm);
    const plain = norms("plain");
    const residual = norms("residual");
    expect(plain).toHaveLength(31);
    expect(plain[0]).toBeCloseTo(1, 12);
    expect(plain[30]).toBeLessThan(1e-10);
    for (const s of residual) {
      expect(s).toBeGreaterThan(0.5);
      expect(s).toBeLessThan(2);
    }
  });
});

describe("gradientNormSweep", () => {
  it("returns (scale, layer, norm, kind) rows with ‖∂L/∂X_L‖ = 1 and the norms of gradientNorms", () => {
    const scales = [0.2, 1, Math.SQRT2];
    const rows = gradientNormSweep({ scales, depth: 10, width: 8, batch: 4, rng: createRng(6) });
    expect(rows).toHaveLength(scales.length * 2 * 11);
    for (const r of rows.filter((r) => r.layer === 10)) expect(r.norm).toBeCloseTo(1, 12);
    // larger weights make the residual stack's gradient grow towards the input
    const atInput = (scale: number, kind: string) => rows.find((r) => r.scale === scale && r.kind === kind && r.layer === 0)!.norm;
    expect(atInput(0.2, "residual")).toBeLessThan(atInput(Math.SQRT2, "residual"));
    expect(atInput(0.2, "plain")).toBeLessThan(1e-5);
    expect(Object.keys(rows[0]).sort()).toEqual(["kind", "layer", "norm", "scale"]);
  });
});

describe("training", () => {
  it("regressionGradients matches central differences for the read-out and the stack", () => {
    const rng = createRng(9);
    const stack = createStack("residual", "tanh", { depth: 3, width: 5, init: 0.8, rng });
    const model: Regressor = { stack, V: rng.normalMatrix(1, 5) };
    const X = rng.normalMatrix(5, 6);
    const Y = rng.normalMatrix(1, 6);
    const grads = regressionGradients(model, X, Y);
    const lossV = (V: Matrix) => regressionGradients({ ...model, V }, X, Y).loss;
    expect(relativeError(grads.dV, numericGradient(lossV, model.V))).toBeLessThan(1e-6);
    const layer = (W: Matrix) => ({ ...stack, layers: stack.layers.map((p, l) => (l === 1 ? { ...p, W2: W } : p)) });
    const lossW = (W: Matrix) => regressionGradients({ ...model, stack: layer(W) }, X, Y).loss;
    expect(relativeError(grads.dLayers[1].W2, numericGradient(lossW, stack.layers[1].W2))).toBeLessThan(1e-6);
    // and a small SGD step lowers the loss by about lr·‖∇‖² without touching the old model
    const before = JSON.stringify(model);
    const lr = 1e-4;
    const next = sgdStep(model, grads, lr);
    expect(JSON.stringify(model)).toBe(before);
    const gradSq = grads.dV.norm("frobenius") ** 2 + grads.dLayers.reduce((s, p) => s + p.W1.norm("frobenius") ** 2 + p.W2.norm("frobenius") ** 2, 0);
    const drop = grads.loss - regressionGradients(next, X, Y).loss;
    expect(drop / (lr * gradSq)).toBeCloseTo(1, 2);
  });

  it("deep residual learns the task while deep plain stays at the mean predictor (depth 20, width 16)", () => {
    const rows = compareTraining({ depth: 20, width: 16, steps: 200, rng: createRng(2) });
    const tail = (kind: string) => {
      const losses = rows.filter((r) => r.kind === kind).map((r) => r.loss);
      expect(losses).toHaveLength(200);
      return losses.slice(-20).reduce((a, b) => a + b, 0) / 20;
    };
    const start = rows.filter((r) => r.kind === "residual").slice(0, 20).reduce((a, r) => a + r.loss, 0) / 20;
    // the target sin(3 tᵀx) has mean square ≈ 1/2, so predicting 0 costs ≈ 1/4
    expect(tail("plain")).toBeGreaterThan(0.15);
    expect(tail("residual")).toBeLessThan(0.1);
    expect(tail("residual")).toBeLessThan(start / 3);
  });

  it("ends a diverging series at its last finite loss instead of emitting NaN", () => {
    const rows = compareTraining({ depth: 24, width: 8, init: "he", steps: 20, rng: createRng(2) });
    const residual = rows.filter((r) => r.kind === "residual");
    expect(residual.length).toBeLessThan(20);
    expect(rows.every((r) => Number.isFinite(r.loss))).toBe(true);
    expect(rows.filter((r) => r.kind === "plain")).toHaveLength(20);
  });
});
