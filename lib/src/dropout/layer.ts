// Dropout as a layer applied to a matrix of inputs, in the two conventions side by side.
// p is the KEEP probability; each entry is kept independently: R_ij ~ Bernoulli(p).
// - plain (the homework's): output R ⊙ X, whose mean is pX; inference must then use p·w.
// - inverted (PyTorch's nn.Dropout(p_torch = 1 − p)): output (R ⊙ X)/p, whose mean is X itself,
//   so the weights learned are used as they are.
import { Matrix } from "ml-matrix";
import type { Rng } from "../rng";
import { requireDesign, requireKeep } from "./inputs";

export interface DropoutLayerOptions {
  /** Divide the kept entries by p. Default false. */
  inverted?: boolean;
}

export interface DropoutLayerResult {
  /** The mask R, drawn from rng row by row (1 = kept). */
  mask: Matrix;
  /** R ⊙ X, or (R ⊙ X)/p when inverted. */
  output: Matrix;
}

/** Draws a mask of X's shape from rng and applies it; X is not changed. */
export function applyDropout(X: Matrix, p: number, rng: Rng, { inverted = false }: DropoutLayerOptions = {}): DropoutLayerResult {
  requireDesign(X);
  requireKeep(p);
  const mask = rng.bernoulliMask(X.rows, X.columns, p);
  const output = Matrix.mul(X, mask); // element-wise: R ⊙ X
  return { mask, output: inverted ? output.div(p) : output };
}
