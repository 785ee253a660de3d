// Deep stacks of one layer kind: plain (X_{l+1} = act(W_l X_l)) or residual
// (X_{l+1} = W2_l act(W1_l X_l) + X_l). The forward pass records a tape (each layer's cache);
// the backward pass walks it in reverse and returns ∂L/∂X_l for every l = 0..L and the
// gradient of every weight.
import { Matrix } from "ml-matrix";
import { requireInteger, requireMatrix, requireOneOf, requireBudget, requireRng } from "../checks";
import { multiply } from "../dense/multiply";
import { sumOfSquares } from "../dense/storage";
import type { Rng } from "../rng";
import { ACTIVATIONS, type Activation } from "./activations";
import { initScale, type WeightInit } from "./init";
import type { LayerCache, LayerKind, LayerParams } from "./layer";
import { plainLayer, type PlainParams } from "./plain-layer";
import { residualLayer, type ResidualParams } from "./residual-layer";

export type StackKind = "plain" | "residual";
export const STACK_KINDS: readonly StackKind[] = ["plain", "residual"];

export interface Stack<P extends LayerParams = LayerParams> {
  readonly kind: StackKind;
  readonly activation: Activation;
  readonly width: number;
  readonly layers: readonly P[];
}
export type PlainStack = Stack<PlainParams> & { readonly kind: "plain" };
export type ResidualStack = Stack<ResidualParams> & { readonly kind: "residual" };

export interface StackOptions {
  /** number of layers (blocks), ≥ 1 */
  depth: number;
  /** n, the size of every X_l, ≥ 1 */
  width: number;
  /** see init.ts: entries N(0, c²/n) */
  init: WeightInit;
  rng: Rng;
}

const LAYER_KINDS: Record<StackKind, LayerKind> = { plain: plainLayer, residual: residualLayer };

export function layerKind(kind: StackKind): LayerKind {
  return LAYER_KINDS[requireOneOf("kind", kind, STACK_KINDS)];
}

/** A stack of `depth` layers of `kind`, weights drawn from `rng` layer by layer. */
export function createStack(kind: StackKind, activation: Activation, options: StackOptions): Stack {
  const { depth, width, init, rng } = options;
  const layer = layerKind(kind);
  requireOneOf("activation", activation, ACTIVATIONS);
  requireInteger("depth", depth, 1);
  requireInteger("width", width, 1);
  requireBudget("depth × width² × matrices per layer", depth * width * width * (kind === "residual" ? 2 : 1), "memory");
  requireRng("rng", rng);
  initScale(init);
  const layers = Array.from({ length: depth }, () => layer.init(width, init, rng));
  return { kind, activation, width, layers };
}

/** Plain stack X_{l+1} = act(W_l X_l); `activation` is required (no default hides the choice). */
export function createPlainStack(options: StackOptions & { activation: Activation }): PlainStack {
  return createStack("plain", options.activation, options) as PlainStack;
}

/** Residual stack of Figure-1 blocks; the branch activation defaults to ReLU as in Figure 1. */
export function createResidualStack(options: StackOptions & { activation?: Activation }): ResidualStack {
  return createStack("residual", options.activation ?? "relu", options) as ResidualStack;
}

export interface Tape {
  /** X_0 … X_L (L + 1 matrices, n×B each) */
  readonly outputs: readonly Matrix[];
  /** layer l's cache, l = 0 … L−1 */
  readonly caches: readonly LayerCache[];
}

/** Runs X0 (n×B) through the stack, keeping every layer's cache. */
export function stackForward(stack: Stack, X0: Matrix): Tape {
  requireBudget("depth × width² × batch", stack?.layers?.length * stack?.width ** 2 * X0?.columns, "time");
  requireMatrix("X0", X0, stack.width);
  const layer = layerKind(stack.kind);
  const outputs: Matrix[] = [X0];
  const caches: LayerCache[] = [];
  for (const params of stack.layers) {
    const { Y, cache } = layer.forward(params, outputs[outputs.length - 1], stack.activation);
    outputs.push(Y);
    caches.push(cache);
  }
  return { outputs, caches };
}

export interface StackGradients<P extends LayerParams = LayerParams> {
  /** ∂L/∂X_l for l = 0 … L (dX[L] is the upstream gradient itself) */
  readonly dX: readonly Matrix[];
  /** ∂L/∂(parameters of layer l), same names as the parameters */
  readonly dLayers: readonly P[];
}

/**
 * The chain rule down the tape from dL/dX_L = G, last layer first: dL/dX_l = back(l, dL/dX_{l+1}).
 * Returns dL/dX_l for l = 0 … L.
 */
function backpropagate(stack: Stack, tape: Tape, G: Matrix, back: (l: number, dY: Matrix) => Matrix): Matrix[] {
  const XL = tape.outputs[tape.outputs.length - 1];
  requireMatrix("G", G, XL.rows, XL.columns);
  const L = stack.layers.length;
  const dX: Matrix[] = new Array(L + 1);
  dX[L] = G;
  for (let l = L - 1; l >= 0; l--) dX[l] = back(l, dX[l + 1]);
  return dX;
}

/** Backpropagates dL/dX_L = G through the tape (chain rule, last layer first). */
export function stackBackward<P extends LayerParams>(stack: Stack<P>, tape: Tape, G: Matrix): StackGradients<P> {
  const layer = layerKind(stack.kind) as unknown as LayerKind<P>;
  const dLayers: P[] = new Array(stack.layers.length);
  const dX = backpropagate(stack, tape, G, (l, dY) => {
    const { dX: dIn, grads } = layer.backward(stack.layers[l], tape.caches[l], dY, stack.activation);
    dLayers[l] = grads;
    return dIn;
  });
  return { dX, dLayers };
}

/**
 * Per-layer gradient norms for the loss L = Σ (X_L ⊙ G) = ⟨X_L, G⟩, a fixed upstream
 * gradient G (so ∂L/∂X_L = G exactly, whatever the stack outputs). Returns ‖∂L/∂X_l‖_F
 * (Frobenius norm over the whole n×B batch) for l = 0 … L. Only dL/dX is needed, so each
 * layer runs its backward without the weight gradients.
 */
export function gradientNorms(stack: Stack, X0: Matrix, G: Matrix): number[] {
  const tape = stackForward(stack, X0);
  const layer = layerKind(stack.kind);
  return backpropagate(stack, tape, G, (l, dY) => layer.inputGradient(stack.layers[l], tape.caches[l], dY, stack.activation)).map((d) => Math.sqrt(sumOfSquares(d)));
}

/**
 * ∂X_L/∂X_0 = J_L ⋯ J_1 at one input column x0 (n×1), and every partial product:
 * returns [I, J_1, J_2 J_1, …] (L + 1 matrices).
 */
export function jacobianProducts(stack: Stack, x0: Matrix): Matrix[] {
  requireBudget("(depth + 1) × width² (the products)", (stack?.layers?.length + 1) * stack?.width ** 2, "memory");
  requireBudget("depth × width³", stack?.layers?.length * stack?.width ** 3, "time");
  requireMatrix("x0", x0, stack.width, 1);
  const layer = layerKind(stack.kind);
  const products = [Matrix.eye(stack.width)];
  let x = x0;
  stack.layers.forEach((params) => {
    const J = layer.jacobian(params, x, stack.activation);
    products.push(multiply(J, products[products.length - 1]));
    x = layer.forward(params, x, stack.activation).Y;
  });
  return products;
}
