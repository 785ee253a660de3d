// Minimisers of the dropout objective (4) and of the Tikhonov problem (3), and the Γ linking them.
//
// Setting ∇(4) = 0: p Xᵀy = (p² XᵀX + p(1−p) Γ̌²) w̌, so w̌ = (p XᵀX + (1−p) Γ̌²)⁻¹ Xᵀy.
// Substituting w = p·w̌ turns (4) into ‖y − Xw‖² + ((1−p)/p)‖Γ̌w‖²: problem (3) with
// Γ = √((1−p)/p)·Γ̌. So the weights learned with dropout, scaled by p, solve a ridge-like problem:
// the same scaling by p that inference applies to weights trained without inverted dropout.
import { Matrix } from "ml-matrix";
import { requireMatrix } from "../checks";
import { multiplyTransposeA } from "../dense/multiply";
import { requireColumn, requireDesign, requireKeep, requireNonzeroNorms } from "./inputs";
import { addDiagonal, columnNormsOf, gram, solveSpd } from "./linalg";

/** ‖X_{:,j}‖ for every column j: the diagonal of Γ̌. */
export function columnNorms(X: Matrix): number[] {
  requireDesign(X);
  return columnNormsOf(X);
}

/** Γ̌ = diag(‖X_{:,1}‖, …, ‖X_{:,d}‖) as a d×d matrix. */
export function columnNormDiagonal(X: Matrix): Matrix {
  return Matrix.diag(columnNorms(X));
}

/** The minimiser w̌ = (p XᵀX + (1 − p) Γ̌²)⁻¹ Xᵀy of (4), by a Cholesky solve. */
export function dropoutSolution(X: Matrix, y: Matrix, p: number): Matrix {
  requireDesign(X);
  requireColumn("y", y, X.rows);
  requireKeep(p);
  const norms = columnNormsOf(X);
  // A zero column leaves its weight unconstrained by both terms: no unique minimiser.
  requireNonzeroNorms(norms);
  const A = addDiagonal(gram(X), norms.map((norm) => (1 - p) * norm ** 2), p);
  return solveSpd(A, multiplyTransposeA(X, y), "p XᵀX + (1 − p) Γ̌²");
}

/** Γ = √((1−p)/p)·Γ̌: the Tikhonov matrix for which p·w̌ solves (3). Γ = 0 at p = 1. */
export function dropoutGamma(X: Matrix, p: number): Matrix {
  requireDesign(X);
  requireKeep(p);
  const strength = Math.sqrt((1 - p) / p);
  return Matrix.diag(columnNormsOf(X).map((norm) => strength * norm));
}

/** The minimiser (XᵀX + ΓᵀΓ)⁻¹Xᵀy of (3); Γ is any k×d matrix. */
export function tikhonovSolution(X: Matrix, y: Matrix, Gamma: Matrix): Matrix {
  requireDesign(X);
  requireColumn("y", y, X.rows);
  requireMatrix("Gamma", Gamma, undefined, X.columns);
  return solveSpd(Matrix.add(gram(X), gram(Gamma)), multiplyTransposeA(X, y), "XᵀX + ΓᵀΓ");
}
