// @skip-and-drop/lib: what the notebooks import, and what a student needs to try their own
// variations. Everything else (argument checks for tools, rendering internals, test helpers)
// stays in its module: tools use the package's subpath exports, tests import modules directly.
export { Matrix } from "ml-matrix";

// Randomness (every draw flows from one seed) and argument checks for a parameters cell.
export { createRng, type Rng } from "./rng";
export { fail, requireInteger, requireInterval, requireOneOf } from "./checks";

// Numerical checks a cell prints, grids of values to sweep.
export { checkLine, formatVector, maxAbsDifference } from "./numeric-checks";
export { logSpace, logSpaceIntegers } from "./grid";
export { FINITE_DIFFERENCE_STEP, numericGradient, numericJacobian } from "./residual";

// Problem 1, residual connections: activations, the block y = x + F(x) and its Jacobian,
// deep plain and residual stacks (forward, backward), and the experiments on them.
export { ACTIVATIONS, relu, reluGrad, sigmoid, sigmoidGrad, sigmoidGradientBound, tanhGrad, type Activation } from "./residual";
export { hadamard, mapEntries } from "./residual";
export { derivativeDiagonal, initWeights, residualLayer, type WeightInit } from "./residual";
export { branchJacobian, residualBlock, residualBlockDiagram, residualBlockJacobian } from "./residual";
export { STACK_KINDS, createPlainStack, createStack, stackForward, stackBackward, type Stack, type StackKind } from "./residual";
export { gradientNorms, gradientNormSweep, jacobianProducts, compareTraining } from "./residual";
export { blockSpectrum, negativeIdentityBranch, sigmaMinBound, singularValues, spectralNorm } from "./residual";
// What training does to a deep stack: per-layer gradients, the representation's collapse,
// and the mean-square growth per layer or block (c²/2 plain ReLU, 1 + c⁴/2 residual).
export { meanSquareGain, meanSquareGainFormula, probeTraining, reluCosineMap } from "./residual";
// The types of what those return, so that a hover or an error message names them.
export type { LayerCache, LayerParams, PlainParams, ResidualParams, PlainStack, ResidualStack, StackGradients, Tape } from "./residual";
export type { LayerProbe, MeanSquareEstimate, RepresentationProbe, TrainingProbe, TrainingRow } from "./residual";

// Problem 2, dropout on the inputs of linear regression: the objective and its closed form,
// the solutions, the equivalent ridge problem, SGD with masks, coefficient paths.
export { makeRegressionData } from "./dropout";
export { applyDropout, dropoutObjective, dropoutObjectiveEstimates, dropoutObjectiveExact, meanMaskedPrediction } from "./dropout";
export { columnNorms, dropoutGamma, dropoutSolution, tikhonovSolution } from "./dropout";
export { fromRidge, ridgeSolution, toRidge } from "./dropout";
export { dropoutSgd, predictPolyakError, scaledRelativeError } from "./dropout";
export { dropoutPath, ridgePath, standardizedRidgePath, type CoefficientPathRow } from "./dropout";
export { heldOutExperiment } from "./dropout";
export type { DropoutLayerResult, DropoutMonteCarloEstimate, DropoutSgdCheckpoint, DropoutSgdResult } from "./dropout";
export type { HeldOutCurves, HeldOutPoint, HeldOutSummary, PolyakErrorPoint, RegressionData } from "./dropout";

// Charts: (data, options) => vega-lite v5 spec; show() displays any vega-lite v5 spec.
export { barChart, heatmapChart, lineChart, scatterChart, sideBySide, type ChartSpec, type Row } from "./charts";  // stripChart: "@skip-and-drop/lib/charts"
export { decadeTicks, withAxisTicks } from "./charts";
export { show, showSvg, toPng, toSvg, type VegaLiteSpec } from "./display";

// A progress display for a long loop of your own (the library's sweeps and training use it).
export { trackProgress, type Progress, type ProgressOptions } from "./progress";
