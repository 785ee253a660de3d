// A small training experiment: deep plain vs deep residual stacks, each followed by a
// linear read-out ŷ = V X_L, fitted by minibatch SGD to a synthetic regression task.
// Loss: L = (1 / 2B) Σ_b ‖ŷ_b − y_b‖² over a batch of B examples (columns).
import { Matrix } from "ml-matrix";
import { requireInteger, requireInterval, requireMatrix, requireBudget } from "../checks";
import { multiply, multiplyTransposeA, multiplyTransposeB } from "../dense/multiply";
import { trackProgress } from "../progress";
import type { Rng } from "../rng";
import type { Activation } from "./activations";
import { mapEntries, selectColumns, subtractScaled } from "./elementwise";
import { initScale, type WeightInit } from "./init";
import type { LayerParams } from "./layer";
import { createStack, stackBackward, stackForward, type Stack, type StackKind, type Tape } from "./stack";

export interface Regressor {
  readonly stack: Stack;
  /** read-out, outputs × width */
  readonly V: Matrix;
}

export interface RegressionGradients {
  loss: number;
  dV: Matrix;
  dLayers: readonly LayerParams[];
}

export interface RegressionForward {
  loss: number;
  tape: Tape;
  /** ŷ − y, outputs × B */
  error: Matrix;
}

/** Forward pass: the stack, then the read-out, then the loss on (X, Y). */
export function regressionForward(model: Regressor, X: Matrix, Y: Matrix): RegressionForward {
  requireMatrix("Y", Y, model.V.rows, X.columns);
  const tape = stackForward(model.stack, X);
  const error = subtractScaled(multiply(model.V, tape.outputs[tape.outputs.length - 1]), Y, 1); // ŷ − y
  return { loss: error.norm("frobenius") ** 2 / (2 * X.columns), tape, error };
}

/** Backward pass from a finite forward pass: the gradient with respect to every weight. */
export function regressionBackward(model: Regressor, { loss, tape, error }: RegressionForward): RegressionGradients {
  const XL = tape.outputs[tape.outputs.length - 1];
  // ∂L/∂ŷ = (ŷ − y)/B,  ∂L/∂V = (∂L/∂ŷ) X_Lᵀ,  ∂L/∂X_L = Vᵀ (∂L/∂ŷ)
  const dYhat = mapEntries(error, (e) => e / error.columns);
  const { dLayers } = stackBackward(model.stack, tape, multiplyTransposeA(model.V, dYhat));
  return { loss, dV: multiplyTransposeB(dYhat, XL), dLayers };
}

/** The loss on (X, Y) and its gradient with respect to every weight. */
export function regressionGradients(model: Regressor, X: Matrix, Y: Matrix): RegressionGradients {
  return regressionBackward(model, regressionForward(model, X, Y));
}

/** W − lr · dW for every weight (a new model; the old one is untouched). */
export function sgdStep(model: Regressor, grads: RegressionGradients, lr: number): Regressor {
  const step = (W: Matrix, dW: Matrix) => subtractScaled(W, dW, lr);
  const layers = model.stack.layers.map((params, l) => {
    const next: LayerParams = {};
    for (const name of Object.keys(params)) next[name] = step(params[name], grads.dLayers[l][name]);
    return next;
  });
  return { stack: { ...model.stack, layers }, V: step(model.V, grads.dV) };
}

export interface TrainingOptions {
  depth: number;
  width: number;
  /**
   * weights of both stacks, see init.ts (default 0.5, i.e. N(0, 0.25/n)). A residual block
   * multiplies the signal's mean square by about 1 + c⁴/2, so "xavier" (c = 1) or "he" at
   * depth 24 blow the residual stack up and its series ends at the first non-finite loss.
   */
  init?: WeightInit;
  /** weights of the plain stack when they should differ from `init` (e.g. "he" for a ReLU stack) */
  plainInit?: WeightInit;
  plainActivation?: Activation;
  branchActivation?: Activation;
  /** training examples (default 128), minibatch size (default 16), SGD steps (default 250), step size (default 0.05) */
  samples?: number;
  batch?: number;
  steps?: number;
  lr?: number;
  rng: Rng;
  /**
   * Called with each model before its update at step = 0, 1, …, and once more after the
   * last update (step = the number of updates made), with the full training data.
   */
  observe?: (kind: StackKind, step: number, model: Regressor, data: { X: Matrix; Y: Matrix }) => void;
}

export interface TrainingRow {
  kind: StackKind;
  step: number;
  /** loss on this step's minibatch, before the update (noisy; the series stops early if it diverges) */
  loss: number;
}

/**
 * The task: x ~ N(0, I_width) and the target y = sin(3 tᵀx) for a random unit vector t,
 * a smooth nonlinear function of one direction. Both networks start from the same
 * read-out V, see the same data and the same minibatch order. Their hidden weights are
 * separate draws (the plain stack's first, then the residual one's), at scale plainInit
 * (default: init) for the plain stack and init for the residual one, with activations
 * plainActivation and branchActivation.
 */
export function compareTraining(options: TrainingOptions): TrainingRow[] {
  const { depth, width, rng, init = 0.5, plainActivation = "relu", branchActivation = "relu" } = options;
  const { samples = 128, batch = 16, steps = 250, lr = 0.05, plainInit = init } = options;
  requireInteger("width", width, 1);
  requireInteger("samples", samples, 1);
  requireInteger("batch", batch, 1, samples);
  requireInteger("steps", steps, 0);
  requireBudget("2 stacks × steps × depth × width² × batch", 2 * steps * depth * width ** 2 * batch, "time");
  requireBudget("steps × batch (the minibatch order)", steps * batch, "memory");
  requireInterval("lr", lr, 0, Infinity, "()");
  initScale(init);
  initScale(plainInit, "plainInit");
  const X = rng.normalMatrix(width, samples);
  const t = rng.normalMatrix(1, width);
  const Y = t.div(t.norm("frobenius")).mmul(X).mul(3).sin();
  const V = rng.normalMatrix(1, width, 1 / Math.sqrt(width));
  const order = Array.from({ length: steps }, () =>
    Array.from({ length: batch }, () => Math.floor(rng.uniform() * samples)),
  );
  const kinds: [StackKind, Activation, WeightInit][] = [
    ["plain", plainActivation, plainInit],
    ["residual", branchActivation, init],
  ];
  const progress = trackProgress("compareTraining: SGD steps of both networks", kinds.length * steps);
  const rows = kinds.flatMap(([kind, activation, weights], k) => {
    let model: Regressor = { stack: createStack(kind, activation, { depth, width, init: weights, rng }), V };
    const rows: TrainingRow[] = [];
    for (const [step, index] of order.entries()) {
      const pass = regressionForward(model, selectColumns(X, index), selectColumns(Y, index));
      if (!Number.isFinite(pass.loss)) break; // diverged: the series ends here
      rows.push({ kind, step, loss: pass.loss });
      options.observe?.(kind, step, model, { X, Y });
      model = sgdStep(model, regressionBackward(model, pass), lr);
      progress.tick(k * steps + step + 1);
    }
    if (rows.length === steps) options.observe?.(kind, steps, model, { X, Y });
    return rows;
  });
  progress.finish();
  return rows;
}
