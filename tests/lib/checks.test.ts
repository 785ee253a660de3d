import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { requireInterval, requireMatrix, requireOneOf } from "../../lib/src/checks";

describe("requireMatrix says what it got instead of a matrix", () => {
  it.each([
    ["an array", [1, 2, 3], "X0 = Array(3) is invalid: expected an ml-matrix Matrix"],
    ["a nested array", [[1], [2]], "X0 = Array(2) is invalid: expected an ml-matrix Matrix"],
    ["a typed array", new Float64Array(4), "X0 = Float64Array(4) is invalid: expected an ml-matrix Matrix"],
    ["a plain object", { rows: 2, columns: 1 }, "X0 = Object is invalid: expected an ml-matrix Matrix"],
    ["null", null, "X0 = null is invalid: expected an ml-matrix Matrix"],
    ["undefined", undefined, "X0 = undefined is invalid: expected an ml-matrix Matrix"],
    ["a number", 2, "X0 = 2 is invalid: expected an ml-matrix Matrix"],
    ["a string", "eye", 'X0 = "eye" is invalid: expected an ml-matrix Matrix'],
  ])("%s", (_, value, message) => {
    const call = () => requireMatrix("X0", value as unknown as Matrix);
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it("accepts a finite matrix of the asked shape and returns it", () => {
    const M = Matrix.ones(2, 3);
    expect(requireMatrix("M", M, 2, 3)).toBe(M);
  });
});

describe("requireInterval words an infinite end as an inequality", () => {
  it.each([
    [0, Infinity, "()", 0, "h = 0 is invalid: expected a number > 0"],
    [0, Infinity, "[)", -1, "h = -1 is invalid: expected a number ≥ 0"],
    [-Infinity, 1, "(]", 2, "h = 2 is invalid: expected a number ≤ 1"],
    [-Infinity, 1, "()", 1, "h = 1 is invalid: expected a number < 1"],
    [0, 1, "(]", 0, "h = 0 is invalid: expected a number in (0, 1]"],
    [-Infinity, Infinity, "()", NaN, "h = NaN is invalid: expected a number"],
  ] as const)("(%s, %s) with ends %s rejects %s", (lo, hi, ends, value, message) => {
    expect(() => requireInterval("h", value, lo, hi, ends)).toThrow(message);
  });

  it("accepts the closed end and rejects the open one", () => {
    expect(requireInterval("h", 0, 0, Infinity, "[)")).toBe(0);
    expect(() => requireInterval("h", 0, 0, Infinity, "()")).toThrow(RangeError);
  });
});

describe("requireOneOf", () => {
  it("returns an allowed string and names the allowed ones otherwise", () => {
    expect(requireOneOf("activation", "relu", ["relu", "tanh"])).toBe("relu");
    expect(() => requireOneOf("activation", "gelu" as "relu", ["relu", "tanh"])).toThrow(
      'activation = "gelu" is invalid: expected one of "relu", "tanh"',
    );
  });
});
