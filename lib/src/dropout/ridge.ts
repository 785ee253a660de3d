// Problem 2(b)–(c): the change of variables that turns Tikhonov (3) into classical ridge (5).
//
// With Γ invertible put w̃ = λ^{−1/2} Γ w and X̃ = λ^{1/2} X Γ⁻¹. Then X̃w̃ = Xw and
// λ‖w̃‖² = ‖Γw‖², so ‖y − X̃w̃‖² + λ‖w̃‖² = ‖y − Xw‖² + ‖Γw‖², and w = λ^{1/2} Γ⁻¹ w̃.
// For the dropout Γ = √((1−p)/p)·Γ̌, column j of X̃ is λ^{1/2}√(p/(1−p)) X_{:,j}/‖X_{:,j}‖:
// every column gets the same norm λ^{1/2}√(p/(1−p)), as batch normalisation equalises scales.
import { LuDecomposition, Matrix } from "ml-matrix";
import { requireMatrix } from "../checks";
import { multiplyTransposeA } from "../dense/multiply";
import { dropoutGamma } from "./solutions";
import { requireColumn, requireDesign, requireKeepBelowOne, requireLambda, requireNonzeroNorms } from "./inputs";
import { addDiagonal, columnNormsOf, gram, solveSpd } from "./linalg";

/** Checks that Γ is square d×d and invertible; returns the LU factors of Γ (or of Γᵀ) for solves. */
function invertibleGamma(Gamma: Matrix, d: number, transposed = false): LuDecomposition {
  requireMatrix("Gamma", Gamma, d, d);
  const lu = new LuDecomposition(transposed ? Gamma.transpose() : Gamma);
  if (lu.isSingular()) {
    const zero = Gamma.diag().findIndex((v) => v === 0);
    const where = zero >= 0 ? ` (Gamma[${zero}][${zero}] = 0)` : "";
    throw new RangeError(`Gamma is singular${where}: expected an invertible ${d}×${d} matrix`);
  }
  return lu;
}

/** X̃ = λ^{1/2}·X·Γ⁻¹ of (5), computed as the solution of Γᵀ X̃ᵀ = λ^{1/2} Xᵀ. */
export function toRidge(X: Matrix, Gamma: Matrix, lambda: number): Matrix {
  requireDesign(X);
  requireLambda(lambda);
  return invertibleGamma(Gamma, X.columns, true).solve(X.transpose().mul(Math.sqrt(lambda))).transpose();
}

/** Maps the ridge solution of (5) back to (3): w = λ^{1/2} Γ⁻¹ w̃. */
export function fromRidge(wTilde: Matrix, Gamma: Matrix, lambda: number): Matrix {
  requireMatrix("wTilde", wTilde, undefined, 1);
  requireLambda(lambda);
  return invertibleGamma(Gamma, wTilde.rows).solve(wTilde).mul(Math.sqrt(lambda));
}

/** Classical ridge (5): (XᵀX + λI)⁻¹ Xᵀy. */
export function ridgeSolution(X: Matrix, y: Matrix, lambda: number): Matrix {
  requireDesign(X);
  requireColumn("y", y, X.rows);
  requireLambda(lambda);
  return solveSpd(addDiagonal(gram(X), new Array(X.columns).fill(lambda)), multiplyTransposeA(X, y), "XᵀX + λI");
}

/**
 * The ridge data of (5) for the dropout Γ at keep probability p < 1 (Γ = 0 at p = 1 has no
 * inverse), with the common column norm λ^{1/2}√(p/(1−p)) every column of X̃ should have.
 */
export function dropoutRidge(X: Matrix, p: number, lambda: number): { XTilde: Matrix; Gamma: Matrix; columnNorm: number } {
  requireDesign(X);
  requireKeepBelowOne(p);
  requireLambda(lambda);
  requireNonzeroNorms(columnNormsOf(X));
  const Gamma = dropoutGamma(X, p);
  return { XTilde: toRidge(X, Gamma, lambda), Gamma, columnNorm: Math.sqrt(lambda) * Math.sqrt(p / (1 - p)) };
}
