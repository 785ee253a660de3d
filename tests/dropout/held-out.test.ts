import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import { makeRegressionData } from "../../lib/src/dropout/data";
import { averageCurves, heldOutCurves, heldOutError, heldOutExperiment, summarizeHeldOut } from "../../lib/src/dropout/held-out";
import { dropoutSolution } from "../../lib/src/dropout/solutions";

const scales = [0.1, 0.5, 1, 3, 10];

describe("held-out error", () => {
  it("heldOutError is the mean squared residual, intercept included", () => {
    const X = new Matrix([[1, 2], [3, 4], [0, 1]]);
    const y = Matrix.columnVector([1, 0, 2]);
    const w = Matrix.columnVector([0.5, -1]);
    const residuals = [1 - (0.5 - 2) - 0.25, 0 - (1.5 - 4) - 0.25, 2 - (0 - 1) - 0.25];
    expect(heldOutError(X, y, w, 0.25)).toBeCloseTo(residuals.reduce((s, e) => s + e * e, 0) / 3, 14);
  });

  it("on many fresh rows, matches its expectation noise² + Σ s_j²(w_j − w⋆_j)²", () => {
    const train = makeRegressionData({ n: 8, d: 5, scales, noise: 1, equalEffects: true, rng: createRng(1) });
    const test = makeRegressionData({ n: 40_000, d: 5, scales, noise: 1, wTrue: train.wTrue, rng: createRng(2) });
    const w = Matrix.mul(dropoutSolution(train.X, train.y, 0.6), 0.6);
    const expected = 1 + scales.reduce((s, sj, j) => s + sj ** 2 * (w.get(j, 0) - train.wTrue.get(j, 0)) ** 2, 0);
    expect(Math.abs(heldOutError(test.X, test.y, w) / expected - 1)).toBeLessThan(0.03);
  });

  it("curves: p = 1 is least squares, λ → 0 ridge tends to it, and with n close to d and noise a penalty helps", () => {
    const train = makeRegressionData({ n: 7, d: 5, scales, noise: 2, equalEffects: true, rng: createRng(3) });
    const test = makeRegressionData({ n: 2000, d: 5, scales, noise: 2, wTrue: train.wTrue, rng: createRng(4) });
    const curves = heldOutCurves(train, test, { ps: [0.05, 0.5, 1], lambdas: [1e-9, 1, 1e9] });
    expect(curves.dropout[2].error).toBeCloseTo(curves.leastSquares, 10);
    expect(curves.ridge[0].error / curves.leastSquares).toBeCloseTo(1, 6);
    // λ → ∞ shrinks raw ridge to 0, standardised ridge to the mean of y: both near Var(y) on fresh rows
    const zero = test.y.getColumn(0).reduce((s, v) => s + v * v, 0) / 2000;
    expect(curves.ridge[2].error / zero).toBeCloseTo(1, 3);
    const s = summarizeHeldOut(curves);
    expect(s.bestDropout.error).toBeLessThanOrEqual(curves.leastSquares);
    expect(s.bestDropout.error).toBe(Math.min(...curves.dropout.map((q) => q.error)));
    expect(s.hurting).toEqual(curves.dropout.filter((q) => q.setting < 1 && q.error > curves.leastSquares).map((q) => q.setting));
  });

  it("noise-free data: no penalty helps, dropout hurts at every p < 1", () => {
    const r = heldOutExperiment({ n: 12, d: 5, scales, noise: 0, trials: 3, nTest: 200, rng: createRng(5), ps: [0.2, 0.6, 0.9, 1], lambdas: [0.1, 10] });
    expect(r.summary.leastSquares).toBeLessThan(1e-20);
    expect(r.summary.hurting).toEqual([0.2, 0.6, 0.9]);
    expect(r.summary.bestDropout.setting).toBe(1);
  });

  it("averageCurves is the pointwise mean and refuses different grids", () => {
    const a = { leastSquares: 2, dropout: [{ setting: 0.5, error: 1 }], ridge: [{ setting: 1, error: 3 }], standardized: [{ setting: 1, error: 5 }] };
    const b = { leastSquares: 4, dropout: [{ setting: 0.5, error: 3 }], ridge: [{ setting: 1, error: 1 }], standardized: [{ setting: 1, error: 1 }] };
    expect(averageCurves([a, b])).toEqual({ leastSquares: 3, dropout: [{ setting: 0.5, error: 2 }], ridge: [{ setting: 1, error: 2 }], standardized: [{ setting: 1, error: 3 }] });
    const c = { ...b, dropout: [{ setting: 0.6, error: 3 }] };
    expect(() => averageCurves([a, c])).toThrow(/curves\[1\]\.dropout\[0\]\.setting = 0.6 is invalid: expected 0.5/);
  });

  it("reproduces itself from the seed and refuses bad grids, naming them", () => {
    const opts = { n: 9, d: 5, scales, noise: 1, trials: 2, nTest: 100, ps: [0.5, 1], lambdas: [1] };
    expect(heldOutExperiment({ ...opts, rng: createRng(6) }).curves).toEqual(heldOutExperiment({ ...opts, rng: createRng(6) }).curves);
    expect(() => heldOutExperiment({ ...opts, ps: [0], rng: createRng(6) })).toThrow(/ps\[0\] = 0 is invalid/);
    expect(() => heldOutExperiment({ ...opts, trials: 0, rng: createRng(6) })).toThrow(/trials = 0 is invalid/);
  });
});

describe("heldOutCurves against the library's own solvers", () => {
  it("each point is the held-out error of dropoutSolution·p, ridgeSolution and standardizedRidgePath's fit", async () => {
    const { ridgeSolution } = await import("../../lib/src/dropout/ridge");
    const { standardizedRidgePath } = await import("../../lib/src/dropout/paths");
    const train = makeRegressionData({ n: 11, d: 5, scales, noise: 1.5, equalEffects: true, rng: createRng(8) });
    const test = makeRegressionData({ n: 300, d: 5, scales, noise: 1.5, wTrue: train.wTrue, rng: createRng(9) });
    const [ps, lambdas] = [[0.1, 0.55, 0.9], [0.01, 3, 500]];
    const curves = heldOutCurves(train, test, { ps, lambdas });
    const err = (w: Matrix, b = 0) => heldOutError(test.X, test.y, w, b);
    ps.forEach((p, k) => expect(curves.dropout[k].error).toBeCloseTo(err(Matrix.mul(dropoutSolution(train.X, train.y, p), p)), 10));
    lambdas.forEach((lambda, k) => {
      expect(curves.ridge[k].error).toBeCloseTo(err(ridgeSolution(train.X, train.y, lambda)), 10);
      const w = Matrix.columnVector(standardizedRidgePath(train.X, train.y, [lambda]).map((r) => r.coef));
      const intercept = train.y.mean() - train.X.mean("column").reduce((s, m, j) => s + m * w.get(j, 0), 0);
      expect(curves.standardized[k].error).toBeCloseTo(err(w, intercept), 10);
    });
  });
});
