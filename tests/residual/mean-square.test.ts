// The per-layer growth of the mean square, Monte Carlo against the closed forms c²/2
// (plain ReLU layer) and 1 + c⁴/2 (residual ReLU block).
import { describe, expect, it } from "vitest";
import { createRng } from "../../lib/src/rng";
import { meanSquareGain, meanSquareGainFormula } from "../../lib/src/residual";

describe("meanSquareGainFormula", () => {
  it("is c²/2 for a plain ReLU layer (1 at He's √2) and 1 + c⁴/2 for a residual block", () => {
    expect(meanSquareGainFormula("plain", Math.SQRT2)).toBeCloseTo(1, 15);
    expect(meanSquareGainFormula("plain", 1)).toBe(0.5);
    expect(meanSquareGainFormula("residual", 0.5)).toBe(1.03125);
    expect(meanSquareGainFormula("residual", Math.SQRT2)).toBeCloseTo(3, 14);
    expect(() => meanSquareGainFormula("residual", -1)).toThrow("scale = -1 is invalid");
  });
});

describe("meanSquareGain", () => {
  it.each([
    ["plain", 0.7], ["plain", Math.SQRT2], ["plain", 2], ["residual", 0.5], ["residual", 1], ["residual", 1.5],
  ] as const)("%s at c = %s: forward and backward Monte Carlo means agree with the closed form within 4 standard errors", (kind, c) => {
    const rng = createRng(12);
    const x = rng.normalMatrix(12, 1);
    const { forward, backward } = meanSquareGain({ kind, scale: c, x, draws: 3000, rng });
    const exact = meanSquareGainFormula(kind, c);
    expect(Math.abs(forward.mean - exact)).toBeLessThan(4 * forward.se);
    expect(Math.abs(backward.mean - exact)).toBeLessThan(4 * backward.se);
    expect(forward.se).toBeLessThan(0.05 * exact);
  });

  it("refuses a batch input and too few draws", () => {
    const rng = createRng(1);
    expect(() => meanSquareGain({ kind: "plain", scale: 1, x: rng.normalMatrix(3, 2), draws: 10, rng })).toThrow("x has shape 3×2");
    expect(() => meanSquareGain({ kind: "plain", scale: 1, x: rng.normalMatrix(3, 1), draws: 1, rng })).toThrow("draws = 1 is invalid");
  });
});
