import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import { scaledRelativeError } from "../../lib/src/dropout/scaled-error";
import { logSpace, logSpaceIntegers } from "../../lib/src/grid";
import { checkLine, formatVector, maxAbsDifference } from "../../lib/src/numeric-checks";

describe("scaledRelativeError", () => {
  it("weighs each weight error by its column norm: ‖Γ̌(w − t)‖ / ‖Γ̌t‖", () => {
    // Column norms 3 and 4, target t = (1, 1): ‖Γ̌t‖ = 5.
    const X = new Matrix([[3, 0], [0, 4]]);
    const t = Matrix.columnVector([1, 1]);
    expect(scaledRelativeError(X, [2, 1], t)).toBeCloseTo(3 / 5, 14);
    expect(scaledRelativeError(X, Matrix.columnVector([1, 0]), t)).toBeCloseTo(4 / 5, 14);
    expect(scaledRelativeError(X, [1, 1], t)).toBe(0);
  });

  it("is unchanged when a column and its weights are rescaled inversely (units do not matter)", () => {
    const rng = createRng(4);
    const [X, w, t] = [rng.normalMatrix(20, 3), rng.normalMatrix(3, 1), rng.normalMatrix(3, 1)];
    const c = [0.01, 1, 100];
    const Xc = X.clone().mulRowVector(c);
    const scaled = (v: Matrix) => v.getColumn(0).map((x, j) => x / c[j]);
    const before = scaledRelativeError(X, w, t);
    expect(scaledRelativeError(Xc, scaled(w), Matrix.columnVector(scaled(t)))).toBeCloseTo(before, 12);
  });

  it("refuses a wrong length and a zero target", () => {
    const X = Matrix.eye(3);
    expect(() => scaledRelativeError(X, [1, 2], Matrix.ones(3, 1))).toThrow(/w.length = 2/);
    expect(() => scaledRelativeError(X, [1, 2, 3], Matrix.zeros(3, 1))).toThrow(RangeError);
    expect(() => scaledRelativeError(X, [1, 2, 3], Matrix.zeros(3, 1))).toThrow(
      /^target = \[ 0\.00 0\.00 0\.00\] is invalid: expected a nonzero weight on some nonzero column of X/,
    );
    // A nonzero target whose only weight sits on a zero column of X is just as unusable.
    const zeroSecond = new Matrix([[1, 0], [2, 0]]);
    expect(() => scaledRelativeError(zeroSecond, [1, 1], Matrix.columnVector([0, 5]))).toThrow(/^target = \[ 0\.00 5\.00\] is invalid/);
  });
});

describe("checks and grids", () => {
  it("maxAbsDifference is the largest entrywise gap and needs equal shapes", () => {
    const A = new Matrix([[1, -2], [3, 4]]);
    const B = new Matrix([[1.5, -2], [3, 1]]);
    expect(maxAbsDifference(A, B)).toBe(3);
    expect(() => maxAbsDifference(A, Matrix.ones(2, 1))).toThrow(RangeError);
  });

  it("checkLine marks values under the tolerance with ✓ and others with ✗", () => {
    expect(checkLine("max |diff|", 3.1e-16, 1e-9)).toBe("max |diff| = 3.1e-16 ✓ (tolerance 1e-9)");
    expect(checkLine("max |diff|", 2e-3, 1e-9)).toMatch(/✗/);
    expect(() => checkLine("x", NaN, 1)).toThrow(/x = NaN/);
    expect(() => checkLine("x", 1, 0)).toThrow(/tolerance = 0/);
  });

  it("formatVector aligns entries with a true minus sign and refuses non-finite entries", () => {
    expect(formatVector([1.5, -0.25], 2)).toBe("[  1.50 −0.25]");
    expect(formatVector(Matrix.columnVector([10, 2]), 1)).toBe("[ 10.0  2.0]");
    expect(() => formatVector([1, NaN])).toThrow(/v entry = NaN/);
  });

  it("logSpace has constant ratios and exact ends; logSpaceIntegers is increasing and distinct", () => {
    const g = logSpace(0.01, 100, 5);
    expect(g[0]).toBe(0.01);
    expect(g[4]).toBe(100);
    g.slice(1).forEach((v, k) => expect(v / g[k]).toBeCloseTo(10, 12));
    const m = logSpaceIntegers(1, 1000, 40);
    expect(m[0]).toBe(1);
    expect(m.at(-1)).toBe(1000);
    m.slice(1).forEach((v, k) => expect(v).toBeGreaterThan(m[k]));
    expect(() => logSpace(0, 1, 3)).toThrow(/lo = 0/);
    expect(() => logSpaceIntegers(5, 2, 3)).toThrow(/hi = 2/);
  });
});
