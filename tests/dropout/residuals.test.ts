// Held-out errors of many fits at once: four settings share each pass over the rows, and each
// must keep the one-at-a-time order of operations to the bit (the notebooks' printed errors and
// the live decks' parity depend on it).
import { describe, expect, it } from "vitest";
import { meanSquaredResidual, meanSquaredResiduals } from "../../lib/src/dropout/residuals";
import { createRng } from "../../lib/src/rng";

const rng = createRng(21);
const [m, d] = [37, 5];
const rows = Array.from({ length: m }, () => Float64Array.from({ length: d }, () => 3 * rng.normal()));
const y = Array.from({ length: m }, () => 10 * rng.normal());
const fit = () => ({ w: Array.from({ length: d }, () => rng.normal()), b: rng.normal() });

describe("meanSquaredResiduals", () => {
  it.each([1, 3, 4, 5, 8, 11])("%i fits: each error is the one-at-a-time error, bit for bit, and the mean squared residual", (count) => {
    const fits = Array.from({ length: count }, fit);
    const errors = meanSquaredResiduals(rows, y, fits);
    expect(errors).toHaveLength(count);
    fits.forEach(({ w, b }, k) => {
      expect(errors[k]).toBe(meanSquaredResidual(rows, y, w, b));
      const direct = rows.reduce((s, x, i) => s + (y[i] - b - x.reduce((t, v, j) => t + v * w[j], 0)) ** 2, 0) / m;
      expect(errors[k]).toBeCloseTo(direct, 10);
    });
  });

  it("no fits, no errors", () => {
    expect(meanSquaredResiduals(rows, y, [])).toEqual([]);
  });
});
