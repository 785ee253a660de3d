// Reference computations for the tests: the expectation over every mask R ∈ {0,1}^{n×d},
// each weighted by its probability p^{#kept} (1−p)^{#dropped}. Feasible only for tiny n·d.
import { Matrix } from "ml-matrix";

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

/** Central finite differences of f at w, step h per coordinate. */
export function finiteGradient(f: (w: Matrix) => number, w: Matrix, h: number): number[] {
  return w.getColumn(0).map((_, j) => {
    const plus = w.clone();
    const minus = w.clone();
    plus.set(j, 0, plus.get(j, 0) + h);
    minus.set(j, 0, minus.get(j, 0) - h);
    return (f(plus) - f(minus)) / (2 * h);
  });
}

export const relativeDistance = (a: Matrix, b: Matrix): number =>
  Matrix.sub(a, b).norm() / Math.max(b.norm(), Number.MIN_VALUE);
