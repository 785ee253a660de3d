// The activations applied to a whole matrix at once, for the stack's hot path: one loop per
// activation over the rows' storage, so the scalar function is a direct (inlinable) call
// instead of a callback looked up per entry. Values are exactly those of activations.ts.
import type { Matrix } from "ml-matrix";
import { newMatrix, rowsOf } from "../dense/storage";
import * as scalar from "./activations";
import type { Activation } from "./activations";

// Local bindings: a call through a module namespace can cost a property (or getter) lookup
// per entry, depending on how the module was compiled.
const { sigmoid, sigmoidGrad, tanh, tanhGrad } = scalar;

/** act(Z), entry by entry (a new matrix). */
export function activate(Z: Matrix, activation: Activation): Matrix {
  const { M, rows } = newMatrix(Z.rows, Z.columns);
  const src = rowsOf(Z);
  for (let i = 0; i < rows.length; i++) {
    const z = src[i], y = rows[i];
    if (activation === "relu") for (let j = 0; j < z.length; j++) y[j] = z[j] > 0 ? z[j] : 0;
    else if (activation === "tanh") for (let j = 0; j < z.length; j++) y[j] = tanh(z[j]);
    else for (let j = 0; j < z.length; j++) y[j] = sigmoid(z[j]);
  }
  return M;
}

/** dY ⊙ act'(Z): the gradient through the activation (a new matrix). */
export function backThroughActivation(dY: Matrix, Z: Matrix, activation: Activation): Matrix {
  const { M, rows } = newMatrix(Z.rows, Z.columns);
  const src = rowsOf(Z), up = rowsOf(dY);
  for (let i = 0; i < rows.length; i++) {
    const z = src[i], g = up[i], d = rows[i];
    if (activation === "relu") for (let j = 0; j < z.length; j++) d[j] = g[j] * (z[j] > 0 ? 1 : 0); // ReLU'(z), with ReLU'(0) := 0
    else if (activation === "tanh") for (let j = 0; j < z.length; j++) d[j] = g[j] * tanhGrad(z[j]);
    else for (let j = 0; j < z.length; j++) d[j] = g[j] * sigmoidGrad(z[j]);
  }
  return M;
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
