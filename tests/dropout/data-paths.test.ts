import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import { makeRegressionData } from "../../lib/src/dropout/data";
import { dropoutPath, ridgePath, standardizedRidgePath, type CoefficientPathRow } from "../../lib/src/dropout/paths";
import { columnNorms, dropoutSolution, tikhonovSolution } from "../../lib/src/dropout/solutions";
import { ridgeSolution } from "../../lib/src/dropout/ridge";

const sd = (v: number[]) => {
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
};

describe("makeRegressionData", () => {
  it("draws columns with the requested scales and noise of the requested size", () => {
    const { X, y, wTrue } = makeRegressionData({ n: 20_000, d: 3, scales: [0.1, 1, 10], noise: 0.5, rng: createRng(41) });
    expect([X.rows, X.columns, y.rows, y.columns, wTrue.rows, wTrue.columns]).toEqual([20_000, 3, 20_000, 1, 3, 1]);
    // the sample sd of N(0, s²) has relative standard error 1/√(2n) ≈ 0.5 %: allow 3 %
    [0.1, 1, 10].forEach((scale, j) => expect(Math.abs(sd(X.getColumn(j)) / scale - 1)).toBeLessThan(0.03));
    expect(Math.abs(sd(Matrix.sub(y, X.mmul(wTrue)).getColumn(0)) / 0.5 - 1)).toBeLessThan(0.03);
  });

  it("reproduces itself from the seed and defaults to scales 0.1 … 10", () => {
    const a = makeRegressionData({ n: 5, d: 3, rng: createRng(42) });
    const b = makeRegressionData({ n: 5, d: 3, rng: createRng(42) });
    expect(a.X.to2DArray()).toEqual(b.X.to2DArray());
    expect(a.y.to2DArray()).toEqual(b.y.to2DArray());
    const big = makeRegressionData({ n: 20_000, d: 3, rng: createRng(43) });
    [0.1, 1, 10].forEach((scale, j) => expect(Math.abs(sd(big.X.getColumn(j)) / scale - 1)).toBeLessThan(0.03));
  });
});

describe("coefficient paths", () => {
  const { X, y } = makeRegressionData({ n: 60, d: 3, scales: [0.1, 1, 10], rng: createRng(44) });
  const coefs = (rows: CoefficientPathRow[], key: "p" | "lambda", value: number) =>
    rows.filter((r) => r[key] === value).map((r) => r.coef);

  it("dropout rows hold p·w̌, least squares at p = 1, and λ = (1−p)/p", () => {
    const rows = dropoutPath(X, y, [1, 0.5, 0.1]);
    expect(rows).toHaveLength(9);
    expect(rows[0]).toMatchObject({ method: "dropout (p·w̌)", p: 1, lambda: 0, feature: "x1" });
    const ls = tikhonovSolution(X, y, Matrix.zeros(1, 3)).getColumn(0);
    coefs(rows, "p", 1).forEach((c, j) => expect(c).toBeCloseTo(ls[j], 9));
    const w = dropoutSolution(X, y, 0.1).getColumn(0);
    coefs(rows, "p", 0.1).forEach((c, j) => expect(c).toBeCloseTo(0.1 * w[j], 9));
    expect(rows.find((r) => r.p === 0.1)!.lambda).toBeCloseTo(9, 12);
  });

  it("dropout equals ridge with λ = (1−p)/p on unit-norm columns, mapped back", () => {
    const norms = columnNorms(X);
    const unit = X.clone().divRowVector(norms);
    for (const p of [0.8, 0.3]) {
      const viaRidge = ridgeSolution(unit, y, (1 - p) / p).getColumn(0).map((v, j) => v / norms[j]);
      coefs(dropoutPath(X, y, [p]), "p", p).forEach((c, j) => expect(c).toBeCloseTo(viaRidge[j], 9));
    }
  });

  it("plain ridge shrinks the whole coefficient vector as λ grows", () => {
    const lambdas = [0.1, 1, 10, 100, 1000];
    const rows = ridgePath(X, y, lambdas, ["small", "medium", "large"]);
    expect(new Set(rows.map((r) => r.feature))).toEqual(new Set(["small", "medium", "large"]));
    const norms = lambdas.map((l) => Math.hypot(...coefs(rows, "lambda", l)));
    norms.slice(1).forEach((n, k) => expect(n).toBeLessThan(norms[k]));
  });

  it("dropout and standardized ridge ignore a feature's units; plain ridge does not", () => {
    // measure feature 1 in units 100 times smaller: the fitted effect should not change
    const rescaled = X.clone();
    rescaled.setColumn(0, X.getColumn(0).map((v) => 100 * v));
    const effect = (rows: CoefficientPathRow[], factor: number) => rows[0].coef * factor;
    const pairs: [CoefficientPathRow[], CoefficientPathRow[]][] = [
      [dropoutPath(X, y, [0.5]), dropoutPath(rescaled, y, [0.5])],
      [standardizedRidgePath(X, y, [30]), standardizedRidgePath(rescaled, y, [30])],
    ];
    for (const [before, after] of pairs) {
      expect(effect(after, 100)).toBeCloseTo(effect(before, 1), 8);
      expect(after[2].coef).toBeCloseTo(before[2].coef, 9);
    }
    const [plainBefore, plainAfter] = [ridgePath(X, y, [30]), ridgePath(rescaled, y, [30])];
    expect(Math.abs(effect(plainAfter, 100) / effect(plainBefore, 1) - 1)).toBeGreaterThan(0.1);
  });

  it("standardized ridge solves ridge on centred unit-variance columns", () => {
    const lambda = 5;
    const rows = standardizedRidgePath(X, y, [lambda]);
    const means = X.mean("column");
    const Z = X.clone().subRowVector(means);
    const sds = [0, 1, 2].map((j) => sd(X.getColumn(j)));
    Z.divRowVector(sds);
    const yc = y.clone().sub(y.mean());
    const wz = rows.map((r, j) => r.coef * sds[j]);
    // normal equations (ZᵀZ + λI) wz = Zᵀ yc
    const lhs = Matrix.add(Z.transpose().mmul(Z), Matrix.eye(3).mul(lambda)).mmul(Matrix.columnVector(wz));
    Z.transpose().mmul(yc).getColumn(0).forEach((v, j) => expect(lhs.get(j, 0)).toBeCloseTo(v, 8));
  });
});
