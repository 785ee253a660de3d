// What happens inside the two networks of compareTraining, measured on the full training
// data at chosen steps: the gradient each layer's weights receive, ‖∂ℒ/∂W_l‖_F, and how
// alike the examples look at every depth (mean cosine, effective rank, σ₂/σ₁ of X_l).
// "The first layers get no gradient" and "the representation collapses" are different
// mechanisms; these numbers tell them apart.
import { Matrix, solve } from "ml-matrix";
import { requireInteger } from "../checks";
import { compareTraining, regressionBackward, regressionForward, type TrainingOptions, type TrainingRow } from "./train";
import { meanCosine, spectrumShape } from "./representation";
import { singularValues } from "./spectra";
import type { StackKind } from "./stack";

export interface LayerProbe {
  kind: StackKind;
  step: number;
  /** l = 1 … L: the layer (block) whose weights W_l map X_{l−1} to X_l */
  layer: number;
  /** ‖∂ℒ/∂W_l‖_F over the full training data (a block: √(‖∂ℒ/∂W1‖² + ‖∂ℒ/∂W2‖²)) */
  gradNorm: number;
  /** ReLU units of layer l (a block: of its branch) inactive for every training example; null for other activations */
  dead: number | null;
  /** which units those are (row indices), empty for other activations */
  deadUnits: number[];
}

export interface RepresentationProbe {
  kind: StackKind;
  step: number;
  /** l = 0 … L (X_0 is the input) */
  layer: number;
  /** mean cosine between the columns (examples) of X_l */
  cosine: number;
  effectiveRank: number;
  /** σ₂/σ₁ of X_l */
  sigmaRatio: number;
  /** ‖X_l − X_0‖_F / ‖X_0‖_F: how far the stack has moved the data from the input */
  fromInput: number;
}

export interface TrainingProbe {
  /** compareTraining's minibatch losses */
  rows: TrainingRow[];
  layers: LayerProbe[];
  representations: RepresentationProbe[];
  /** the loss on the full training data at each probed step */
  losses: { kind: StackKind; step: number; loss: number }[];
  /** ½ Var(y) over the training data: the loss of the best constant predictor */
  constantLoss: number;
  /** min_v (1/2N) ‖vᵀX_0 − y‖²: the loss of the best linear read-out of the raw input */
  linearLoss: number;
}

/** compareTraining, measured at `probeSteps` (each in 0 … steps; a diverged run skips later ones). */
export function probeTraining(options: TrainingOptions & { probeSteps: readonly number[] }): TrainingProbe {
  const { probeSteps, steps = 250 } = options;
  probeSteps.forEach((s, i) => requireInteger(`probeSteps[${i}]`, s, 0, steps));
  const wanted = new Set(probeSteps);
  const layers: LayerProbe[] = [];
  const representations: RepresentationProbe[] = [];
  const losses: TrainingProbe["losses"] = [];
  let constantLoss = NaN;
  let linearLoss = NaN;
  const rows = compareTraining({
    ...options,
    observe: (kind, step, model, { X, Y }) => {
      const y = Y.getRow(0);
      const mean = y.reduce((a, b) => a + b, 0) / y.length;
      constantLoss = y.reduce((a, b) => a + (b - mean) ** 2, 0) / (2 * y.length);
      if (step === 0 && kind === "plain") linearLoss = bestLinearLoss(X, Y);
      if (!wanted.has(step)) return;
      const pass = regressionForward(model, X, Y);
      const { loss, tape } = pass;
      const { dLayers } = regressionBackward(model, pass);
      losses.push({ kind, step, loss });
      const relu = model.stack.activation === "relu";
      dLayers.forEach((grads, l) => {
        const gradNorm = Math.sqrt(Object.values(grads).reduce((s, G) => s + G.norm("frobenius") ** 2, 0));
        const pre = tape.caches[l].Z ?? tape.caches[l].H; // pre-activation of the plain layer or the branch
        const deadUnits = relu ? pre.to2DArray().flatMap((unit, i) => (unit.every((z) => z <= 0) ? [i] : [])) : [];
        layers.push({ kind, step, layer: l + 1, gradNorm, dead: relu ? deadUnits.length : null, deadUnits });
      });
      tape.outputs.forEach((Xl, layer) => {
        const fromInput = Matrix.sub(Xl, X).norm("frobenius") / X.norm("frobenius");
        representations.push({ kind, step, layer, cosine: meanCosine(Xl), ...spectrumShape(singularValues(Xl)), fromInput });
      });
    },
  });
  return { rows, layers, representations, losses, constantLoss, linearLoss };
}

/** Least squares v = argmin ‖vᵀX − y‖² (normal equations X Xᵀ v = X yᵀ), and its loss ‖vᵀX − y‖² / 2N. */
function bestLinearLoss(X: Matrix, Y: Matrix): number {
  const v = solve(X.mmul(X.transpose()), X.mmul(Y.transpose()));
  return Matrix.sub(v.transpose().mmul(X), Y).norm("frobenius") ** 2 / (2 * X.columns);
}

