// The whole-matrix activation loops of the stack's hot path against the scalar definitions.
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { ACTIVATIONS, activationFunctions } from "../../lib/src/residual/activations";
import { activate, backThroughActivation, backThroughActivationInPlace } from "../../lib/src/residual/activation-maps";
import { createRng } from "../../lib/src/rng";

describe("activate and backThroughActivation", () => {
  const rng = createRng(5);
  // a few exact zeros (ReLU's kink) and large magnitudes (sigmoid's tails) among the draws
  const Z = rng.normalMatrix(7, 9, 4);
  Z.set(0, 0, 0);
  Z.set(3, 5, -0);
  Z.set(6, 8, 800);
  Z.set(2, 2, -800);
  const dY = rng.normalMatrix(7, 9);
  for (const name of ACTIVATIONS) {
    it(`equal act(z) and dY·act'(z) entry by entry for ${name}`, () => {
      const { f, df } = activationFunctions(name);
      expect(activate(Z, name).to2DArray()).toEqual(Z.to2DArray().map((row) => row.map(f)));
      const want = Z.to2DArray().map((row, i) => row.map((z, j) => dY.get(i, j) * df(z)));
      expect(backThroughActivation(dY, Z, name).to2DArray()).toEqual(want);
      const owned = dY.clone();
      expect(backThroughActivationInPlace(owned, Z, name)).toBe(owned);
      expect(owned.to2DArray()).toEqual(want);
    });
  }

  it("leave their inputs unchanged", () => {
    const before = [Z.to2DArray(), dY.to2DArray()];
    activate(Z, "relu");
    backThroughActivation(dY, Z, "sigmoid");
    expect([Z.to2DArray(), dY.to2DArray()]).toEqual(before);
    expect(Matrix.isMatrix(activate(Z, "tanh"))).toBe(true);
  });
});
