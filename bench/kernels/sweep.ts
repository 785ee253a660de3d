// The gradient-norm sweep of notebook 01 at its default parameters.
import type { SweepShape } from "./residual";

export const SWEEP: SweepShape = {
  scales: [0.25, 0.5, 1, Math.SQRT2, 2],
  depth: 50,
  width: 64,
  batch: 32,
  seed: 0,
};
