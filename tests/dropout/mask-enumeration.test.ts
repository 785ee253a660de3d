import { describe, expect, it } from "vitest";
import { createRng } from "../../lib/src/rng";
import { dropoutObjective, invertedDropoutObjective } from "../../lib/src/dropout/objective";
import { dropoutObjectiveExact, maskProbabilities, meanMaskedPrediction, rowExpectations } from "../../lib/src/dropout/mask-enumeration";
import { exactExpectation } from "./exact";

function problem(seed: number, n: number, d: number) {
  const rng = createRng(seed);
  return { X: rng.normalMatrix(n, d, 3), y: rng.normalMatrix(n, 1), w: rng.normalMatrix(d, 1) };
}

describe("dropoutObjectiveExact: the expectation (2) by listing every row's 2^d masks", () => {
  it("equals the joint brute force over all 2^(n·d) masks of R (n = 2, d = 3)", () => {
    for (const [seed, p] of [[1, 0.7], [2, 0.3], [3, 0.05]] as const) {
      const { X, y, w } = problem(seed, 2, 3);
      const brute = exactExpectation(X, y, w, p);
      expect(Math.abs(dropoutObjectiveExact(X, y, w, p) - brute)).toBeLessThan(1e-12 * brute);
      const bruteInverted = exactExpectation(X, y, w, p, true);
      expect(Math.abs(dropoutObjectiveExact(X, y, w, p, { inverted: true }) - bruteInverted)).toBeLessThan(1e-12 * bruteInverted);
    }
  });

  it("one feature by hand: p(y − xw)² + (1 − p)y²", () => {
    const { X, y, w } = problem(4, 1, 1);
    const [x, t, v, p] = [X.get(0, 0), y.get(0, 0), w.get(0, 0), 0.4];
    expect(rowExpectations(X, y, w, p)[0]).toBeCloseTo(p * (t - x * v) ** 2 + (1 - p) * t * t, 12);
  });

  it("agrees with the closed forms (4) and the inverted one to rounding at random w (n = 20, d = 8)", () => {
    for (const seed of [5, 6]) {
      const { X, y, w } = problem(seed, 20, 8);
      for (const p of [0.9, 0.5, 0.05]) {
        const closed = dropoutObjective(X, y, w, p);
        expect(Math.abs(dropoutObjectiveExact(X, y, w, p) / closed - 1)).toBeLessThan(1e-12);
        const inverted = invertedDropoutObjective(X, y, w, p);
        expect(Math.abs(dropoutObjectiveExact(X, y, w, p, { inverted: true }) / inverted - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it("mask probabilities sum to 1 and count kept entries", () => {
    const masks = maskProbabilities(5, 0.3);
    expect(masks).toHaveLength(32);
    expect(masks.reduce((s, m) => s + m.probability, 0)).toBeCloseTo(1, 14);
    expect(masks[0b10110].kept).toBe(3);
    expect(masks[0b10110].probability).toBeCloseTo(0.3 ** 3 * 0.7 ** 2, 15);
  });

  it("the mean masked prediction of a row is xᵀ(p·w)", () => {
    const { X, w } = problem(7, 3, 6);
    for (let i = 0; i < 3; i++) {
      const x = X.getRow(i);
      const full = x.reduce((s, v, j) => s + v * w.get(j, 0), 0);
      expect(meanMaskedPrediction(x, w, 0.35)).toBeCloseTo(0.35 * full, 12);
    }
  });

  it("refuses d beyond 20, p outside (0, 1] and mismatched shapes, naming them", () => {
    expect(() => maskProbabilities(21, 0.5)).toThrow(/d = 21 is invalid: expected an integer in \[1, 20\]/);
    const { X, y, w } = problem(8, 2, 3);
    expect(() => dropoutObjectiveExact(X, y, w, 0)).toThrow(/p = 0 is invalid/);
    expect(() => dropoutObjectiveExact(X, w, w, 0.5)).toThrow(/y has shape 3×1: expected 2×1/);
  });
});
