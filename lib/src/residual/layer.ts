// What a layer kind provides so that one generic stack can run it: a forward pass that
// keeps a cache, the backward pass that consumes it, the layer's input–output Jacobian,
// and its initialisation. The plain and residual layers each implement this in one module.
import type { Matrix } from "ml-matrix";
import type { Rng } from "../rng";
import type { Activation } from "./activations";
import type { WeightInit } from "./init";

/** A layer's parameters by name, e.g. { W } or { W1, W2 }; gradients use the same names. */
export type LayerParams = Record<string, Matrix>;

/** What the forward pass keeps for backward (inputs and pre-activations), by name. */
export type LayerCache = Record<string, Matrix>;

export interface LayerKind<P extends LayerParams = LayerParams> {
  /** Y = layer(X) for a batch X (n×B, one column per example). */
  forward(params: P, X: Matrix, activation: Activation): { Y: Matrix; cache: LayerCache };
  /** Given dL/dY, returns dL/dX and dL/d(each parameter). */
  backward(params: P, cache: LayerCache, dY: Matrix, activation: Activation): { dX: Matrix; grads: P };
  /** dL/dX alone: backward without the parameter gradients (half of backward's products). */
  inputGradient(params: P, cache: LayerCache, dY: Matrix, activation: Activation): Matrix;
  /** ∂Y/∂X (n×n) at one column x (n×1). */
  jacobian(params: P, x: Matrix, activation: Activation): Matrix;
  /** Fresh parameters for width n. */
  init(width: number, init: WeightInit, rng: Rng): P;
}
