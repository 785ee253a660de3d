// Workloads (iii) and (iv): the Monte Carlo estimate of the dropout objective (2) from explicit
// masks, and the closed-form minimiser w̌ = (p XᵀX + (1 − p) Γ̌²)⁻¹ Xᵀy of (4).
import type { Matrix } from "ml-matrix";
import {
  dropoutObjective,
  makeRegressionData,
  dropoutObjectiveEstimates,
  dropoutSolution,
  type Rng,
} from "@skip-and-drop/lib";
import type { Exchange } from "../reference-runner";
import { timeIt } from "../timing";
import { vectorAgreement, type KernelCase } from "./case";

/**
 * The library's own synthetic problem (makeRegressionData): d features on scales 10^−1 … 10^1,
 * so Γ̌ = diag(‖X_{:,j}‖) is far from a multiple of I, and y = X w* + noise.
 */
function regressionProblem(rng: Rng, n: number, d: number): { X: Matrix; y: Matrix } {
  return makeRegressionData({ n, d, rng });
}

/** How many standard errors an estimate may sit from the exact value before we call it wrong. */
const Z = 5;

/** (iii) mean of ‖y − (R ⊙ X)w‖² over `samples` masks, checked against the closed form (4). */
export function monteCarloCase(exchange: Exchange, rng: Rng, shape: { n: number; d: number; p: number; samples: number }): KernelCase {
  const { n, d, p, samples } = shape;
  const { X, y } = regressionProblem(rng, n, d);
  const w = dropoutSolution(X, y, p);
  return {
    group: `Dropout objective (2) by Monte Carlo, explicit masks`,
    label: `${samples.toLocaleString("en-US")} masks, n = ${n}, d = ${d}, p = ${p}`,
    reference: {
      id: "montecarlo",
      kind: "montecarlo",
      params: { p, samples, chunk: 1000, seed: 1 },
      arrays: { X: exchange.put(X), y: exchange.put(y), w: exchange.put(w) },
    },
    lib: (rule) => {
      const { timing, result } = timeIt(() => dropoutObjectiveEstimates(X, y, w, p, [samples], rng)[0], rule);
      return { timing, check: [result.mean, result.standardError, dropoutObjective(X, y, w, p)] };
    },
    compare: ([libMean, libSe, libExact], [npMean, npSe, npExact]) => {
      if (Math.abs(libExact - npExact) > 1e-10 * Math.abs(libExact)) return `closed forms differ: ${libExact} vs ${npExact}`;
      if (Math.abs(libMean - libExact) > Z * libSe) return `lib estimate ${libMean} is > ${Z} SE from ${libExact}`;
      if (Math.abs(npMean - npExact) > Z * npSe) return `numpy estimate ${npMean} is > ${Z} SE from ${npExact}`;
      return null;
    },
  };
}

/** (iv) the closed-form dropout solution by a Cholesky solve. */
export function closedFormCase(exchange: Exchange, rng: Rng, shape: { n: number; d: number; p: number }): KernelCase {
  const { n, d, p } = shape;
  const { X, y } = regressionProblem(rng, n, d);
  return {
    group: "Dropout closed-form solution (Cholesky solve)",
    label: `n = ${n}, d = ${d}, p = ${p}`,
    reference: { id: `closed-form-${n}x${d}`, kind: "closed-form", params: { p }, arrays: { X: exchange.put(X), y: exchange.put(y) } },
    lib: (rule) => {
      const { timing, result } = timeIt(() => dropoutSolution(X, y, p), rule);
      return { timing, check: result.getColumn(0) };
    },
    compare: (lib, numpy) => vectorAgreement(lib, numpy, 1e-8),
  };
}
