import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import { dropoutSgd, sgdStepGeometry } from "../../lib/src/dropout/sgd";
import { predictPolyakError, sgdGradientCovariance, sgdHessian } from "../../lib/src/dropout/polyak-error";
import { dropoutSolution } from "../../lib/src/dropout/solutions";
import { makeRegressionData } from "../../lib/src/dropout/data";
import { maskProbabilities } from "../../lib/src/dropout/mask-enumeration";
import { scaledRelativeError } from "../../lib/src/dropout/scaled-error";

const { X, y } = makeRegressionData({ n: 12, d: 3, scales: [0.2, 1, 5], noise: 1, rng: createRng(4) });
const p = 0.3;
const wCheck = dropoutSolution(X, y, p);

/** E over rows i and all 2^d masks r of f(x̃ = s·(r ⊙ x_i), y_i), listed one by one. */
function overMasks(f: (xt: number[], yi: number) => Matrix, scale: number): Matrix {
  let total = Matrix.zeros(X.columns, X.columns);
  X.to2DArray().forEach((row, i) => {
    for (const { bits, probability } of maskProbabilities(X.columns, p)) {
      const xt = row.map((x, j) => ((bits >> j) & 1 ? scale * x : 0));
      total = total.add(f(xt, y.get(i, 0)).mul(probability / X.rows));
    }
  });
  return total;
}

describe("the moments of one SGD step, against every mask listed", () => {
  for (const scale of [1, 1 / p]) {
    it(`H = E[2 x̃x̃ᵀ] and S = E[g gᵀ] at w*, kept entries × ${scale.toFixed(3)}`, () => {
      const target = Matrix.mul(wCheck, scale === 1 ? 1 : p);
      const outer = (xt: number[]) => Matrix.columnVector(xt).mmul(Matrix.rowVector(xt));
      const H = overMasks((xt) => outer(xt).mul(2), scale);
      const S = overMasks((xt, yi) => {
        const e = yi - xt.reduce((s, v, j) => s + v * target.get(j, 0), 0);
        return outer(xt).mul(4 * e * e);  // g = −2 e x̃
      }, scale);
      expect(Matrix.sub(sgdHessian(X, p, scale), H).abs().max()).toBeLessThan(1e-10 * H.abs().max());
      expect(Matrix.sub(sgdGradientCovariance(X, y, target, p, scale), S).abs().max()).toBeLessThan(1e-10 * S.abs().max());
      // at w* the mean gradient E[−2 e x̃] vanishes: the target is where SGD is pulled
      const meanGradient = overMasks((xt, yi) => {
        const e = yi - xt.reduce((s, v, j) => s + v * target.get(j, 0), 0);
        return Matrix.columnVector(xt).mul(-2 * e).mmul(Matrix.ones(1, X.columns));
      }, scale);
      expect(meanGradient.abs().max()).toBeLessThan(1e-10 * H.abs().max() * target.norm());
    });
  }
});

describe("predictPolyakError", () => {
  it("bias: the mean of the average, E[w_t] iterated step by step (E[w_{t+1}] = E[w_t] − ηPH(E[w_t] − w*))", () => {
    const { P, stepSize } = sgdStepGeometry(X, p, { inverted: false, stepScale: 1 / 8, precondition: "column-norms" });
    const H = sgdHessian(X, p);
    const M = Matrix.diag(P).mmul(H).mul(stepSize);
    let mean = Matrix.zeros(X.columns, 1);
    const sum = Matrix.zeros(X.columns, 1);
    const wanted = [1, 10, 300, 2000];
    const recursion: number[] = [];
    for (let t = 1; t <= 2000; t++) {
      mean = Matrix.sub(mean, M.mmul(Matrix.sub(mean, wCheck)));
      sum.add(mean);
      if (wanted.includes(t)) recursion.push(scaledRelativeError(X, Matrix.div(sum, t), wCheck));
    }
    const predicted = predictPolyakError(X, y, { p }, wanted).map((pt) => pt.bias);
    predicted.forEach((b, k) => expect(b).toBeCloseTo(recursion[k], 10));
    expect(predicted[2] / predicted[3]).toBeCloseTo(2000 / 300, 0);  // 1/T once (I − M)^T has died out
  });

  it("spread falls like 1/√T and rms = √(bias² + spread²)", () => {
    const [a, b] = predictPolyakError(X, y, { p }, [10_000, 40_000]);
    expect(a.spread / b.spread).toBeCloseTo(2, 12);
    expect(a.rms).toBeCloseTo(Math.hypot(a.bias, a.spread), 14);
  });

  it("predicts the root mean square error of real runs over 40 seeds, and the mean offset of their averages", () => {
    const steps = 4000;
    const [pred] = predictPolyakError(X, y, { p }, [steps]);
    const offsets = Array.from({ length: 40 }, (_, seed) => dropoutSgd(X, y, { p, rng: createRng(100 + seed), steps }).average);
    const meanSquare = offsets.reduce((s, w) => s + scaledRelativeError(X, w, wCheck) ** 2, 0) / offsets.length;
    // a mean of 40 squared errors: its relative sampling error is about √(2/40) ≈ 0.22 for one dominant direction
    expect(Math.sqrt(meanSquare) / pred.rms).toBeGreaterThan(0.7);
    expect(Math.sqrt(meanSquare) / pred.rms).toBeLessThan(1.3);
    const meanAverage = offsets.reduce((s, w) => Matrix.add(s, w), Matrix.zeros(X.columns, 1)).div(offsets.length);
    // the offset of the mean of 40 runs: bias plus a random part of size spread/√40
    expect(Math.abs(scaledRelativeError(X, meanAverage, wCheck) - pred.bias)).toBeLessThan(3 * pred.spread / Math.sqrt(40));
  });

  it("gives inverted dropout the same relative errors (the same run with u = p·w)", () => {
    const real = predictPolyakError(X, y, { p, stepScale: 0.5 }, [5000]);
    const inverted = predictPolyakError(X, y, { p, stepScale: 0.5, inverted: true }, [5000]);
    expect(inverted[0].bias).toBeCloseTo(real[0].bias, 12);
    expect(inverted[0].spread).toBeCloseTo(real[0].spread, 12);
  });

  it("shrinks the spread by √B for batches of B rows, and starts the bias from w0", () => {
    const [one] = predictPolyakError(X, y, { p }, [5000]);
    const [four] = predictPolyakError(X, y, { p, batchSize: 4 }, [5000]);
    expect(one.spread / four.spread).toBeCloseTo(2, 12);
    const [started] = predictPolyakError(X, y, { p, w0: wCheck }, [5000]);
    expect(started.bias).toBe(0);
  });

  it("rejects bad arguments with a RangeError naming them", () => {
    expect(() => predictPolyakError(X, y, { p: 0 }, [10])).toThrow(/p = 0/);
    expect(() => predictPolyakError(X, y, { p, stepScale: 2 }, [10])).toThrow(/stepScale = 2/);
    expect(() => predictPolyakError(X, y, { p }, [0])).toThrow(/steps\[0\] = 0/);
    expect(() => predictPolyakError(X, y, { p, batchSize: 13 }, [10])).toThrow(/batchSize = 13/);
    expect(() => predictPolyakError(X, Matrix.zeros(12, 1), { p }, [10])).toThrow(RangeError);
  });
});
