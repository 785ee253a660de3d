// portable-math: accurate (within a few ulps of the engine's Math, which is itself within an
// ulp or so of the true value), exact at the closed forms, and deterministic: pinned bit
// patterns that any engine must reproduce, since only + − × ÷ √ and bit access are used.
import { describe, expect, test } from "vitest";
import { cos, exp, expm1, log, tanh } from "../../lib/src/portable-math";
import { createRng } from "../../lib/src/rng";

/** The gap between x and the next double away from zero. */
function ulp(x: number): number {
  const a = Math.abs(x);
  if (a < 2 ** -1022) return Number.MIN_VALUE;
  return 2 ** (Math.floor(Math.log2(a)) - 52);
}

/** The largest |f(x) − reference(x)| in ulps of the reference over the inputs. */
function worstUlps(f: (x: number) => number, reference: (x: number) => number, inputs: number[]): number {
  return Math.max(...inputs.map((x) => Math.abs(f(x) - reference(x)) / ulp(reference(x))));
}

const rng = createRng(11);
const draws = (n: number, lo: number, hi: number) => Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform());

describe("accuracy against the engine's Math", () => {
  test("exp over its whole finite range and near 0", () => {
    expect(worstUlps(exp, Math.exp, draws(20000, -745, 709.7))).toBeLessThanOrEqual(1);
    expect(worstUlps(exp, Math.exp, draws(20000, -1, 1))).toBeLessThanOrEqual(1);
  });
  test("log from subnormals to the largest double, and near 1", () => {
    const wide = draws(20000, -744, 709).map(Math.exp);
    expect(worstUlps(log, Math.log, wide)).toBeLessThanOrEqual(1);
    expect(worstUlps(log, Math.log, draws(20000, 1 - 1e-4, 1 + 1e-4))).toBeLessThanOrEqual(1);
    expect(worstUlps(log, Math.log, draws(2000, 1e-320, 1e-310))).toBeLessThanOrEqual(1);
  });
  test("cos over a Box–Muller angle's range [0, 2π) and wider", () => {
    expect(worstUlps(cos, Math.cos, draws(20000, 0, 2 * Math.PI).filter((x) => Math.abs(Math.cos(x)) > 1e-3))).toBeLessThanOrEqual(1);
    expect(worstUlps(cos, Math.cos, draws(20000, -1000, 1000).filter((x) => Math.abs(Math.cos(x)) > 1e-3))).toBeLessThanOrEqual(1);
  });
  test("expm1 and tanh near 0 (where e^x − 1 cancels) and beyond", () => {
    expect(worstUlps(expm1, Math.expm1, draws(20000, -1e-6, 1e-6))).toBeLessThanOrEqual(4);
    expect(worstUlps(expm1, Math.expm1, draws(20000, -2, 2))).toBeLessThanOrEqual(4);
    expect(worstUlps(tanh, Math.tanh, draws(20000, -1e-3, 1e-3))).toBeLessThanOrEqual(4);
    expect(worstUlps(tanh, Math.tanh, draws(20000, -30, 30))).toBeLessThanOrEqual(4);
  });
});

describe("closed forms and special values", () => {
  test("exact values", () => {
    expect(exp(0)).toBe(1);
    expect(log(1)).toBe(0);
    expect(cos(0)).toBe(1);
    expect(tanh(0)).toBe(0);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(log(2 ** 100)).toBeCloseTo(100 * Math.LN2, 13);
    expect(Math.abs(cos(Math.PI / 3) - 0.5)).toBeLessThanOrEqual(ulp(0.5));
    expect(Math.abs(cos(Math.PI) + 1)).toBeLessThanOrEqual(ulp(1));
    expect(Math.abs(log(Math.E) - 1)).toBeLessThanOrEqual(ulp(1));
  });
  test("limits, overflow, underflow and NaN", () => {
    expect(exp(710)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(-745)).toBeGreaterThan(0); // the smallest subnormal range still reached
    expect(log(0)).toBe(-Infinity);
    expect(log(Infinity)).toBe(Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Number.MIN_VALUE)).toBeCloseTo(-744.4400719213812, 12);
    expect(tanh(25)).toBe(1);
    expect(tanh(-25)).toBe(-1);
    for (const f of [exp, log, expm1, tanh, cos]) expect(f(NaN)).toBeNaN();
    expect(() => cos(1e7)).toThrow(RangeError);
  });
  test("identities: e^(ln x) = x, tanh odd, tanh = (e^2x − 1)/(e^2x + 1) away from 0", () => {
    for (const x of draws(2000, 1e-3, 1e3)) expect(Math.abs(exp(log(x)) - x) / ulp(x)).toBeLessThanOrEqual(4 + Math.abs(log(x)));
    for (const x of draws(2000, -20, 20)) expect(tanh(-x)).toBe(-tanh(x));
    for (const x of draws(2000, 0.5, 10)) expect(tanh(x)).toBeCloseTo((exp(2 * x) - 1) / (exp(2 * x) + 1), 14);
  });
});

test("deterministic: these bit patterns are what every engine computes", () => {
  // Computed once with this code; an engine that computed anything else would break the live
  // decks' parity with the kernel. (exp(1) correctly rounded would be 2.718281828459045.)
  expect(exp(1)).toBe(2.7182818284590455);
  expect(exp(-3.7)).toBe(0.024723526470339388);
  expect(log(10)).toBe(2.302585092994046);
  expect(log(0.123)).toBe(-2.0955709236097197);
  expect(cos(1)).toBe(0.5403023058681398);
  expect(cos(5.5)).toBe(0.70866977429126);
  expect(tanh(0.3)).toBe(0.29131261245159085);
});
