import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import {
  dropoutObjective,
  dropoutObjectiveEstimates,
  dropoutObjectiveMonteCarlo,
} from "../../lib/src/dropout/objective";
import { columnNorms, dropoutGamma, dropoutSolution, tikhonovSolution } from "../../lib/src/dropout/solutions";
import { dropoutRidge, fromRidge, ridgeSolution, toRidge } from "../../lib/src/dropout/ridge";
import { dropoutSgd } from "../../lib/src/dropout/sgd";
import { makeRegressionData } from "../../lib/src/dropout/data";
import { dropoutPath, ridgePath, standardizedRidgePath } from "../../lib/src/dropout/paths";

const X = new Matrix([[1, 2, 0], [3, -1, 0.5]]);
const y = Matrix.columnVector([1, 2]);
const w = Matrix.columnVector([0.1, 0.2, 0.3]);
const zeroColumn = new Matrix([[1, 0], [2, 0], [3, 0]]);
const rng = createRng(1);

// Each case: the call, and the message it must throw as a RangeError.
const cases: [string, () => unknown, RegExp][] = [
  ["p = 0", () => dropoutObjective(X, y, w, 0), /^p = 0 is invalid: expected a number in \(0, 1\]$/],
  ["p > 1", () => dropoutSolution(X, y, 1.5), /^p = 1\.5 is invalid: expected a number in \(0, 1\]$/],
  ["p NaN", () => dropoutGamma(X, NaN), /^p = NaN is invalid/],
  ["p = 1 where Γ is inverted", () => dropoutRidge(X, 1, 1), /^p = 1 is invalid: expected a number in \(0, 1\)$/],
  ["λ = 0", () => ridgeSolution(X, y, 0), /^lambda = 0 is invalid: expected a number > 0$/],
  ["λ < 0", () => toRidge(X, Matrix.eye(3), -2), /^lambda = -2 is invalid/],
  ["y too short", () => dropoutObjective(X, Matrix.columnVector([1]), w, 0.5), /^y has shape 1×1: expected 2×1$/],
  ["w wrong shape", () => dropoutObjective(X, y, Matrix.columnVector([1, 2]), 0.5), /^w has shape 2×1: expected 3×1$/],
  ["Γ wrong width", () => tikhonovSolution(X, y, Matrix.eye(2)), /^Gamma has shape 2×2: expected any×3$/],
  ["Γ not square", () => toRidge(X, new Matrix(2, 3), 1), /^Gamma has shape 2×3: expected 3×3$/],
  ["singular Γ", () => toRidge(X, Matrix.diag([1, 0, 2]), 1), /^Gamma is singular \(Gamma\[1\]\[1\] = 0\): expected an invertible 3×3 matrix$/],
  ["singular Γ back", () => fromRidge(w, Matrix.zeros(3, 3), 1), /^Gamma is singular/],
  ["zero column, solution", () => dropoutSolution(zeroColumn, Matrix.columnVector([1, 2, 3]), 0.5), /^‖X\[:, 1\]‖ = 0 is invalid: expected a nonzero column/],
  ["zero column, ridge form", () => dropoutRidge(zeroColumn, 0.5, 1), /^‖X\[:, 1\]‖ = 0 is invalid/],
  ["zero column, Γ = 0 there", () => toRidge(zeroColumn, dropoutGamma(zeroColumn, 0.5), 1), /^Gamma is singular \(Gamma\[1\]\[1\] = 0\)/],
  ["rank-deficient least squares", () => tikhonovSolution(zeroColumn, Matrix.columnVector([1, 2, 3]), Matrix.zeros(1, 2)), /^XᵀX \+ ΓᵀΓ is singular \(2×2, smallest eigenvalue 0\): expected all eigenvalues > 0, i\.e\. X of full column rank or a positive penalty$/],
  ["NaN in X", () => columnNorms(new Matrix([[1, NaN]])), /^X\[0\]\[1\] = NaN is invalid: expected finite entries$/],
  ["Infinity in y", () => dropoutSolution(X, Matrix.columnVector([1, Infinity]), 0.5), /^y\[1\]\[0\] = Infinity is invalid/],
  ["empty X", () => columnNorms(new Matrix(0, 0)), /^X has shape 0×0: expected at least 1×1$/],
  ["samples = 0", () => dropoutObjectiveMonteCarlo(X, y, w, 0.5, 0, rng), /^samples = 0 is invalid: expected an integer ≥ 1$/],
  ["samples fractional", () => dropoutObjectiveMonteCarlo(X, y, w, 0.5, 2.5, rng), /^samples = 2\.5 is invalid/],
  ["checkpoints not increasing", () => dropoutObjectiveEstimates(X, y, w, 0.5, [10, 10], rng), /^checkpoints\[1\] = 10 is invalid: expected an integer ≥ 11$/],
  ["no checkpoints", () => dropoutObjectiveEstimates(X, y, w, 0.5, [], rng), /^checkpoints = \[\] is invalid/],
  ["sgd steps", () => dropoutSgd(X, y, { p: 0.5, rng, steps: 0 }), /^steps = 0 is invalid: expected an integer ≥ 1$/],
  ["sgd batch", () => dropoutSgd(X, y, { p: 0.5, rng, steps: 5, batchSize: 3 }), /^batchSize = 3 is invalid: expected an integer in \[1, 2\]$/],
  ["sgd step scale", () => dropoutSgd(X, y, { p: 0.5, rng, steps: 5, stepScale: 2 }), /^stepScale = 2 is invalid: expected a number in \(0, 1\]$/],
  ["sgd schedule", () => dropoutSgd(X, y, { p: 0.5, rng, steps: 5, schedule: "cosine" as "constant" }), /^schedule = "cosine" is invalid: expected one of "constant", "sqrt-decay"$/],
  ["sgd p", () => dropoutSgd(X, y, { p: 0, rng, steps: 5 }), /^p = 0 is invalid/],
  ["sgd w0", () => dropoutSgd(X, y, { p: 0.5, rng, steps: 5, w0: Matrix.columnVector([1]) }), /^w0 has shape 1×1: expected 3×1$/],
  ["data scales", () => makeRegressionData({ n: 5, d: 3, scales: [1, 2], rng }), /^scales\.length = 2 is invalid: expected d = 3 scales/],
  ["data scale 0", () => makeRegressionData({ n: 5, d: 2, scales: [1, 0], rng }), /^scales\[1\] = 0 is invalid: expected a number > 0$/],
  ["data noise", () => makeRegressionData({ n: 5, d: 2, noise: -1, rng }), /^noise = -1 is invalid/],
  ["data n", () => makeRegressionData({ n: 0, d: 2, rng }), /^n = 0 is invalid: expected an integer ≥ 1$/],
  ["path p", () => dropoutPath(X, y, [0.5, 0]), /^ps\[1\] = 0 is invalid: expected a number in \(0, 1\]$/],
  ["path λ", () => ridgePath(X, y, [-1]), /^lambdas\[0\] = -1 is invalid/],
  ["path empty", () => standardizedRidgePath(X, y, []), /^lambdas = \[\] is invalid: expected at least one value$/],
  ["constant column", () => standardizedRidgePath(new Matrix([[1, 5], [2, 5]]), y, [1]), /^sd\(X\[:, 1\]\) = 0 is invalid/],
  ["path names", () => ridgePath(X, y, [1], ["a"]), /^names\.length = 1 is invalid: expected 3 names/],
];

describe("bad inputs throw a RangeError naming the argument, its value and the valid range", () => {
  it.each(cases)("%s", (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
