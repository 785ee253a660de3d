import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import { applyDropout } from "../../lib/src/dropout/layer";

describe("applyDropout", () => {
  const X = createRng(1).normalMatrix(40, 5, 2);

  it("zeroes exactly the entries its mask drops, keeps the rest (divided by p when inverted), leaves X alone", () => {
    const before = X.to2DArray();
    const { mask, output } = applyDropout(X, 0.6, createRng(2));
    const inverted = applyDropout(X, 0.6, createRng(2), { inverted: true });
    expect(inverted.mask.to2DArray()).toEqual(mask.to2DArray());  // same seed, same mask
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < X.columns; j++) {
        const m = mask.get(i, j);
        expect([0, 1]).toContain(m);
        expect(output.get(i, j)).toBe(m * X.get(i, j));
        expect(inverted.output.get(i, j)).toBeCloseTo((m * X.get(i, j)) / 0.6, 14);
      }
    }
    expect(X.to2DArray()).toEqual(before);
  });

  it("keeps a fraction p of the entries: mean output pX, inverted mean X (law of large numbers)", () => {
    const ones = Matrix.ones(200, 50);
    const p = 0.3;
    const kept = applyDropout(ones, p, createRng(3)).mask.sum() / (200 * 50);
    // binomial standard error √(p(1−p)/10⁴) ≈ 0.0046: allow 4 of them
    expect(Math.abs(kept - p)).toBeLessThan(0.02);
    expect(Math.abs(applyDropout(ones, p, createRng(3), { inverted: true }).output.mean() - 1)).toBeLessThan(0.02 / p);
  });

  it("refuses p outside (0, 1]", () => {
    expect(() => applyDropout(X, 1.5, createRng(1))).toThrow(/p = 1.5 is invalid: expected a number in \(0, 1\]/);
  });
});
