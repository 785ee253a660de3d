// The register-blocked products, TypeScript and WebAssembly SIMD, against the textbook triple
// loop on seeded random inputs. All sum Σ_p in the same order (p = 0, 1, …), as ml-matrix's
// mmul does, so the results must agree exactly, not merely within a tolerance: the notebooks'
// printed numbers stay the same whichever kernel runs.
import { createRequire } from "node:module";
import { Matrix } from "ml-matrix";
import { afterAll, describe, expect, it } from "vitest";
import { gramMatrix, multiply, multiplyTransposeA, multiplyTransposeB, PRODUCT_KERNELS, useProductKernel } from "../../lib/src/dense/multiply";
import { simdModule, simdProduct } from "../../lib/src/dense/simd";
import { SIMD_PRODUCT_WASM } from "../../lib/src/dense/simd-product-bytes";
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

describe.each(PRODUCT_KERNELS)("register-blocked matrix products (%s kernel)", (kernel) => {
  const rng = createRng(11);
  const previous = useProductKernel(kernel);
  afterAll(() => void useProductKernel(previous));
  for (const [m, k, n] of SHAPES) {
    it(`equal the triple loop exactly for ${m}×${k} times ${k}×${n}`, () => {
      useProductKernel(kernel);
      const A = rng.normalMatrix(m, k);
      const B = rng.normalMatrix(k, n);
      const want = naive(A.to2DArray(), B.to2DArray());
      expect(multiply(A, B).to2DArray()).toEqual(want);
      expect(multiplyTransposeA(A.transpose(), B).to2DArray()).toEqual(want);
      expect(multiplyTransposeB(A, B.transpose()).to2DArray()).toEqual(want);
      expect(multiply(A, B).to2DArray()).toEqual(A.mmul(B).to2DArray());
    });
  }

  it("AᵀA of tall, wide and single-column matrices equals the triple loop", () => {
    for (const [r, c] of [[40, 7], [3, 10], [9, 1], [60, 13], [31, 30]]) {
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

describe("the WebAssembly SIMD kernel", () => {
  const rng = createRng(12);
  const flat = (M: Matrix) => Float64Array.from(M.to2DArray().flat());

  it("is built from simd-product.wat as it is now (else run npm run build)", async () => {
    const build = createRequire(import.meta.url)("../../lib/scripts/wasm-modules.cjs");
    const product = build.WASM_MODULES.find((m: { constant: string }) => m.constant === "SIMD_PRODUCT_WASM");
    const bytes: Buffer = await build.assemble(product.watPath);
    expect(bytes.toString("base64")).toBe(SIMD_PRODUCT_WASM);
  });

  it("runs on this engine (Node has WebAssembly SIMD), so the products above went through it", () => {
    expect(simdModule()).not.toBeNull();
  });

  // Below the size where multiply hands a product to it: every remainder of the 4×4 blocks.
  const shapes = [...SHAPES, [1, 3, 2], [2, 1, 3], [4, 4, 4], [5, 2, 6], [6, 3, 7], [9, 5, 13], [4, 0, 3]] as [number, number, number][];
  for (const [m, k, n] of shapes) {
    it(`equals the triple loop exactly for ${m}×${k} times ${k}×${n}, B by rows and by columns, A either way`, () => {
      const A = rng.normalMatrix(m, k), B = rng.normalMatrix(k, n);
      const want = Float64Array.from(k === 0 ? new Array(m * n).fill(0) : naive(A.to2DArray(), B.to2DArray()).flat());
      const [a, at, b, bt] = [flat(A), flat(A.transpose()), flat(B), flat(B.transpose())];
      for (const [aa, ai, ap] of [[a, k, 1], [at, 1, m]] as const) {
        for (const [bb, bp, bj] of [[b, n, 1], [bt, 1, k]] as const) {
          const c = new Float64Array(m * n).fill(NaN);
          expect(simdProduct(c, aa, ai, ap, bb, bp, bj, m, k, n)).toBe(true);
          expect(c).toEqual(want);
        }
      }
    });
  }

  it("reads one copy of storage that is both operands (AᵀA) and stays right after its memory grew", () => {
    for (const [r, c] of [[300, 120], [7, 5], [2, 9]]) {
      const A = rng.normalMatrix(r, c);
      const out = new Float64Array(c * c);
      const a = flat(A);
      expect(simdProduct(out, a, 1, c, a, c, 1, c, r, c)).toBe(true);
      expect(out).toEqual(Float64Array.from(naive(T(A.to2DArray()), A.to2DArray()).flat()));
    }
  });

  it("computes, asked for the lower triangle of a symmetric product, every entry on and below the diagonal", () => {
    for (const [r, c] of [[20, 9], [7, 4], [5, 6], [11, 2]]) {
      const A = rng.normalMatrix(r, c);
      const a = flat(A);
      const out = new Float64Array(c * c).fill(NaN);
      expect(simdProduct(out, a, 1, c, a, c, 1, c, r, c, true)).toBe(true);
      const want = naive(T(A.to2DArray()), A.to2DArray());
      for (let i = 0; i < c; i++) for (let j = 0; j <= i; j++) expect(out[i * c + j]).toBe(want[i][j]);
    }
  });

  it("declines, writing nothing, a B stored neither by rows nor by columns", () => {
    const c = new Float64Array(4).fill(7);
    expect(simdProduct(c, new Float64Array(4), 2, 1, new Float64Array(8), 4, 2, 2, 2, 2)).toBe(false);
    expect([...c]).toEqual([7, 7, 7, 7]);
  });
});
