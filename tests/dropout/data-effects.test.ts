import { describe, expect, it } from "vitest";
import { createRng } from "../../lib/src/rng";
import { makeRegressionData } from "../../lib/src/dropout/data";

const scales = [0.1, 1, 10];

describe("makeRegressionData({ equalEffects })", () => {
  it("divides each true weight by its feature's scale and leaves X and the other draws unchanged", () => {
    const plain = makeRegressionData({ n: 30, d: 3, scales, noise: 0, rng: createRng(9) });
    const equal = makeRegressionData({ n: 30, d: 3, scales, noise: 0, equalEffects: true, rng: createRng(9) });
    expect(equal.X.to2DArray()).toEqual(plain.X.to2DArray());
    equal.wTrue.to1DArray().forEach((w, j) => expect(w).toBeCloseTo(plain.wTrue.get(j, 0) / scales[j], 14));
    // noise = 0: y is exactly X·wTrue.
    const fitted = equal.X.mmul(equal.wTrue).to1DArray();
    equal.y.to1DArray().forEach((v, i) => expect(v).toBeCloseTo(fitted[i], 10));
  });

  it("gives every feature the same spread of effect w_j·x_ij over many seeds", () => {
    // Var(w_j x_ij) = Var(w_j)·scales[j]² = 1 for every j with equal effects.
    const sums = [0, 0, 0];
    const draws = 2000;
    for (let seed = 0; seed < draws; seed++) {
      const { wTrue } = makeRegressionData({ n: 1, d: 3, scales, equalEffects: true, rng: createRng(seed) });
      wTrue.to1DArray().forEach((w, j) => (sums[j] += (w * scales[j]) ** 2));
    }
    sums.forEach((s) => expect(s / draws).toBeGreaterThan(0.85));
    sums.forEach((s) => expect(s / draws).toBeLessThan(1.15));
  });

  it("refuses a non-boolean equalEffects", () => {
    const bad = { n: 5, d: 3, scales, equalEffects: "yes" as unknown as boolean, rng: createRng(1) };
    expect(() => makeRegressionData(bad)).toThrow(/equalEffects = "yes"/);
  });

  it("checks equalEffects before drawing anything, so a refused call leaves the rng where it was", () => {
    const rng = createRng(3);
    const bad = { n: 5, d: 3, scales, equalEffects: 1 as unknown as boolean, rng };
    expect(() => makeRegressionData(bad)).toThrow(/equalEffects = 1 is invalid/);
    const after = makeRegressionData({ n: 5, d: 3, scales, rng });
    const fresh = makeRegressionData({ n: 5, d: 3, scales, rng: createRng(3) });
    expect(after.X.to2DArray()).toEqual(fresh.X.to2DArray());
    expect(after.y.to2DArray()).toEqual(fresh.y.to2DArray());
  });
});
