// Sizes a student can mistype (1e5 for 1e2) fail at once with a RangeError that says which
// limit (memory or time) and what the call would have cost, instead of allocating for
// minutes or aborting the kernel; arguments of the wrong kind or shape are RangeErrors
// naming the argument, not TypeErrors from deep inside.
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { LIMITS, requireBudget } from "../../lib/src/checks";
// the library's modules themselves: some of these functions are internal, not in the package's entry
import * as charts from "../../lib/src/charts";
import * as png from "../../lib/src/display/png";
import * as dropout from "../../lib/src/dropout";
import * as grid from "../../lib/src/grid";
import * as residual from "../../lib/src/residual";
import * as rng_ from "../../lib/src/rng";

const rng = rng_.createRng(1);
const memory = /entries needs [\d.e]+ (kB|MB|GB|TB): expected ≤ 1\.3e8 entries \(memory: 1 GiB of float64 per call\)$/;
const time = /operations takes about [\d.e]+ (s|min|h|days|years) at 1e9 operations\/s: expected ≤ 1e11 operations \(time\)$/;

/** The call fails fast (no allocation or loop happened) with a RangeError starting `start` and ending as `limit`. */
function refused(call: () => unknown, start: string, limit: RegExp): void {
  const began = performance.now();
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(performance.now() - began).toBeLessThan(1_000);
  expect(error).toBeInstanceOf(RangeError);
  expect((error as Error).message.startsWith(start), (error as Error).message).toBe(true);
  expect((error as Error).message).toMatch(limit);
}

describe("requireBudget", () => {
  it("states the amount, its cost and the limit, and lets the largest allowed amount through", () => {
    expect(() => requireBudget("rows × columns", 1e10, "memory")).toThrow(new RangeError("rows × columns = 1e10 entries needs 80 GB: expected ≤ 1.3e8 entries (memory: 1 GiB of float64 per call)"));
    expect(() => requireBudget("steps × d", 1e13, "time")).toThrow(new RangeError("steps × d = 1e13 operations takes about 2.8 h at 1e9 operations/s: expected ≤ 1e11 operations (time)"));
    expect(() => requireBudget("n", LIMITS.bytes / LIMITS.bytesPerEntry, "memory")).not.toThrow();
    expect(() => requireBudget("n", LIMITS.bytes / LIMITS.bytesPerEntry + 1, "memory")).toThrow(RangeError);
    expect(() => requireBudget("n", LIMITS.operations, "time")).not.toThrow();
    expect(() => requireBudget("n", LIMITS.operations * 1.01, "time")).toThrow(RangeError);
    // A bad argument (NaN) is the function's own checks' to name.
    expect(() => requireBudget("n", Number.NaN, "memory")).not.toThrow();
  });
});

describe("every sized entry point refuses what cannot fit or finish, before allocating", () => {
  it.each<[string, () => unknown, string, RegExp]>([
    ["rng.normalMatrix(1e5, 1e5)", () => rng.normalMatrix(1e5, 1e5), "rows × columns = 1e10", memory],
    ["rng.uniformMatrix(1e6, 1e3)", () => rng.uniformMatrix(1e6, 1e3), "rows × columns = 1e9", memory],
    ["rng.bernoulliMask(2e4, 2e4, p)", () => rng.bernoulliMask(2e4, 2e4, 0.5), "rows × columns = 4e8", memory],
    ["createResidualStack width 1e5", () => residual.createResidualStack({ depth: 2, width: 1e5, init: 1, rng }), "depth × width² × matrices per layer = 4e10", memory],
    ["createPlainStack depth 1e7", () => residual.createPlainStack({ depth: 1e7, width: 16, init: 1, rng, activation: "relu" }), "depth × width² × matrices per layer = 2.6e9", memory],
    ["logSpace(1, 10, 1e9)", () => grid.logSpace(1, 10, 1e9), "count = 1e9", memory],
    ["logSpaceIntegers(1, 10, 1e9)", () => grid.logSpaceIntegers(1, 10, 1e9), "count = 1e9", memory],
    ["jacobianDepthProfile depth 1e6", () => residual.jacobianDepthProfile({ depth: 1e6, width: 16, scale: 1, rng }), "2 stacks × (depth + 1) × width² (the products) = 5.1e8", memory],
    ["jacobianDepthProfile width 3000", () => residual.jacobianDepthProfile({ depth: 4, width: 3000, scale: 1, rng }), "2 stacks × depth × width³ = 2.2e11", time],
    ["blockSpectrum width 1e4", () => residual.blockSpectrum({ width: 1e4, scale: 1, rng }), "width³ = 1e12", time],
    ["negativeIdentityBranch width 1e4", () => residual.negativeIdentityBranch(1e4, rng), "width³ (the inverse) = 1e12", time],
    ["gradientNormSweep", () => residual.gradientNormSweep({ scales: [1, 2], depth: 1e4, width: 64, batch: 1e3, rng }), "scales × 2 stacks × depth × width² × batch = 1.6e11", time],
    ["compareTraining steps 1e9", () => residual.compareTraining({ depth: 4, width: 8, steps: 1e9, rng }), "2 stacks × steps × depth × width² × batch = 8.2e12", time],
  ])("%s", (_, call, start, limit) => refused(call, start, limit));

  const X = rng.normalMatrix(20, 3);
  const y = rng.normalMatrix(20, 1);
  const w = rng.normalMatrix(3, 1);
  it("dropoutSgd with 1e12 steps, Monte Carlo with 1e12 samples", () => {
    refused(() => dropout.dropoutSgd(X, y, { p: 0.5, rng, steps: 1e12 }), "steps × batchSize × d = 3e12", time);
    refused(() => dropout.dropoutObjectiveMonteCarlo(X, y, w, 0.5, 1e12, rng), "samples × n × d = 6e13", time);
    refused(() => dropout.dropoutObjectiveEstimates(X, y, w, 0.5, [10, 1e12], rng), "samples × n × d (the largest checkpoint) = 6e13", time);
  });

  it("stackForward and jacobianProducts: the work grows with the stack's depth and width, refused before the first layer", () => {
    // Stand-ins with the sizes of a stack (1000 layers of width 512), never touched past the check.
    const stack = { kind: "residual", activation: "relu", width: 512, layers: { length: 1000 } } as unknown as residual.Stack;
    refused(() => residual.stackForward(stack, new Matrix(512, 1000)), "depth × width² × batch = 2.6e11", time);
    refused(() => residual.jacobianProducts(stack, new Matrix(512, 1)), "(depth + 1) × width² (the products) = 2.6e8", memory);
    const deep = { ...stack, width: 64, layers: { length: 1e6 } } as unknown as residual.Stack;
    refused(() => residual.jacobianProducts(deep, new Matrix(64, 1)), "(depth + 1) × width² (the products) = 4.1e9", memory);
  });
});

describe("arguments of the wrong kind or shape are RangeErrors naming them", () => {
  const ones = (r: number, c: number) => Matrix.ones(r, c);
  it.each<[string, () => unknown, string]>([
    ["uniformMatrix(2, 2, 1, 0)", () => rng.uniformMatrix(2, 2, 1, 0), "hi = 0 is invalid: expected a number > lo = 1 (U[lo, hi) is empty otherwise)"],
    ["uniformMatrix(2, 2, 1, 1)", () => rng.uniformMatrix(2, 2, 1, 1), "hi = 1 is invalid: expected a number > lo = 1"],
    // a block's weights are n×n and its input n×1 (the skip adds x to the branch's output)
    ["branchJacobian, W2 of the wrong width", () => residual.branchJacobian({ W1: ones(4, 4), W2: ones(4, 3) }, ones(4, 1), "relu"), "W2 has shape 4×3: expected 4×4"],
    ["branchJacobian, x of the wrong height", () => residual.branchJacobian({ W1: ones(4, 4), W2: ones(4, 4) }, ones(3, 1), "relu"), "X0 has 3 rows: expected 4, the size of W1 and W2"],
    ["branchJacobian, W1 not a matrix", () => residual.branchJacobian({ W1: [[1]] as unknown as Matrix, W2: ones(1, 1) }, ones(1, 1), "relu"), "W1 = Array(1) is invalid: expected an ml-matrix Matrix"],
    ["derivativeDiagonal of a 3×2 matrix", () => residual.derivativeDiagonal(ones(3, 2), "relu"), "z has shape 3×2: expected any×1"],
    ["createPlainStack without rng", () => residual.createPlainStack({ depth: 2, width: 3, init: 1, activation: "relu" } as never), "rng = undefined is invalid: expected a random generator from createRng(seed)"],
    ["createResidualStack with Math as rng", () => residual.createResidualStack({ depth: 2, width: 3, init: 1, rng: Math as never }), "rng = Object is invalid: expected a random generator from createRng(seed)"],
    ["barChart(5, …)", () => charts.barChart(5 as never, { title: "t", xTitle: "x", yTitle: "y" }), "data = 5 is invalid: expected an array of row objects"],
    ["lineChart(rows, undefined)", () => charts.lineChart([{ x: 1, y: 1 }], undefined as never), "options = undefined is invalid: expected an options object (titles at least)"],
    ["scatterChart('rows', …)", () => charts.scatterChart("rows" as never, { title: "t", xTitle: "x", yTitle: "y" }), 'data = "rows" is invalid: expected an array of row objects'],
    ["stripChart({}, …)", () => charts.stripChart({} as never, { valueTitle: "v", categoryTitle: "c" } as never), 'data = "object" is invalid: expected an array of row objects'],
    ["pngSize of 4 bytes", () => png.pngSize(new Uint8Array(4)), "png = 4 bytes starting 0,0,0,0 is invalid: expected PNG bytes: the 8-byte PNG signature and an IHDR chunk (≥ 24 bytes)"],
    ["pngSize of 24 bytes that are not a PNG", () => png.pngSize(new Uint8Array(24).fill(7)), "png = 24 bytes starting 7,7,7,7 is invalid"],
  ])("%s", (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it("a real PNG still gives its size", () => {
    const image = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAYAAACddGYaAAAAEklEQVR4nGNgYGD4z8DAwMAAAAYAAf8B1Ba9AAAAAElFTkSuQmCC", "base64");
    expect(png.pngSize(image)).toEqual({ width: 3, height: 2 });
  });
});

describe("the dense kernels and the held-out experiment", () => {
  it("refuse a product or an experiment that would not finish, before allocating the result", async () => {
    const { multiply, multiplyTransposeA, multiplyTransposeB, gramMatrix } = await import("../../lib/src/dense");
    // Stand-ins with a matrix's shape only: the check comes before any entry is read.
    const shaped = (rows: number, columns: number) => ({ rows, columns }) as unknown as Matrix;
    refused(() => multiply(shaped(5000, 5000), shaped(5000, 5000)), "m × k × n (A·B) = 1.3e11", time);
    refused(() => multiplyTransposeA(shaped(5000, 5000), shaped(5000, 5000)), "m × k × n (Aᵀ·B) = 1.3e11", time);
    refused(() => multiplyTransposeB(shaped(5000, 5000), shaped(5000, 5000)), "m × k × n (A·Bᵀ) = 1.3e11", time);
    refused(() => gramMatrix(shaped(1e4, 4000)), "m × k × m (AᵀA) = 1.6e11", time);
    refused(
      () => dropout.heldOutExperiment({ n: 1000, d: 500, trials: 100, nTest: 1000, rng, ps: [0.5, 0.8], lambdas: [0.1, 1] } as never),
      "trials × (ps + lambdas) × (n + nTest + d) × d² = 2.5e11",
      time,
    );
  });
});
