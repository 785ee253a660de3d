// The register-blocked products against the textbook triple loop on seeded random inputs.
// Both sum Σ_p in the same order (p = 0, 1, …), as ml-matrix's mmul does, so the results must
// agree exactly, not merely within a tolerance: the notebooks' printed numbers stay the same.
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { gramMatrix, multiply, multiplyTransposeA, multiplyTransposeB } from "../../lib/src/dense/multiply";
import { createRng } from "../../lib/src/rng";

/** C_ij = Σ_p A_ip B_pj, summed left to right. */
function naive(A: number[][], B: number[][]): number[][] {
  return A.map((row) =>
    B[0].map((_, j) => {
      let s = 0;
      for (let p = 0; p < row.length; p++) s += row[p] * B[p][j];
      return s;
    }),
  );
}
const T = (A: number[][]) => A[0].map((_, j) => A.map((row) => row[j]));

// m×k times k×n: remainders of both the 4-row and the 2-column blocks, vectors, non-square.
// Inputs from createRng share one buffer (read in place), transposes are ml-matrix copies (copied).
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 7, 1], [1, 16, 32], [16, 1, 5], [5, 9, 1], [3, 3, 3], [4, 4, 2],
  [7, 5, 11], [13, 17, 3], [16, 16, 32], [33, 8, 31], [64, 64, 65],
];

describe("register-blocked matrix products", () => {
  const rng = createRng(11);
  for (const [m, k, n] of SHAPES) {
    it(`equal the triple loop exactly for ${m}×${k} times ${k}×${n}`, () => {
      const A = rng.normalMatrix(m, k);
      const B = rng.normalMatrix(k, n);
      const want = naive(A.to2DArray(), B.to2DArray());
      expect(multiply(A, B).to2DArray()).toEqual(want);
      expect(multiplyTransposeA(A.transpose(), B).to2DArray()).toEqual(want);
      expect(multiplyTransposeB(A, B.transpose()).to2DArray()).toEqual(want);
      expect(multiply(A, B).to2DArray()).toEqual(A.mmul(B).to2DArray());
    });
  }

  it("AᵀA of a tall, a wide and a single-column matrix equals the triple loop", () => {
    for (const [r, c] of [[40, 7], [3, 10], [9, 1]]) {
      const A = rng.normalMatrix(r, c);
      expect(gramMatrix(A).to2DArray()).toEqual(naive(T(A.to2DArray()), A.to2DArray()));
    }
  });

  it("stays right when calls of different shapes alternate (the scratch buffers are reused)", () => {
    const pairs = [[5, 3, 8], [16, 16, 32], [2, 9, 4], [16, 16, 32]].map(([m, k, n]) => [rng.normalMatrix(m, k), rng.normalMatrix(k, n)]);
    for (let round = 0; round < 3; round++) {
      for (const [A, B] of pairs) expect(multiplyTransposeA(A.transpose(), B).to2DArray()).toEqual(naive(A.to2DArray(), B.to2DArray()));
    }
  });

  it("reads matrix views (a transpose view has no row storage) and never changes its inputs", async () => {
    const { MatrixTransposeView } = await import("ml-matrix");
    const A = rng.normalMatrix(6, 4);
    const B = rng.normalMatrix(6, 3);
    const [a, b] = [A.to2DArray(), B.to2DArray()];
    const view = new MatrixTransposeView(A) as unknown as Matrix;
    expect(multiply(view, B).to2DArray()).toEqual(naive(T(a), b));
    expect([A.to2DArray(), B.to2DArray()]).toEqual([a, b]);
  });

  it("stays right after ml-matrix replaced rows of a product it returned (addRow, removeRow, removeColumn)", () => {
    const B = rng.normalMatrix(5, 4);
    const edits: ((C: Matrix) => Matrix)[] = [
      (C) => C.removeRow(0).addRow(0, [1, -2, 3, 0.5, 7]), // same shape, a fresh first row
      (C) => C.removeRow(2).addRow(1, [4, 4, -1, 2, 0]), // same shape, rows shifted
      (C) => C.removeColumn(4).addColumn(4, [1, 2, 3, 4]), // same shape, every row fresh
      (C) => C.addRow([9, 8, 7, 6, 5]), // one more row
    ];
    for (const edit of edits) {
      const A = edit(multiply(rng.normalMatrix(4, 3), rng.normalMatrix(3, 5)));
      expect(multiply(A, B).to2DArray()).toEqual(naive(A.to2DArray(), B.to2DArray()));
      expect(multiplyTransposeA(A.transpose(), B).to2DArray()).toEqual(naive(A.to2DArray(), B.to2DArray()));
    }
  });

  it("refuses operands whose inner dimensions differ, naming both", () => {
    const A = new Matrix(2, 3);
    expect(() => multiply(A, new Matrix(4, 2))).toThrow(new RangeError("A·B: inner dimensions 3 and 4 differ"));
    expect(() => multiplyTransposeA(A, new Matrix(3, 2))).toThrow(RangeError);
    expect(() => multiplyTransposeB(A, new Matrix(2, 4))).toThrow(RangeError);
  });

  it("returns ordinary ml-matrix matrices that ml-matrix's own methods accept", () => {
    const C = multiply(rng.normalMatrix(3, 4), rng.normalMatrix(4, 5));
    expect(C).toBeInstanceOf(Matrix);
    expect(Matrix.isMatrix(C)).toBe(true);
    const copy = C.clone();
    C.set(0, 0, 42);
    expect(copy.get(0, 0)).not.toBe(42);
    expect(C.get(0, 0)).toBe(42);
    expect(C.transpose().mmul(C).rows).toBe(5);
    C.addRow(1, [1, 2, 3, 4, 5]).removeRow(0);
    expect([C.rows, C.columns, C.getRow(0)]).toEqual([3, 5, [1, 2, 3, 4, 5]]);
  });
});
