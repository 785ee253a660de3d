// Gradient norms through deep plain and residual stacks over a grid of weight scales:
// the rows an interactive chart needs (a slider over `scale` selects one series per kind).
import { requireInteger, requireBudget } from "../checks";
import { trackProgress } from "../progress";
import type { Rng } from "../rng";
import type { Activation } from "./activations";
import { initScale } from "./init";
import { createStack, gradientNorms, type StackKind } from "./stack";

export interface GradientNormRow {
  scale: number;
  /** l = 0 … depth; the gradient enters at l = depth */
  layer: number;
  /** ‖∂L/∂X_l‖_F over the batch, with ‖∂L/∂X_L‖_F = 1; may underflow to 0 for extreme settings */
  norm: number;
  kind: StackKind;
}

export interface SweepOptions {
  scales: readonly number[];
  depth: number;
  width: number;
  /** examples per batch (columns of X_0) */
  batch: number;
  rng: Rng;
  /** activation of the plain stack (default "relu") */
  plainActivation?: Activation;
  /** activation inside each residual branch (default "relu", as in Figure 1) */
  branchActivation?: Activation;
}

/**
 * For every scale c: a plain and a residual stack with weights N(0, c²/n), the same
 * input batch X_0 ~ N(0, 1) and the same upstream gradient G (random, scaled to ‖G‖_F = 1;
 * loss L = ⟨X_L, G⟩), and the norm of ∂L/∂X_l at every layer.
 */
export function gradientNormSweep(options: SweepOptions): GradientNormRow[] {
  const { scales, depth, width, batch, rng, plainActivation = "relu", branchActivation = "relu" } = options;
  requireInteger("depth", depth, 1);
  requireInteger("width", width, 1);
  requireInteger("batch", batch, 1);
  requireBudget("scales × 2 stacks × depth × width² × batch", scales?.length * 2 * depth * width ** 2 * batch, "time");
  if (scales.length === 0) throw new RangeError("scales = [] is invalid: expected at least one scale");
  scales.forEach((c, i) => initScale(c, `scales[${i}]`));
  const X0 = rng.normalMatrix(width, batch);
  const raw = rng.normalMatrix(width, batch);
  const G = raw.clone().div(raw.norm("frobenius"));
  const kinds: [StackKind, Activation][] = [["plain", plainActivation], ["residual", branchActivation]];
  const progress = trackProgress("gradientNormSweep: stacks", scales.length * kinds.length);
  let done = 0;
  const rows = scales.flatMap((scale) =>
    kinds.flatMap(([kind, activation]) => {
      const stack = createStack(kind, activation, { depth, width, init: scale, rng });
      const norms = gradientNorms(stack, X0, G);
      progress.tick(++done);
      return norms.map((norm, layer) => ({ scale, layer, norm, kind }));
    }),
  );
  progress.finish();
  return rows;
}
