// SGD on the dropout objective (2) with real Bernoulli masks, one step per sampled minibatch.
//
// Step: draw rows i (uniformly, with replacement) and a fresh mask row r_i ~ Bernoulli(p)^d for each;
// x̃_i = r_i ⊙ x_i (or r_i ⊙ x_i / p for inverted dropout) and e_i = y_i − x̃_iᵀw. The gradient of
// the minibatch mean of e_i² is g = −(2/B) Σ e_i x̃_i, an unbiased estimate of ∇(2)/n, so SGD
// targets the minimiser of (2): w̌ (no rescaling) or p·w̌ (inverted dropout).
//
// Step sizes: w ← w − η P g with a diagonal P. A fixed positive P changes the path, never the point
// where E[g] = 0, so the target stays w̌.
// - precondition "column-norms" (default): P_jj = n/‖X_{:,j}‖², one step size per feature in
//   proportion to 1/(mean square of that feature). This is SGD on column-normalised features (the
//   rescaling of problem 2(c)), so a feature of scale 0.1 learns as fast as one of scale 10.
// - precondition "none": P = I, the textbook step. Stable, but with feature scales 0.1 … 10 the
//   small feature's weight moves 10⁴ times slower than the large one's.
// In both, η = stepScale / R² with R² = max_i x_iᵀ P x_i (divided by p² if inverted), the largest
// x̃ᵀPx̃ any mask can produce. One step multiplies e_i by 1 − 2η x̃_iᵀPx̃_i, so 2ηR² < 2 keeps every
// step stable however differently the features are scaled. The default stepScale = 1/8
// (2ηR² = 1/4) is Bach & Moulines' (NeurIPS 2013) constant step for averaged least-mean-squares.
//
// Convergence: with a constant step the last iterate keeps jumping in a noise ball of radius ∝ √η
// around the minimiser (the masks make each gradient noisy even at w̌) and never settles. The
// Polyak average (1/T) Σ w_t does converge (O(1/T) in excess loss for least squares), and so does
// the last iterate with schedule "sqrt-decay", η_t = η/√(1 + t·B/n) (one unit of decay per epoch).
import { Matrix } from "ml-matrix";
import { requireInteger, requireInterval, requireOneOf, requireBudget } from "../checks";
import { trackProgress } from "../progress";
import type { Rng } from "../rng";
import { requireColumn, requireDesign, requireKeep } from "./inputs";
import { column, columnNormsOf } from "./linalg";

export type SgdStepSchedule = "constant" | "sqrt-decay";
export type SgdPreconditioner = "column-norms" | "none";

export interface DropoutSgdOptions {
  /** Keep probability, 0 < p ≤ 1. */
  p: number;
  /** Source of the row and mask draws. */
  rng: Rng;
  /** Number of SGD steps, ≥ 1. */
  steps: number;
  /** Divide kept entries by p (PyTorch's inverted dropout). Default false. */
  inverted?: boolean;
  /** Rows per step, 1 … n. Default 1. */
  batchSize?: number;
  /** η = stepScale / R² (see above), 0 < stepScale ≤ 1. Default 1/8. */
  stepScale?: number;
  /** Per-feature steps: "column-norms" (default, P_jj = n/‖X_{:,j}‖²) or "none" (P = I). */
  precondition?: SgdPreconditioner;
  /** "constant" (default) or "sqrt-decay": η_t = η/√(1 + t·batchSize/n). */
  schedule?: SgdStepSchedule;
  /** The average runs over the iterates after this many steps (burn-in), 0 … steps − 1. Default 0. */
  averageFrom?: number;
  /** Starting weights, d×1. Default 0. */
  w0?: Matrix;
  /** When given (d×1), each checkpoint records ‖w − target‖ and ‖average − target‖. */
  target?: Matrix;
  /** How many checkpoints after step 0 (evenly spaced), 1 … steps. Default min(100, steps). */
  checkpoints?: number;
}

export interface DropoutSgdCheckpoint {
  step: number;
  /** Current iterate. */
  w: number[];
  /** Polyak average of the iterates so far (equals w before averageFrom). */
  average: number[];
  distance?: number;
  averageDistance?: number;
}

export interface DropoutSgdResult {
  /** Last iterate. */
  w: Matrix;
  /** Polyak (time-averaged) iterate. */
  average: Matrix;
  /** The base step size η used. */
  stepSize: number;
  trace: DropoutSgdCheckpoint[];
}

export interface SgdStepGeometry {
  /** Factor on kept entries: 1/p for inverted dropout, else 1. */
  scale: number;
  /** Diagonal of the preconditioner P. */
  P: number[];
  /** The base step η = stepScale / R². */
  stepSize: number;
}

/** The preconditioner P and step η that dropoutSgd uses (see the module comment); arguments already checked. */
export function sgdStepGeometry(
  X: Matrix,
  p: number,
  { inverted, stepScale, precondition }: { inverted: boolean; stepScale: number; precondition: SgdPreconditioner },
): SgdStepGeometry {
  const scale = inverted ? 1 / p : 1;
  // A zero column never moves its weight (its gradient is 0), so any P_jj will do there.
  const P = columnNormsOf(X).map((norm) => (precondition === "none" || norm === 0 ? 1 : X.rows / norm ** 2));
  const R2 = Math.max(...X.to2DArray().map((row) => row.reduce((s, x, j) => s + P[j] * x * x, 0))) * scale * scale;
  return { scale, P, stepSize: R2 > 0 ? stepScale / R2 : stepScale };
}

const distanceTo = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((v, j) => v - b[j]));

/** Runs minibatch SGD with dropout masks on ‖y − (R ⊙ X)w‖²; see the module comment. */
export function dropoutSgd(X: Matrix, y: Matrix, options: DropoutSgdOptions): DropoutSgdResult {
  const { p, rng, steps, inverted = false, batchSize = 1, stepScale = 1 / 8 } = options;
  const { schedule = "constant", precondition = "column-norms", averageFrom = 0, w0, target } = options;
  requireDesign(X);
  const [n, d] = [X.rows, X.columns];
  requireColumn("y", y, n);
  requireKeep(p);
  requireInteger("steps", steps, 1);
  requireBudget("steps × batchSize × d", steps * batchSize * d, "time");
  requireInteger("batchSize", batchSize, 1, n);
  requireInterval("stepScale", stepScale, 0, 1, "(]");
  requireOneOf("schedule", schedule, ["constant", "sqrt-decay"]);
  requireOneOf("precondition", precondition, ["column-norms", "none"]);
  requireInteger("averageFrom", averageFrom, 0, steps - 1);
  const nCheckpoints = requireInteger("checkpoints", options.checkpoints ?? Math.min(100, steps), 1, steps);
  if (w0 !== undefined) requireColumn("w0", w0, d);
  if (target !== undefined) requireColumn("target", target, d);

  const rows = X.to2DArray();
  const ys = y.getColumn(0);
  const { scale, P, stepSize } = sgdStepGeometry(X, p, { inverted, stepScale, precondition });
  const goal = target?.getColumn(0);

  const w = w0 ? w0.getColumn(0) : new Array<number>(d).fill(0);
  const sum = new Array<number>(d).fill(0);
  const trace: DropoutSgdCheckpoint[] = [];
  const grad = new Array<number>(d);
  const xt = new Array<number>(d);
  let next = 0; // index of the next checkpoint; checkpoint k sits at step round(k·steps/nCheckpoints)
  const record = (t: number) => {
    const average = t > averageFrom ? sum.map((s) => s / (t - averageFrom)) : w.slice();
    const point: DropoutSgdCheckpoint = { step: t, w: w.slice(), average };
    if (goal) Object.assign(point, { distance: distanceTo(w, goal), averageDistance: distanceTo(average, goal) });
    trace.push(point);
  };
  record(0);
  const progress = trackProgress("dropoutSgd: steps", steps);
  for (let t = 1; t <= steps; t++) {
    if ((t & 4095) === 0) progress.tick(t);
    const eta = schedule === "constant" ? stepSize : stepSize / Math.sqrt(1 + (t * batchSize) / n);
    grad.fill(0);
    for (let b = 0; b < batchSize; b++) {
      const i = Math.floor(rng.uniform() * n);
      let e = ys[i];
      for (let j = 0; j < d; j++) {
        xt[j] = rows[i][j] * scale * +(rng.uniform() < p); // kept with probability p, without a branch (objective.ts)
        e -= xt[j] * w[j];
      }
      for (let j = 0; j < d; j++) grad[j] -= (2 / batchSize) * e * xt[j];
    }
    for (let j = 0; j < d; j++) w[j] -= eta * P[j] * grad[j];
    if (t > averageFrom) for (let j = 0; j < d; j++) sum[j] += w[j];
    while (next < nCheckpoints && Math.round(((next + 1) * steps) / nCheckpoints) === t) {
      next++;
      record(t);
    }
  }
  progress.finish(steps);
  const average = sum.map((s) => s / (steps - averageFrom));
  return { w: column(w), average: column(average), stepSize, trace };
}
