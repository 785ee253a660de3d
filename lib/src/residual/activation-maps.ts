// The activations applied to a whole matrix at once, for the stack's hot path: one loop per
// activation over the rows' storage, so the scalar function is a direct (inlinable) call
// instead of a callback looked up per entry. Values are exactly those of activations.ts.
import type { Matrix } from "ml-matrix";
import { flatOf, newMatrix, rowsOf, Scratch } from "../dense/storage";
import * as scalar from "./activations";
import type { Activation } from "./activations";

// Local bindings: a call through a module namespace can cost a property (or getter) lookup
// per entry, depending on how the module was compiled.
const { sigmoid, sigmoidGrad, tanh, tanhGrad } = scalar;

const zScratch = new Scratch();

/** act(Z), entry by entry (a new matrix). */
export function activate(Z: Matrix, activation: Activation): Matrix {
  const { M, flat: y } = newMatrix(Z.rows, Z.columns);
  const z = flatOf(Z, zScratch);
  if (activation === "relu") for (let j = 0; j < z.length; j++) y[j] = z[j] > 0 ? z[j] : 0;
  else if (activation === "tanh") for (let j = 0; j < z.length; j++) y[j] = tanh(z[j]);
  else for (let j = 0; j < z.length; j++) y[j] = sigmoid(z[j]);
  return M;
}

/** d ← g ⊙ act'(z), entry by entry along one row (d may be g itself). */
function multiplyByDerivative(d: Float64Array, g: Float64Array, z: Float64Array, activation: Activation): void {
  if (activation === "relu") for (let j = 0; j < z.length; j++) d[j] = g[j] * (z[j] > 0 ? 1 : 0); // ReLU'(z), with ReLU'(0) := 0
  else if (activation === "tanh") for (let j = 0; j < z.length; j++) d[j] = g[j] * tanhGrad(z[j]);
  else for (let j = 0; j < z.length; j++) d[j] = g[j] * sigmoidGrad(z[j]);
}

/** dY ⊙ act'(Z): the gradient through the activation (a new matrix). */
export function backThroughActivation(dY: Matrix, Z: Matrix, activation: Activation): Matrix {
  const { M, rows } = newMatrix(Z.rows, Z.columns);
  const up = rowsOf(dY), z = rowsOf(Z);
  for (let i = 0; i < rows.length; i++) multiplyByDerivative(rows[i], up[i], z[i], activation);
  return M;
}

/**
 * dY ← dY ⊙ act'(Z), overwriting dY: for a gradient this module's caller has just created
 * (never an input), which saves a matrix per layer.
 */
export function backThroughActivationInPlace(dY: Matrix, Z: Matrix, activation: Activation): Matrix {
  const d = rowsOf(dY), z = rowsOf(Z);
  for (let i = 0; i < d.length; i++) multiplyByDerivative(d[i], d[i], z[i], activation);
  return dY;
}

/** A += B in place, for a matrix this module's caller has just created (never an input). */
export function addInPlace(A: Matrix, B: Matrix): Matrix {
  const a = rowsOf(A), b = rowsOf(B);
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    for (let j = 0; j < x.length; j++) x[j] += y[j];
  }
  return A;
}
