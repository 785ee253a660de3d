// The gradient-norm sweep of notebook 01 at its default parameters (its parameters cell:
// depth 30, width 16, batch 32, seed 7; the chart's slider spans c = 0.1, 0.2, …, 3.0).
import type { SweepShape } from "./residual";

export const SWEEP: SweepShape = {
  scales: Array.from({ length: 30 }, (_, k) => (k + 1) / 10),
  depth: 30,
  width: 16,
  batch: 32,
  seed: 7,
};
