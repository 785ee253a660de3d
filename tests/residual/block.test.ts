import { describe, expect, it } from "vitest";
import { EigenvalueDecomposition, Matrix, solve } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import {
  negativeIdentityBranch,
  numericGradient,
  numericJacobian,
  branchJacobian,
  relativeError,
  residualBlock,
  residualBlockJacobian,
  sigmaMinBound,
} from "../../lib/src/residual";
import { distanceToKink, randomBlock } from "./helpers";

describe("residualBlock", () => {
  it("computes W2 · ReLU(W1 · X0) + X0 entry by entry, for a vector and a batch", () => {
    const { W1, W2, X0 } = randomBlock(5, 3, 1);
    const X1 = residualBlock(W1, W2, X0);
    expect([X1.rows, X1.columns]).toEqual([5, 3]);
    for (let b = 0; b < 3; b++) {
      const x = X0.getColumn(b);
      const a = W1.to2DArray().map((row) => Math.max(0, row.reduce((s, w, k) => s + w * x[k], 0)));
      const expected = W2.to2DArray().map((row, i) => row.reduce((s, w, k) => s + w * a[k], 0) + x[i]);
      expected.forEach((v, i) => expect(X1.get(i, b)).toBeCloseTo(v, 13));
      // the batch is the same map applied column by column
      const single = residualBlock(W1, W2, X0.subMatrixColumn([b]));
      expect(relativeError(single, X1.subMatrixColumn([b]))).toBeLessThan(1e-15);
    }
  });

  it("leaves its inputs untouched", () => {
    const { W1, W2, X0 } = randomBlock(4, 2, 2);
    const copies = [W1, W2, X0].map((M) => M.clone());
    residualBlock(W1, W2, X0);
    residualBlockJacobian(W1, W2, X0.subMatrixColumn([0]));
    expect([W1, W2, X0]).toEqual(copies);
  });
});

describe("block Jacobians", () => {
  it.each([1, 2, 3, 4])("I + W2 D W1 matches central differences (seed %i)", (seed) => {
    const { W1, W2, X0 } = randomBlock(8, 1, seed);
    // finite differences move W1 x0 by at most h·max row sum; stay well clear of the kink
    expect(distanceToKink(W1.mmul(X0))).toBeGreaterThan(1e-4);
    const f = (X: Matrix) => residualBlock(W1, W2, X);
    expect(relativeError(residualBlockJacobian(W1, W2, X0), numericJacobian(f, X0))).toBeLessThan(1e-6);
    const branch = (X: Matrix) => Matrix.sub(residualBlock(W1, W2, X), X);
    expect(relativeError(branchJacobian({ W1, W2 }, X0, "relu"), numericJacobian(branch, X0))).toBeLessThan(1e-6);
  });

  it("is exactly I when W2 = 0, and exactly I + W2 W1 when every unit is active", () => {
    const { W1, X0 } = randomBlock(6, 1, 5);
    expect(residualBlockJacobian(W1, Matrix.zeros(6, 6), X0)).toEqual(Matrix.eye(6));
    // with x0 = W1⁻¹ u, u > 0, every unit is active (D = I), so the Jacobian is I + W2 W1
    const { W2 } = randomBlock(6, 1, 6);
    const x0 = solve(W1, createRng(7).uniformMatrix(6, 1, 0.5, 1.5));
    expect(distanceToKink(W1.mmul(x0))).toBeGreaterThan(0.4);
    expect(relativeError(residualBlockJacobian(W1, W2, x0), Matrix.add(Matrix.eye(6), W2.mmul(W1)))).toBeLessThan(1e-14);
    // and when no unit is active (D = 0) it is I again, whatever W2
    expect(residualBlockJacobian(W1, W2, Matrix.mul(x0, -1))).toEqual(Matrix.eye(6));
  });

  it("backward (I + W1ᵀ D W2ᵀ) g is the gradient of ⟨X1, g⟩", () => {
    const { W1, W2, X0, rng } = randomBlock(7, 1, 8);
    expect(distanceToKink(W1.mmul(X0))).toBeGreaterThan(1e-4);
    const g = rng.normalMatrix(7, 1);
    const backward = residualBlockJacobian(W1, W2, X0).transpose().mmul(g);
    const loss = (X: Matrix) => residualBlock(W1, W2, X).dot(g);
    expect(relativeError(backward, numericGradient(loss, X0))).toBeLessThan(1e-6);
  });
});

describe("the honest caveat", () => {
  it.each([3, 8, 16])("W2 D W1 = −I makes the residual Jacobian exactly 0 (n = %i)", (n) => {
    const { W1, W2, X0 } = negativeIdentityBranch(n, createRng(n));
    expect(distanceToKink(W1.mmul(X0))).toBeGreaterThan(0.4); // every unit active: D = I
    expect(relativeError(branchJacobian({ W1, W2 }, X0, "relu"), Matrix.eye(n).mul(-1))).toBeLessThan(1e-10);
    expect(residualBlockJacobian(W1, W2, X0).norm("frobenius")).toBeLessThan(1e-10);
    expect(residualBlock(W1, W2, X0).norm("frobenius")).toBeLessThan(1e-10 * X0.norm("frobenius"));
  });

  it("σ_min(I + A) ≥ 1 − ‖A‖₂ on random A of many sizes and scales", () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + (trial % 9);
      const A = rng.normalMatrix(n, n, (0.05 + (trial % 6) * 0.15) / Math.sqrt(n));
      const { sigmaMin, bound, normA } = sigmaMinBound(A);
      // ‖A‖₂ = √λ_max(AᵀA), computed independently of the SVD behind sigmaMinBound
      const gram = new EigenvalueDecomposition(A.transpose().mmul(A), { assumeSymmetric: true });
      expect(normA).toBeCloseTo(Math.sqrt(Math.max(...gram.realEigenvalues)), 12);
      expect(sigmaMin).toBeGreaterThanOrEqual(bound - 1e-12);
    }
  });

  it.each([0, 0.1, 0.3, 0.5, 0.9, 1])("the bound is attained exactly by A = −t·I (t = %s): σ_min = 1 − t = bound", (t) => {
    const n = 5;
    const { sigmaMin, bound, normA } = sigmaMinBound(Matrix.eye(n).mul(-t));
    expect(normA).toBeCloseTo(t, 14);
    expect(bound).toBeCloseTo(1 - t, 14);
    expect(sigmaMin).toBeCloseTo(1 - t, 14);
  });

  it("past ‖A‖₂ = 1 the bound is negative and no longer tight: A = −t·I with t > 1 gives σ_min = t − 1", () => {
    for (const t of [1.5, 2, 3]) {
      const { sigmaMin, bound } = sigmaMinBound(Matrix.eye(4).mul(-t));
      expect(bound).toBeCloseTo(1 - t, 14);
      expect(sigmaMin).toBeCloseTo(t - 1, 14);
    }
  });
});
