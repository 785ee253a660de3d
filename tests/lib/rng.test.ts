import { describe, expect, it } from "vitest";
import { xoroshiro128plus } from "pure-rand";
import { createRng } from "../../lib/src/rng";
import { Xoroshiro128Plus, type XoroshiroState } from "../../lib/src/xoroshiro";

describe("createRng", () => {
  it("reproduces the same stream for the same seed, bit for bit", () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 1000 }, () => a.normal());
    const ys = Array.from({ length: 1000 }, () => b.normal());
    expect(xs).toEqual(ys);
    expect(createRng(8).normal()).not.toBe(createRng(7).normal());
  });

  it("draws uniforms in [0, 1) with mean 1/2 and variance 1/12", () => {
    const rng = createRng(1);
    const N = 200_000;
    const xs = Array.from({ length: N }, () => rng.uniform());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / N;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / N;
    // standard error of the mean is sqrt(1/12/N) ≈ 6.5e-4; allow 5 of them
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    // the sample variance's standard error is sqrt((μ₄ − σ⁴)/N), μ₄ = 1/80 for U(0, 1): ≈ 1.7e-4
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / N));
  });

  it("draws standard normals: mean 0, variance 1, and P(|z| < 1.96) ≈ 0.95", () => {
    const rng = createRng(2);
    const N = 200_000;
    const zs = Array.from({ length: N }, () => rng.normal());
    const mean = zs.reduce((s, z) => s + z, 0) / N;
    const variance = zs.reduce((s, z) => s + (z - mean) ** 2, 0) / N;
    const inside = zs.filter((z) => Math.abs(z) < 1.959964).length / N;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N)); // μ₄ − σ⁴ = 3 − 1 for N(0, 1)
    expect(Math.abs(inside - 0.95)).toBeLessThan(5 * Math.sqrt(0.95 * 0.05 / N));
  });

  it("makes Bernoulli masks of the right shape, values and keep rate", () => {
    const M = createRng(3).bernoulliMask(300, 200, 0.7);
    expect([M.rows, M.columns]).toEqual([300, 200]);
    const values = new Set(M.to1DArray());
    expect([...values].sort()).toEqual([0, 1]);
    const rate = M.sum() / (300 * 200);
    expect(Math.abs(rate - 0.7)).toBeLessThan(5 * Math.sqrt(0.21 / 60000));
    expect(createRng(3).bernoulliMask(2, 2, 0).sum()).toBe(0);
    expect(createRng(3).bernoulliMask(2, 2, 1).sum()).toBe(4);
  });

  it("scales normal matrices by std and shifts by mean", () => {
    const M = createRng(4).normalMatrix(400, 100, 3, 10);
    const xs = M.to1DArray();
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    // standard errors: σ/√N for the mean, about σ/√(2N) for the standard deviation
    expect(Math.abs(mean - 10)).toBeLessThan(5 * (3 / Math.sqrt(xs.length)));
    expect(Math.abs(sd - 3)).toBeLessThan(5 * (3 / Math.sqrt(2 * xs.length)));
  });

  it("rejects bad seeds and probabilities, naming the argument", () => {
    expect(() => createRng(-1)).toThrow(/seed = -1 .*integer in \[0, 2147483647\]/);
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(1).bernoulliMask(2, 2, 1.2)).toThrow(/p = 1.2 .*\[0, 1\]/);
    expect(() => createRng(1).normalMatrix(2, 2, -1)).toThrow(/std = -1/);
  });
});

describe("seeding", () => {
  it("spreads small seeds: the first draw over 4000 seeds is uniform (mean 1/2, none stuck near 1)", () => {
    const N = 4000;
    const first = Array.from({ length: N }, (_, seed) => createRng(seed).uniform());
    const mean = first.reduce((s, x) => s + x, 0) / N;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    // a sparse state puts the first draw of every small seed above 0.99
    expect(first.filter((x) => x > 0.99).length).toBeLessThan(N * 0.02);
    // deciles of the first draw each hold about a tenth of the seeds
    const counts = new Array(10).fill(0);
    for (const x of first) counts[Math.floor(x * 10)]++;
    for (const c of counts) expect(Math.abs(c - N / 10)).toBeLessThan(5 * Math.sqrt(N * 0.09));
  });
});

describe("Rng.split", () => {
  const N = 20_000;
  const draws = (rng: ReturnType<typeof createRng>, n = N) => Array.from({ length: n }, () => rng.uniform());
  /** Pearson correlation; for independent streams its standard error is 1/√N. */
  function correlation(xs: number[], ys: number[]): number {
    const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
    const my = ys.reduce((s, y) => s + y, 0) / ys.length;
    let sxy = 0, sxx = 0, syy = 0;
    xs.forEach((x, i) => ((sxy += (x - mx) * (ys[i] - my)), (sxx += (x - mx) ** 2), (syy += (ys[i] - my) ** 2)));
    return sxy / Math.sqrt(sxx * syy);
  }

  it("is reproducible: the same seed gives the same child and the same parent afterwards", () => {
    const [a, b] = [createRng(11), createRng(11)];
    const [childA, childB] = [a.split(), b.split()];
    expect(draws(childA, 100)).toEqual(draws(childB, 100));
    expect(draws(a, 100)).toEqual(draws(b, 100));
  });

  it("leaves the parent's stream independent of how much the child draws", () => {
    const [a, b] = [createRng(12), createRng(12)];
    draws(a.split(), 1000);
    b.split();
    expect(draws(a, 100)).toEqual(draws(b, 100));
  });

  it("gives a child uncorrelated with its parent and with its sibling, each uniform", () => {
    const parent = createRng(13);
    const first = parent.split();
    const second = parent.split();
    const [p, c1, c2] = [draws(parent), draws(first), draws(second)];
    for (const [xs, ys] of [[p, c1], [p, c2], [c1, c2]]) expect(Math.abs(correlation(xs, ys))).toBeLessThan(5 / Math.sqrt(N));
    // lagged by one draw too: a child must not be its parent shifted
    expect(Math.abs(correlation(p.slice(1), c1.slice(0, -1)))).toBeLessThan(5 / Math.sqrt(N));
    for (const xs of [c1, c2]) expect(Math.abs(xs.reduce((s, x) => s + x, 0) / N - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(c1.slice(0, 10)).not.toEqual(c2.slice(0, 10));
  });

  it("gives different children for different seeds", () => {
    expect(draws(createRng(1).split(), 10)).not.toEqual(draws(createRng(2).split(), 10));
  });
});

describe("the xoroshiro128+ generator", () => {
  // pure-rand's xoroshiro128plus is the reference: the notebooks' seeded streams were drawn from it.
  const states: XoroshiroState[] = [[1, 2, 3, 4], [-1, 0x7fffffff, -0x80000000, 0x12345678], [0x9e3779b9 | 0, 0, 0, 1]];
  for (const state of states) {
    it(`steps as pure-rand's xoroshiro128plus does, from state [${state.join(", ")}]`, () => {
      const ours = new Xoroshiro128Plus(...state);
      const theirs = xoroshiro128plus.fromState(state);
      const a = Array.from({ length: 10_000 }, () => ours.next());
      const b = Array.from({ length: 10_000 }, () => theirs.unsafeNext());
      expect(a).toEqual(b);
      expect(ours.state).toEqual(theirs.getState?.());
    });
  }

  it("hands its state over and takes it back: a copy continues the same stream", () => {
    const g = new Xoroshiro128Plus(5, 6, 7, 8);
    for (let i = 0; i < 100; i++) g.next();
    const copy = new Xoroshiro128Plus(0, 0, 0, 1);
    copy.state = g.state;
    expect(Array.from({ length: 50 }, () => copy.next())).toEqual(Array.from({ length: 50 }, () => g.next()));
  });
});
