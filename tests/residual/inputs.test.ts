import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import {
  addEntries,
  blockSpectrum,
  branchJacobian,
  compareTraining,
  createPlainStack,
  createResidualStack,
  createStack,
  gradientNormSweep,
  hadamard,
  initWeights,
  jacobianProducts,
  negativeIdentityBranch,
  numericGradient,
  numericJacobian,
  relativeError,
  residualBlock,
  residualBlockJacobian,
  residualLayer,
  sigmoidGradientBound,
  stackBackward,
  stackForward,
  type Activation,
  type StackKind,
} from "../../lib/src/residual";

const rng = () => createRng(1);
const eye = (n: number) => Matrix.eye(n);
const column = (n: number) => Matrix.ones(n, 1);
const stack = () => createResidualStack({ depth: 2, width: 3, init: 0.5, rng: rng() });

// Every failure is a RangeError that names the argument, shows the value and says what is allowed.
describe("bad inputs throw a RangeError naming the argument, its value and the valid range", () => {
  it.each([
    ["W1 not n×n", () => residualBlock(Matrix.ones(3, 4), eye(3), column(3)), "W1 has shape 3×4: expected 3×3"],
    ["W2 not matching X0", () => residualBlock(eye(3), eye(4), column(3)), "W2 has shape 4×4: expected 3×3"],
    ["X0 rows vs agreeing weights (Jacobian)", () => residualBlockJacobian(eye(4), eye(4), column(3)), "X0 has 3 rows: expected 4, the size of W1 and W2"],
    ["X0 rows vs agreeing weights (block)", () => residualBlock(eye(4), eye(4), column(3)), "X0 has 3 rows: expected 4, the size of W1 and W2"],
    ["X0 rows vs agreeing weights (branch Jacobian)", () => branchJacobian({ W1: eye(2), W2: eye(2) }, column(5), "relu"), "X0 has 5 rows: expected 2, the size of W1 and W2"],
    ["W1 alone disagrees", () => residualBlock(eye(4), eye(3), column(3)), "W1 has shape 4×4: expected 3×3"],
    ["X0 not a matrix", () => residualBlockJacobian(eye(3), eye(3), [1, 2, 3] as unknown as Matrix), "X0 = Array(3) is invalid: expected an ml-matrix Matrix"],
    ["Jacobian of a batch", () => branchJacobian({ W1: eye(3), W2: eye(3) }, Matrix.ones(3, 2), "relu"), "X0 has shape 3×2: expected any×1"],
    ["non-finite X0", () => residualBlock(eye(2), eye(2), new Matrix([[1], [NaN]])), "X0[1][0] = NaN is invalid: expected finite entries"],
    ["infinite weight", () => residualBlock(new Matrix([[1, Infinity], [0, 1]]), eye(2), column(2)), "W1[0][1] = Infinity is invalid: expected finite entries"],
    ["depth 0", () => createPlainStack({ depth: 0, width: 3, init: "he", rng: rng(), activation: "relu" }), "depth = 0 is invalid: expected an integer ≥ 1"],
    ["fractional depth", () => createResidualStack({ depth: 2.5, width: 3, init: "he", rng: rng() }), "depth = 2.5 is invalid: expected an integer ≥ 1"],
    ["width 0", () => createResidualStack({ depth: 2, width: 0, init: "he", rng: rng() }), "width = 0 is invalid: expected an integer ≥ 1"],
    ["unknown activation", () => createStack("plain", "softmax" as Activation, { depth: 1, width: 2, init: 1, rng: rng() }), 'activation = "softmax" is invalid: expected one of "sigmoid", "tanh", "relu"'],
    ["unknown kind", () => createStack("dense" as StackKind, "relu", { depth: 1, width: 2, init: 1, rng: rng() }), 'kind = "dense" is invalid: expected one of "plain", "residual"'],
    ["unknown init", () => initWeights(3, "lecun" as "he", rng()), 'init = "lecun" is invalid: expected "xavier", "he" or a finite scale c ≥ 0 (weights N(0, c²/n))'],
    ["negative init", () => createResidualStack({ depth: 1, width: 2, init: -1, rng: rng() }), "init = -1 is invalid: expected"],
    ["X0 rows ≠ width", () => stackForward(stack(), Matrix.ones(4, 2)), "X0 has shape 4×2: expected 3×any"],
    ["G shape ≠ X_L", () => stackBackward(stack(), stackForward(stack(), Matrix.ones(3, 2)), Matrix.ones(3, 1)), "G has shape 3×1: expected 3×2"],
    ["x0 a batch", () => jacobianProducts(stack(), Matrix.ones(3, 2)), "x0 has shape 3×2: expected 3×1"],
    ["h = 0", () => numericJacobian((X) => X, column(2), 0), "h = 0 is invalid: expected a number > 0"],
    ["h NaN", () => numericGradient((X) => X.sum(), column(2), NaN), "h = NaN is invalid"],
    ["batch input to numericJacobian", () => numericJacobian((X) => X, Matrix.ones(2, 2)), "X0 has shape 2×2: expected any×1"],
    ["shapes in relativeError", () => relativeError(eye(2), eye(3)), "B has shape 3×3: expected 2×2 like A"],
    ["relativeError with the caller's names", () => relativeError(eye(2), column(2), ["backprop", "Jfd"]), "Jfd has shape 2×1: expected 2×2 like backprop"],
    ["addEntries with the caller's names", () => addEntries(column(3), column(2), ["Y", "X"]), "X has shape 2×1: expected 3×1 like Y"],
    ["hadamard with the caller's names", () => hadamard(eye(2), eye(3), ["dY", "mask"]), "mask has shape 3×3: expected 2×2 like dY"],
    ["residual layer whose X has the wrong size", () => residualLayer.forward({ W1: Matrix.ones(4, 3), W2: eye(4) }, column(3), "relu"), "X has shape 3×1: expected 4×1 like W2·act(W1·X)"],
    ["empty scale grid", () => gradientNormSweep({ scales: [], depth: 2, width: 2, batch: 1, rng: rng() }), "scales = [] is invalid"],
    ["NaN in the scale grid", () => gradientNormSweep({ scales: [0.3, NaN], depth: 2, width: 2, batch: 1, rng: rng() }), "scales[1] = NaN is invalid"],
    ["batch 0", () => gradientNormSweep({ scales: [1], depth: 2, width: 2, batch: 0, rng: rng() }), "batch = 0 is invalid: expected an integer ≥ 1"],
    ["negative spectrum scale", () => blockSpectrum({ width: 3, scale: -2, rng: rng() }), "scale = -2 is invalid"],
    ["minibatch larger than the data", () => compareTraining({ depth: 2, width: 2, samples: 4, batch: 5, rng: rng() }), "batch = 5 is invalid: expected an integer in [1, 4]"],
    ["zero step size", () => compareTraining({ depth: 2, width: 2, lr: 0, rng: rng() }), "lr = 0 is invalid: expected a number > 0"],
    ["bad plainInit", () => compareTraining({ depth: 2, width: 2, plainInit: "glorot" as "he", rng: rng() }), 'plainInit = "glorot" is invalid'],
    ["negative depth for the 4^−L bound", () => sigmoidGradientBound(-1), "depth = -1 is invalid: expected an integer ≥ 0"],
    ["width 0 for the caveat", () => negativeIdentityBranch(0, rng()), "width = 0 is invalid: expected an integer ≥ 1"],
  ])("%s", (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
