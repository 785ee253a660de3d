// The entrywise helpers of the training loop against ml-matrix's own operations, exactly:
// each entry is one IEEE operation in the same order, so the bits must agree.
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { selectColumns, subtractScaled } from "../../lib/src/residual/elementwise";
import { createRng } from "../../lib/src/rng";

describe("subtractScaled and selectColumns", () => {
  const rng = createRng(17);
  const A = rng.normalMatrix(5, 7);
  const B = rng.normalMatrix(5, 7);

  it("A − s·B equals ml-matrix's A − (s·B) entry by entry, for s = 1 (A − B) and an SGD step size", () => {
    for (const s of [1, 0.03, -2.5]) {
      expect(subtractScaled(A, B, s).to2DArray()).toEqual(Matrix.sub(A, Matrix.mul(B, s)).to2DArray());
    }
    // a matrix ml-matrix built itself (one Float64Array per row) is read as well
    expect(subtractScaled(new Matrix(A.to2DArray()), B, 1).to2DArray()).toEqual(Matrix.sub(A, B).to2DArray());
  });

  it("refuses operands of different shapes, naming them", () => {
    expect(() => subtractScaled(A, rng.normalMatrix(7, 5), 1, ["W", "dW"])).toThrow(new RangeError("dW has shape 7×5: expected 5×7 like W"));
  });

  it("selects columns in the order given, repeats included, like subMatrixColumn", () => {
    const index = [6, 0, 0, 3];
    expect(selectColumns(A, index).to2DArray()).toEqual(A.subMatrixColumn(index).to2DArray());
  });

  it("leave their inputs unchanged", () => {
    const before = [A.to2DArray(), B.to2DArray()];
    subtractScaled(A, B, 0.5);
    selectColumns(A, [1, 2]);
    expect([A.to2DArray(), B.to2DArray()]).toEqual(before);
  });
});
