// Problem 1(c) "based on what you see numerically": the singular values of one block's
// Jacobians, and the norm of the Jacobian product through a deep stack.
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { requireInteger, requireMatrix, requireBudget } from "../checks";
import type { Rng } from "../rng";
import type { Activation } from "./activations";
import { residualBlockJacobian } from "./block";
import { initScale } from "./init";
import { branchJacobian } from "./residual-layer";
import { createStack, jacobianProducts, type StackKind } from "./stack";

/** Singular values of M, largest first. */
export function singularValues(M: Matrix): number[] {
  requireMatrix("M", M);
  requireBudget("rows × columns × min(rows, columns)", M.rows * M.columns * Math.min(M.rows, M.columns), "time");
  const svd = new SingularValueDecomposition(M, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  return [...svd.diagonal].sort((a, b) => b - a);
}

/** ‖M‖₂, the largest singular value. */
export function spectralNorm(M: Matrix): number {
  return singularValues(M)[0];
}

/** "branch": the branch Jacobian W2 D W1 alone; "residual": the whole block's I + W2 D W1. */
export type SpectrumKind = "branch" | "residual";

export interface SpectrumRow {
  kind: SpectrumKind;
  /** 1 for the largest singular value, n for the smallest */
  rank: number;
  singularValue: number;
}

/**
 * Draws W1, W2 with entries N(0, scale²/n) and x0 ~ N(0, I), then returns the singular
 * values of the branch Jacobian W2 D W1 (kind "branch") and of the block's
 * I + W2 D W1 (kind "residual"), as chart rows.
 */
export function blockSpectrum(options: { width: number; scale: number; rng: Rng }): SpectrumRow[] {
  const { width, scale, rng } = options;
  requireInteger("width", width, 1);
  requireBudget("width³", width ** 3, "time");
  const std = initScale(scale, "scale") / Math.sqrt(width);
  const W1 = rng.normalMatrix(width, width, std);
  const W2 = rng.normalMatrix(width, width, std);
  const x0 = rng.normalMatrix(width, 1);
  const rows = (kind: SpectrumKind, J: Matrix) =>
    singularValues(J).map((singularValue, i) => ({ kind, rank: i + 1, singularValue }));
  return [...rows("branch", branchJacobian({ W1, W2 }, x0, "relu")), ...rows("residual", residualBlockJacobian(W1, W2, x0))];
}

export interface DepthRow {
  kind: StackKind;
  /** number of layers multiplied so far (0 = the identity) */
  depth: number;
  /** ‖J_depth ⋯ J_1‖₂ */
  spectralNorm: number;
}

/**
 * ‖∂X_l/∂X_0‖₂ for l = 0 … depth, for a plain and a residual stack with weights
 * N(0, scale²/n), both evaluated at the same input x0 ~ N(0, I).
 */
export function jacobianDepthProfile(options: {
  depth: number;
  width: number;
  scale: number;
  rng: Rng;
  plainActivation?: Activation;
  branchActivation?: Activation;
}): DepthRow[] {
  const { depth, width, scale, rng, plainActivation = "relu", branchActivation = "relu" } = options;
  requireBudget("2 stacks × (depth + 1) × width² (the products)", 2 * (depth + 1) * width * width, "memory");
  requireBudget("2 stacks × depth × width³", 2 * depth * width ** 3, "time");
  const init = initScale(scale, "scale");
  const x0 = rng.normalMatrix(requireInteger("width", width, 1), 1);
  const stacks: [StackKind, Activation][] = [["plain", plainActivation], ["residual", branchActivation]];
  return stacks.flatMap(([kind, activation]) => {
    const stack = createStack(kind, activation, { depth, width, init, rng });
    return jacobianProducts(stack, x0).map((P, l) => ({ kind, depth: l, spectralNorm: spectralNorm(P) }));
  });
}
