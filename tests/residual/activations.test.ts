import { describe, expect, it } from "vitest";
import {
  relu,
  reluGrad,
  sigmoid,
  sigmoidGrad,
  sigmoidGradientBound,
  sigmoidGradientBoundLog10,
  tanh,
  tanhGrad,
} from "../../lib/src/residual";

// Central difference of a scalar function; h = 1e-6 gives ~1e-10 relative accuracy here.
const slope = (f: (x: number) => number, x: number, h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);
const xs = [-7.3, -3, -1.2, -0.4, 0.05, 0.3, 1, 2.5, 6.1];

describe("activation derivatives agree with finite differences", () => {
  it.each([
    ["sigmoid", sigmoid, sigmoidGrad],
    ["tanh", tanh, tanhGrad],
    ["relu", relu, reluGrad],
  ] as const)("%s", (_, f, df) => {
    for (const x of xs) {
      const fd = slope(f, x);
      expect(Math.abs(df(x) - fd) / Math.max(Math.abs(fd), 1e-3)).toBeLessThan(1e-6);
    }
  });
});

describe("sigmoid", () => {
  it("stays finite and correct at ±800 (no overflow to NaN)", () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    for (const x of [800, -800, 745, -745]) {
      expect(Number.isFinite(sigmoidGrad(x))).toBe(true);
      expect(sigmoidGrad(x)).toBeLessThan(1e-300);
      expect(sigmoidGrad(x)).toBeGreaterThanOrEqual(0);
    }
    // in the tail σ'(x) ≈ e^{−|x|}: the stable form keeps that, σ(1 − σ) would give 0
    expect(sigmoidGrad(-40) / Math.exp(-40)).toBeCloseTo(1, 12);
    expect(sigmoidGrad(40) / Math.exp(-40)).toBeCloseTo(1, 12);
  });

  it("has σ(x) + σ(−x) = 1 and σ' = σ(1 − σ)", () => {
    for (const x of xs) {
      expect(sigmoid(x) + sigmoid(-x)).toBeCloseTo(1, 15);
      expect(sigmoidGrad(x)).toBeCloseTo(sigmoid(x) * (1 - sigmoid(x)), 15);
    }
  });

  it("has its largest slope 1/4 exactly at 0 and nowhere else", () => {
    expect(sigmoidGrad(0)).toBe(0.25);
    const grid = Array.from({ length: 20001 }, (_, i) => -10 + i / 1000);
    const off = grid.filter((x) => x !== 0 && Math.abs(x) > 1e-9).map(sigmoidGrad);
    expect(Math.max(...off)).toBeLessThan(0.25);
    // σ'(x) ≈ 1/4 − x²/16 near 0: the maximum is strict
    expect(0.25 - sigmoidGrad(0.01)).toBeCloseTo(0.01 ** 2 / 16, 9);
  });

  it("bounds the activation factor through L layers by 4^−L", () => {
    expect(sigmoidGradientBound(0)).toBe(1);
    expect(sigmoidGradientBound(10)).toBe(2 ** -20);
    expect(sigmoidGradientBoundLog10(10)).toBeCloseTo(Math.log10(2 ** -20), 12);
    expect(sigmoidGradientBoundLog10(1000)).toBeCloseTo(-602.06, 2); // where 4^−1000 underflows
    // the product of the actual factors at random pre-activations is below the bound
    const zs = [0.3, -1.1, 2.2, 0.01, -0.5];
    expect(zs.map(sigmoidGrad).reduce((p, g) => p * g, 1)).toBeLessThan(sigmoidGradientBound(zs.length));
  });
});

describe("relu and tanh", () => {
  it("use ReLU'(0) := 0 and pass gradients unchanged where active", () => {
    expect(reluGrad(0)).toBe(0);
    expect(reluGrad(1e-300)).toBe(1);
    expect(reluGrad(-1e-300)).toBe(0);
    expect(relu(-2)).toBe(0);
    expect(relu(3.5)).toBe(3.5);
  });

  it("tanh' peaks at 1 at 0 and saturates to 0", () => {
    expect(tanhGrad(0)).toBe(1);
    expect(tanhGrad(800)).toBe(0);
    expect(tanh(-800)).toBe(-1);
  });
});
