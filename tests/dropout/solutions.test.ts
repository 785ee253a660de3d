import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import { dropoutObjective } from "../../lib/src/dropout/objective";
import { columnNormDiagonal, columnNorms, dropoutGamma, dropoutSolution, tikhonovSolution } from "../../lib/src/dropout/solutions";
import { makeRegressionData } from "../../lib/src/dropout/data";
import { numericGradient, relativeError } from "../../lib/src/residual/finite-difference";

const { X, y } = makeRegressionData({ n: 50, d: 5, scales: [0.1, 0.5, 1, 5, 10], rng: createRng(21) });

describe("column norms and Γ̌", () => {
  it("gives ‖X_{:,j}‖ on the diagonal", () => {
    const A = new Matrix([[3, 0], [4, 1]]);
    expect(columnNorms(A)).toEqual([5, 1]);
    expect(columnNormDiagonal(A).to2DArray()).toEqual([[5, 0], [0, 1]]);
  });

  it("dropoutGamma is √((1−p)/p)·Γ̌: strength 1/3 at p = 0.9, 1 at p = 0.5, 0 at p = 1", () => {
    const norms = columnNorms(X);
    for (const [p, factor] of [[0.9, 1 / 3], [0.5, 1], [0.1, 3], [1, 0]]) {
      dropoutGamma(X, p).diag().forEach((g, j) => expect(g).toBeCloseTo(factor * norms[j], 10));
    }
  });
});

describe("dropoutSolution: the minimiser w̌ of (4)", () => {
  it.each([0.9, 0.5, 0.1, 0.01])("rescaled, p·w̌ is the Tikhonov solution with Γ = dropoutGamma (p = %s)", (p) => {
    const scaled = dropoutSolution(X, y, p).mul(p);
    expect(relativeError(scaled, tikhonovSolution(X, y, dropoutGamma(X, p)))).toBeLessThan(1e-9);
  });

  it.each([0.8, 0.3])("makes the gradient of (4) vanish, by central differences (p = %s)", (p) => {
    const wCheck = dropoutSolution(X, y, p);
    const f = (w: Matrix) => dropoutObjective(X, y, w, p);
    const gradient = numericGradient(f, wCheck, 1e-4).to1DArray();
    // Compare with the gradient's size one unit away from the minimiser, where it is O(‖X‖²).
    const away = numericGradient(f, Matrix.add(wCheck, Matrix.ones(5, 1)), 1e-4).to1DArray();
    const scale = Math.max(...away.map(Math.abs));
    gradient.forEach((g) => expect(Math.abs(g)).toBeLessThan(1e-7 * scale));
    // and it is a minimum: moving any coordinate raises the objective
    for (let j = 0; j < 5; j++) {
      const moved = wCheck.clone();
      moved.set(j, 0, moved.get(j, 0) + 1e-3);
      expect(f(moved)).toBeGreaterThan(f(wCheck));
    }
  });

  it("is ordinary least squares at p = 1", () => {
    const ls = tikhonovSolution(X, y, Matrix.zeros(1, 5));
    expect(relativeError(dropoutSolution(X, y, 1), ls)).toBeLessThan(1e-10);
    // least squares: the residual is orthogonal to every column
    const residual = Matrix.sub(y, X.mmul(ls));
    X.transpose().mmul(residual).getColumn(0).forEach((v, j) =>
      expect(Math.abs(v)).toBeLessThan(1e-9 * columnNorms(X)[j] * y.norm()));
  });

  it("accepts a non-square Γ in tikhonovSolution (Γ = √λ I stacked is ridge)", () => {
    const lambda = 2.5;
    const stacked = Matrix.eye(5, 5).mul(Math.sqrt(lambda / 2));
    const Gamma = new Matrix(10, 5);
    Gamma.setSubMatrix(stacked, 0, 0);
    Gamma.setSubMatrix(stacked, 5, 0);
    const normal = Matrix.add(X.transpose().mmul(X), Matrix.eye(5).mul(lambda));
    // (XᵀX + λI) w = Xᵀy holds for the result
    const w = tikhonovSolution(X, y, Gamma);
    expect(relativeError(normal.mmul(w), X.transpose().mmul(y))).toBeLessThan(1e-10);
  });

  it("does not mutate X or y", () => {
    const before = [X.to2DArray(), y.to2DArray()];
    dropoutSolution(X, y, 0.4);
    tikhonovSolution(X, y, dropoutGamma(X, 0.4));
    expect([X.to2DArray(), y.to2DArray()]).toEqual(before);
  });
});
