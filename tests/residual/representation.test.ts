// Representation measures against brute force and closed forms.
import { describe, expect, it } from "vitest";
import { Matrix, QrDecomposition } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import { effectiveRank, meanCosine, reluCosineMap, secondSingularRatio } from "../../lib/src/residual";

/** Mean cosine over all pairs a ≠ b, pair by pair, skipping zero columns. */
function bruteMeanCosine(X: Matrix): number {
  const cols = Array.from({ length: X.columns }, (_, b) => X.getColumn(b)).filter((c) => c.some((v) => v !== 0));
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < cols.length; a++) for (let b = 0; b < cols.length; b++) {
    if (a === b) continue;
    const dot = cols[a].reduce((s, v, i) => s + v * cols[b][i], 0);
    sum += dot / (Math.hypot(...cols[a]) * Math.hypot(...cols[b]));
    pairs++;
  }
  return sum / pairs;
}

/** A random n×n orthogonal matrix (Q of a Gaussian matrix). */
const orthogonal = (n: number, seed: number) => new QrDecomposition(createRng(seed).normalMatrix(n, n)).orthogonalMatrix;

describe("meanCosine", () => {
  it("equals the pair-by-pair mean on random matrices", () => {
    const rng = createRng(4);
    for (const [n, B] of [[3, 2], [5, 7], [16, 40]]) {
      const X = rng.normalMatrix(n, B, 1, 0.3);
      expect(meanCosine(X)).toBeCloseTo(bruteMeanCosine(X), 12);
    }
  });

  it("is 1 for parallel columns, 0 for orthogonal ones, −1 for a pair x, −x", () => {
    expect(meanCosine(new Matrix([[1, 2, 5], [2, 4, 10]]))).toBeCloseTo(1, 14);
    expect(meanCosine(Matrix.eye(4))).toBeCloseTo(0, 14);
    expect(meanCosine(new Matrix([[1, -1], [3, -3]]))).toBeCloseTo(-1, 14);
  });

  it("leaves zero columns out, and is NaN with fewer than two nonzero columns", () => {
    const X = new Matrix([[1, 0, 1], [0, 0, 1]]);
    expect(meanCosine(X)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(meanCosine(new Matrix([[1, 0], [2, 0]]))).toBeNaN();
  });
});

describe("effectiveRank and σ₂/σ₁", () => {
  it("equal exp(entropy of σ/Σσ) and σ₂/σ₁ for U diag(σ) Vᵀ with known σ", () => {
    const s = [5, 3, 1, 0.5];
    const p = s.map((v) => v / s.reduce((a, b) => a + b, 0));
    const expected = Math.exp(-p.reduce((h, q) => h + q * Math.log(q), 0));
    const X = orthogonal(4, 1).mmul(Matrix.diag(s)).mmul(orthogonal(4, 2).transpose());
    expect(effectiveRank(X)).toBeCloseTo(expected, 10);
    expect(secondSingularRatio(X)).toBeCloseTo(3 / 5, 12);
  });

  it("is k for k equal singular values, 1 for rank 1, 0 for the zero matrix", () => {
    expect(effectiveRank(Matrix.eye(6).mul(3))).toBeCloseTo(6, 12);
    const rank1 = createRng(3).normalMatrix(5, 1).mmul(createRng(4).normalMatrix(1, 9));
    expect(effectiveRank(rank1)).toBeCloseTo(1, 6);
    expect(secondSingularRatio(rank1)).toBeLessThan(1e-12);
    expect(effectiveRank(Matrix.zeros(3, 3))).toBe(0);
  });
});

describe("reluCosineMap", () => {
  it("has the closed-form values f(0) = 1/π, f(1) = 1, f(−1) = 0", () => {
    expect(reluCosineMap(0)).toBeCloseTo(1 / Math.PI, 15);
    expect(reluCosineMap(1)).toBeCloseTo(1, 15);
    expect(reluCosineMap(-1)).toBeCloseTo(0, 15);
    expect(() => reluCosineMap(1.5)).toThrow("rho = 1.5 is invalid");
  });

  it.each([-0.6, 0, 0.3, 0.8])("matches the cosine of ReLU(u), ReLU(v) for 200 000 Gaussian pairs with correlation %s", (rho) => {
    const rng = createRng(5);
    let uv = 0, uu = 0, vv = 0;
    for (let k = 0; k < 200_000; k++) {
      const a = rng.normal();
      const u = Math.max(0, a);
      const v = Math.max(0, rho * a + Math.sqrt(1 - rho * rho) * rng.normal());
      uv += u * v; uu += u * u; vv += v * v;
    }
    expect(uv / Math.sqrt(uu * vv)).toBeCloseTo(reluCosineMap(rho), 2);
  });
});
