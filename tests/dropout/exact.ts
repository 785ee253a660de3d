// The brute-force reference for the dropout objective: the expectation over every mask R ∈ {0,1}^{n×d},
// each weighted by its probability p^{#kept} (1−p)^{#dropped}. Feasible only for tiny n·d.
import { Matrix } from "ml-matrix";
import type { Rng } from "../../lib/src/rng";

export function exactExpectation(X: Matrix, y: Matrix, w: Matrix, p: number, inverted = false): number {
  const [n, d] = [X.rows, X.columns];
  const cells = n * d;
  const scale = inverted ? 1 / p : 1;
  let total = 0;
  for (let bits = 0; bits < 2 ** cells; bits++) {
    let probability = 1;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let prediction = 0;
      for (let j = 0; j < d; j++) {
        const kept = (bits >> (i * d + j)) & 1;
        probability *= kept ? p : 1 - p;
        if (kept) prediction += X.get(i, j) * w.get(j, 0) * scale;
      }
      loss += (y.get(i, 0) - prediction) ** 2;
    }
    total += probability * loss;
  }
  return total;
}

/**
 * Brute-force Monte Carlo: `samples` masks R drawn entry by entry (row-major, kept iff
 * rng.uniform() < p, the library's draw order), each loss ‖y − (R ⊙ X)w/s‖² computed with
 * whole-matrix operations (s = p if inverted, else 1), then the mean and the standard error
 * from the stored losses in two passes.
 */
export function bruteForceMonteCarlo(
  X: Matrix,
  y: Matrix,
  w: Matrix,
  p: number,
  samples: number,
  rng: Rng,
  inverted = false,
): { mean: number; standardError: number } {
  const losses: number[] = [];
  for (let s = 0; s < samples; s++) {
    const R = new Matrix(X.rows, X.columns);
    for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.columns; j++) R.set(i, j, rng.uniform() < p ? 1 : 0);
    const prediction = Matrix.mul(R, X).mmul(w).div(inverted ? p : 1);
    losses.push(Matrix.sub(y, prediction).norm() ** 2);
  }
  const mean = losses.reduce((a, b) => a + b, 0) / samples;
  const variance = losses.reduce((a, l) => a + (l - mean) ** 2, 0) / (samples - 1);
  return { mean, standardError: Math.sqrt(variance / samples) };
}
