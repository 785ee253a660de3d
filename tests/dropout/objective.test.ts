import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import {
  dropoutObjective,
  dropoutObjectiveEstimates,
  dropoutObjectiveGradient,
  dropoutObjectiveMonteCarlo,
  invertedDropoutObjective,
} from "../../lib/src/dropout/objective";
import { makeRegressionData } from "../../lib/src/dropout/data";
import { bruteForceMonteCarlo, exactExpectation } from "./exact";
import { numericGradient, relativeError } from "../../lib/src/residual/finite-difference";

// n = 2, d = 3: 2^6 = 64 masks, enumerated exactly.
function tinyCase(seed: number) {
  const rng = createRng(seed);
  return { X: rng.normalMatrix(2, 3, 2), y: rng.normalMatrix(2, 1), w: rng.normalMatrix(3, 1) };
}

describe("dropoutObjective: closed form (4) of the expectation (2)", () => {
  it.each([0.7, 0.3, 0.05, 1])("equals the exact expectation over all 64 masks at p = %s", (p) => {
    for (const seed of [1, 2, 3]) {
      const { X, y, w } = tinyCase(seed);
      const exact = exactExpectation(X, y, w, p);
      expect(Math.abs(dropoutObjective(X, y, w, p) - exact)).toBeLessThan(1e-12 * Math.max(1, exact));
    }
  });

  it("inverted dropout's expectation is ‖y − Xw‖² + ((1−p)/p)‖Γ̌w‖² (no rescaling needed)", () => {
    for (const p of [0.8, 0.5, 0.2]) {
      const { X, y, w } = tinyCase(7);
      const exact = exactExpectation(X, y, w, p, true);
      expect(Math.abs(invertedDropoutObjective(X, y, w, p) - exact)).toBeLessThan(1e-12 * exact);
      // and it is the no-rescale objective evaluated at w/p, divided through: (4) at w/p
      const atScaled = dropoutObjective(X, y, w.clone().div(p), p);
      expect(Math.abs(atScaled - exact)).toBeLessThan(1e-12 * exact);
    }
  });

  it("has the gradient −2p Xᵀ(y − pXw) + 2p(1−p)Γ̌²w (central differences)", () => {
    const { X, y } = makeRegressionData({ n: 20, d: 4, scales: [0.1, 1, 3, 10], rng: createRng(5) });
    const w = createRng(6).normalMatrix(4, 1);
    const p = 0.6;
    const analytic = dropoutObjectiveGradient(X, y, w, p);
    const numeric = numericGradient((v) => dropoutObjective(X, y, v, p), w, 1e-5);
    expect(relativeError(analytic, numeric, ["analytic", "numeric"])).toBeLessThan(1e-8);
  });

  it("does not mutate its inputs", () => {
    const { X, y, w } = tinyCase(4);
    const copies = [X, y, w].map((M) => M.to2DArray());
    dropoutObjective(X, y, w, 0.5);
    dropoutObjectiveGradient(X, y, w, 0.5);
    dropoutObjectiveMonteCarlo(X, y, w, 0.5, 10, createRng(1));
    expect([X, y, w].map((M) => M.to2DArray())).toEqual(copies);
  });
});

describe("dropoutObjectiveMonteCarlo: sampling masks", () => {
  const { X, y } = makeRegressionData({ n: 30, d: 5, scales: [0.1, 0.5, 1, 5, 10], rng: createRng(11) });
  const w = createRng(12).normalMatrix(5, 1);

  it.each([[0.7], [0.3]])("lands within 4 standard errors of the closed form (p = %s)", (p) => {
    const [estimate] = dropoutObjectiveEstimates(X, y, w, p, [20_000], createRng(13));
    const exact = dropoutObjective(X, y, w, p);
    expect(Math.abs(estimate.mean - exact)).toBeLessThan(4 * estimate.standardError);
    // the error is real sampling error, not zero: the standard error is a sensible size
    expect(estimate.standardError).toBeGreaterThan(1e-4 * exact);
  });

  it.each([[0.7, false], [0.3, true]])("equals a brute-force sampler drawing the same masks (p = %s, inverted %s)", (p, inverted) => {
    const brute = bruteForceMonteCarlo(X, y, w, p, 2_000, createRng(17), inverted);
    const [estimate] = dropoutObjectiveEstimates(X, y, w, p, [2_000], createRng(17), { inverted });
    expect(Math.abs(estimate.mean - brute.mean)).toBeLessThan(1e-12 * brute.mean);
    expect(Math.abs(estimate.standardError - brute.standardError)).toBeLessThan(1e-9 * brute.standardError);
    expect(dropoutObjectiveMonteCarlo(X, y, w, p, 2_000, createRng(17), { inverted })).toBeCloseTo(brute.mean, 9);
  });

  it("inverted masks estimate the inverted objective", () => {
    const [estimate] = dropoutObjectiveEstimates(X, y, w, 0.6, [20_000], createRng(14), { inverted: true });
    expect(Math.abs(estimate.mean - invertedDropoutObjective(X, y, w, 0.6))).toBeLessThan(4 * estimate.standardError);
  });

  it("reports running estimates whose standard error shrinks like 1/√N", () => {
    const checkpoints = [100, 400, 1600, 6400];
    const estimates = dropoutObjectiveEstimates(X, y, w, 0.5, checkpoints, createRng(15));
    expect(estimates.map((e) => e.samples)).toEqual(checkpoints);
    for (let k = 1; k < estimates.length; k++) {
      const ratio = estimates[k - 1].standardError / estimates[k].standardError;
      expect(ratio).toBeGreaterThan(1.6); // √4 = 2, up to the noise in the sample variance
      expect(ratio).toBeLessThan(2.5);
    }
  });

  it("is exact at p = 1 (every mask keeps everything)", () => {
    const value = dropoutObjectiveMonteCarlo(X, y, w, 1, 3, createRng(16));
    expect(value).toBeCloseTo(Matrix.sub(y, X.mmul(w)).norm() ** 2, 9);
  });
});
