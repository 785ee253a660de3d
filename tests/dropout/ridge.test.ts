import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import { dropoutRidge, fromRidge, ridgeSolution, toRidge } from "../../lib/src/dropout/ridge";
import { columnNorms, dropoutGamma, dropoutSolution, tikhonovSolution } from "../../lib/src/dropout/solutions";
import { makeRegressionData } from "../../lib/src/dropout/data";
import { numericGradient, relativeError } from "../../lib/src/residual/finite-difference";

const { X, y } = makeRegressionData({ n: 40, d: 4, scales: [0.1, 1, 3, 10], rng: createRng(31) });

describe("toRidge / fromRidge: (3) as classical ridge (5)", () => {
  const lambdas = [0.01, 1, 7, 300];

  it.each(lambdas)("ridge on X̃ mapped back equals Tikhonov on X (dropout Γ, λ = %s)", (lambda) => {
    const Gamma = dropoutGamma(X, 0.6);
    const wTilde = ridgeSolution(toRidge(X, Gamma, lambda), y, lambda);
    expect(relativeError(fromRidge(wTilde, Gamma, lambda), tikhonovSolution(X, y, Gamma))).toBeLessThan(1e-9);
  });

  it.each(lambdas)("works for a general invertible (non-diagonal) Γ (λ = %s)", (lambda) => {
    const Gamma = Matrix.add(createRng(32).normalMatrix(4, 4), Matrix.eye(4).mul(3));
    const wTilde = ridgeSolution(toRidge(X, Gamma, lambda), y, lambda);
    expect(relativeError(fromRidge(wTilde, Gamma, lambda), tikhonovSolution(X, y, Gamma))).toBeLessThan(1e-9);
    // X̃ Γ = λ^{1/2} X, the defining identity
    expect(relativeError(toRidge(X, Gamma, lambda).mmul(Gamma), X.clone().mul(Math.sqrt(lambda)))).toBeLessThan(1e-12);
  });

  it("chains to the dropout solution: fromRidge(ridge on X̃) = p·w̌", () => {
    const p = 0.35;
    const lambda = 2;
    const { XTilde, Gamma } = dropoutRidge(X, p, lambda);
    const w = fromRidge(ridgeSolution(XTilde, y, lambda), Gamma, lambda);
    expect(relativeError(w, dropoutSolution(X, y, p).mul(p))).toBeLessThan(1e-9);
  });

  it("gives every column of X̃ the same norm λ^{1/2}√(p/(1−p)) for the dropout Γ", () => {
    for (const p of [0.9, 0.5, 0.1]) {
      for (const lambda of [0.5, 1, 4]) {
        const { XTilde, columnNorm } = dropoutRidge(X, p, lambda);
        const expected = Math.sqrt(lambda) * Math.sqrt(p / (1 - p));
        expect(columnNorm).toBeCloseTo(expected, 12);
        columnNorms(XTilde).forEach((norm) => expect(Math.abs(norm - expected)).toBeLessThan(1e-12 * expected));
      }
    }
    // while the columns of X itself span two orders of magnitude
    const norms = columnNorms(X);
    expect(Math.max(...norms) / Math.min(...norms)).toBeGreaterThan(30);
  });

  it("ridgeSolution satisfies its normal equations (XᵀX + λI) w = Xᵀy", () => {
    const w = ridgeSolution(X, y, 3);
    const lhs = Matrix.add(X.transpose().mmul(X), Matrix.eye(4).mul(3)).mmul(w);
    expect(relativeError(lhs, X.transpose().mmul(y))).toBeLessThan(1e-12);
  });

  it("does not mutate its inputs", () => {
    const Gamma = dropoutGamma(X, 0.5);
    const wTilde = createRng(33).normalMatrix(4, 1);
    const before = [X, y, Gamma, wTilde].map((M) => M.to2DArray());
    toRidge(X, Gamma, 2);
    fromRidge(wTilde, Gamma, 2);
    ridgeSolution(X, y, 2);
    expect([X, y, Gamma, wTilde].map((M) => M.to2DArray())).toEqual(before);
  });
});
