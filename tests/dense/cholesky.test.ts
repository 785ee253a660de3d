// The Cholesky solve against its definition on seeded random SPD matrices: L is lower
// triangular with a positive diagonal, L Lᵀ reproduces A, and the solution satisfies A X = B.
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { choleskyFactor, choleskySolve } from "../../lib/src/dense/cholesky";
import { createRng } from "../../lib/src/rng";

const maxAbs = (M: Matrix) => Math.max(...M.to1DArray().map(Math.abs));

describe("choleskyFactor and choleskySolve", () => {
  const rng = createRng(3);
  for (const [n, m] of [[1, 1], [2, 1], [5, 3], [17, 1], [40, 2]]) {
    it(`factor and solve a random ${n}×${n} SPD system with ${m} right-hand side(s)`, () => {
      const R = rng.normalMatrix(n + 3, n);
      const A = R.transpose().mmul(R).add(Matrix.eye(n).mul(0.1)); // RᵀR + 0.1 I is SPD
      const B = rng.normalMatrix(n, m);
      const before = [A.to2DArray(), B.to2DArray()];
      const rows = choleskyFactor(A)!;
      const L = new Matrix(rows.map((r) => Array.from(r)));
      for (let i = 0; i < n; i++) {
        expect(L.get(i, i)).toBeGreaterThan(0);
        for (let j = i + 1; j < n; j++) expect(L.get(i, j)).toBe(0);
      }
      expect(maxAbs(Matrix.sub(L.mmul(L.transpose()), A))).toBeLessThan(1e-12 * maxAbs(A));
      const X = choleskySolve(rows, B);
      expect(maxAbs(Matrix.sub(A.mmul(X), B))).toBeLessThan(1e-9 * (maxAbs(A) * maxAbs(X) + maxAbs(B)));
      expect([A.to2DArray(), B.to2DArray()]).toEqual(before);
    });
  }

  it("returns null for a symmetric matrix that is not positive definite, and for a singular one", () => {
    expect(choleskyFactor(new Matrix([[1, 2], [2, 1]]))).toBeNull();
    expect(choleskyFactor(new Matrix([[1, 1], [1, 1]]))).toBeNull();
    expect(choleskyFactor(new Matrix([[0]]))).toBeNull();
  });
});
