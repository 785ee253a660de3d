// The finite-difference reference pinned to closed forms: every gradient test in the project
// compares against numericGradient / numericJacobian through relativeError, so these are
// checked against answers known exactly, not against other code.
import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import { numericGradient, numericJacobian, relativeError } from "../../lib/src/residual/finite-difference";

const rng = createRng(2024);
const entrywise = (X: Matrix, f: (v: number) => number) => new Matrix(X.to2DArray().map((row) => row.map(f)));

describe("relativeError = ‖A − B‖_F / max(‖A‖_F, ‖B‖_F)", () => {
  it("gives the values of hand-computed pairs", () => {
    const A = new Matrix([[3, 0], [0, 4]]); // ‖A‖ = 5
    expect(relativeError(A, A)).toBe(0);
    expect(relativeError(A, Matrix.zeros(2, 2))).toBe(1); // ‖A − 0‖ / ‖A‖
    expect(relativeError(A, A.clone().mul(-1))).toBe(2); // ‖2A‖ / ‖A‖
    expect(relativeError(A, A.clone().mul(2))).toBeCloseTo(0.5, 15); // ‖A‖ / ‖2A‖: the larger norm scales
    expect(relativeError(A.clone().mul(2), A)).toBeCloseTo(0.5, 15); // symmetric
    // ‖(0, 1)‖ / max(‖(3, 4)‖, ‖(3, 5)‖) = 1/√34
    expect(relativeError(new Matrix([[3], [4]]), new Matrix([[3], [5]]))).toBeCloseTo(1 / Math.sqrt(34), 15);
    expect(relativeError(new Matrix([[1, 2]]), new Matrix([[1, 2.001]]))).toBeCloseTo(0.001 / Math.sqrt(1 + 2.001 ** 2), 15);
  });

  it("is 0 for two zero matrices and scale-invariant", () => {
    expect(relativeError(Matrix.zeros(3, 2), Matrix.zeros(3, 2))).toBe(0);
    const A = rng.normalMatrix(3, 3);
    const B = rng.normalMatrix(3, 3);
    expect(relativeError(A.clone().mul(1e6), B.clone().mul(1e6))).toBeCloseTo(relativeError(A, B), 12);
  });
});

describe("numericGradient (central differences)", () => {
  it("of xᵀAx is (A + Aᵀ)x for a non-symmetric A", () => {
    const A = rng.normalMatrix(4, 4);
    const x = rng.normalMatrix(4, 1);
    const f = (v: Matrix) => v.transpose().mmul(A).mmul(v).get(0, 0);
    const exact = Matrix.add(A, A.transpose()).mmul(x);
    // a quadratic has f''' = 0: central differences are exact up to rounding (ε|f|/h ≈ 1e-10)
    expect(relativeError(numericGradient(f, x), exact)).toBeLessThan(1e-8);
  });

  it("of Σ sin(X_ij) is cos(X) entrywise, for a matrix argument", () => {
    const X = rng.normalMatrix(3, 2);
    const grad = numericGradient((M) => M.to1DArray().reduce((s, v) => s + Math.sin(v), 0), X);
    expect(grad.rows).toBe(3);
    expect(grad.columns).toBe(2);
    expect(relativeError(grad, entrywise(X, Math.cos))).toBeLessThan(1e-9);
  });

  it("has error shrinking like h² (the truncation term h² f'''/6)", () => {
    // f(x) = Σ exp(x_i): f''' = exp(x_i), so the error at coordinate i is h² exp(x_i)/6.
    const x = new Matrix([[0.3], [-0.2], [0.7]]);
    const f = (v: Matrix) => v.to1DArray().reduce((s, t) => s + Math.exp(t), 0);
    const exact = x.clone().exp();
    const errors = [1e-2, 1e-3].map((h) => Matrix.sub(numericGradient(f, x, h), exact));
    for (let i = 0; i < 3; i++) {
      const predicted = (h: number) => (h * h * Math.exp(x.get(i, 0))) / 6;
      expect(errors[0].get(i, 0) / predicted(1e-2)).toBeCloseTo(1, 3);
      expect(errors[1].get(i, 0) / predicted(1e-3)).toBeCloseTo(1, 1);
    }
    const ratio = errors[0].norm() / errors[1].norm();
    expect(ratio).toBeGreaterThan(95); // h ten times smaller, error 100 times smaller
    expect(ratio).toBeLessThan(105);
  });

  it("does not mutate its argument", () => {
    const X = rng.normalMatrix(2, 2);
    const before = X.to2DArray();
    numericGradient((M) => M.sum(), X);
    expect(X.to2DArray()).toEqual(before);
  });
});

describe("numericJacobian", () => {
  it("of a linear map x ↦ Mx is M (m×n, one column per input)", () => {
    const M = rng.normalMatrix(3, 5);
    const x = rng.normalMatrix(5, 1);
    const J = numericJacobian((v) => M.mmul(v), x);
    expect([J.rows, J.columns]).toEqual([3, 5]);
    expect(relativeError(J, M)).toBeLessThan(1e-9);
  });

  it("of elementwise sin is diag(cos x)", () => {
    const x = rng.normalMatrix(4, 1);
    const J = numericJacobian((v) => entrywise(v, Math.sin), x);
    const exact = Matrix.diag(x.to1DArray().map(Math.cos));
    expect(relativeError(J, exact)).toBeLessThan(1e-9);
    // off-diagonal entries are exactly zero: coordinate j's nudge leaves output i ≠ j unchanged
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (i !== j) expect(J.get(i, j)).toBe(0);
  });

  it("of x ↦ (x₀x₁, x₀²) is [[x₁, x₀], [2x₀, 0]]", () => {
    const x = new Matrix([[1.5], [-0.5]]);
    const J = numericJacobian((v) => new Matrix([[v.get(0, 0) * v.get(1, 0)], [v.get(0, 0) ** 2]]), x);
    expect(relativeError(J, new Matrix([[-0.5, 1.5], [3, 0]]))).toBeLessThan(1e-9);
  });
});
