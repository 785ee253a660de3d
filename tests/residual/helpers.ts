// Shared fixtures for the residual tests: seeded random matrices and a guard that keeps
// finite differences away from ReLU kinks.
import { Matrix } from "ml-matrix";
import { createRng, type Rng } from "../../lib/src/rng";

/** W1, W2 ~ N(0, 1/n) and an input batch X0 ~ N(0, 1), from one seed. */
export function randomBlock(n: number, batch: number, seed: number): { W1: Matrix; W2: Matrix; X0: Matrix; rng: Rng } {
  const rng = createRng(seed);
  const std = 1 / Math.sqrt(n);
  return { W1: rng.normalMatrix(n, n, std), W2: rng.normalMatrix(n, n, std), X0: rng.normalMatrix(n, batch), rng };
}

/** The smallest |entry| among the given matrices: how far the nearest ReLU kink is. */
export function distanceToKink(...Ms: Matrix[]): number {
  return Math.min(...Ms.flatMap((M) => M.to1DArray().map(Math.abs)));
}
