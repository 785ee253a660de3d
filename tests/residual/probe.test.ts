// probeTraining against finite differences and brute-force counts on a tiny network.
import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { createRng } from "../../lib/src/rng";
import {
  compareTraining, numericGradient, probeTraining, regressionForward, type Regressor, type StackKind,
} from "../../lib/src/residual";

const options = { depth: 3, width: 4, samples: 10, batch: 5, steps: 4, lr: 0.05, init: 0.9, plainInit: "he" as const };

describe("probeTraining", () => {
  const seen = new Map<string, { model: Regressor; X: Matrix; Y: Matrix }>();
  compareTraining({ ...options, rng: createRng(3), observe: (kind, step, model, data) => seen.set(`${kind}/${step}`, { model, ...data }) });
  const probe = probeTraining({ ...options, rng: createRng(3), probeSteps: [0, 4] });

  it("returns compareTraining's rows unchanged", () => {
    expect(probe.rows).toEqual(compareTraining({ ...options, rng: createRng(3) }));
  });

  it.each(["plain", "residual"] as StackKind[])("%s: ‖∂ℒ/∂W_l‖ matches central differences of the full-data loss", (kind) => {
    for (const step of [0, 4]) {
      const { model, X, Y } = seen.get(`${kind}/${step}`)!;
      const loss = regressionForward(model, X, Y).loss;
      expect(probe.losses.find((r) => r.kind === kind && r.step === step)!.loss).toBeCloseTo(loss, 12);
      model.stack.layers.forEach((params, l) => {
        let sq = 0;
        for (const name of Object.keys(params)) {
          const f = (W: Matrix) => {
            const layers = model.stack.layers.map((p, k) => (k === l ? { ...p, [name]: W } : p));
            return regressionForward({ ...model, stack: { ...model.stack, layers } }, X, Y).loss;
          };
          sq += numericGradient(f, params[name]).norm("frobenius") ** 2;
        }
        const row = probe.layers.find((r) => r.kind === kind && r.step === step && r.layer === l + 1)!;
        expect(row.gradNorm).toBeCloseTo(Math.sqrt(sq), 6);
      });
    }
  });

  it("counts dead units by brute force and reports ½·Var(y)", () => {
    const { model, X, Y } = seen.get("plain/0")!;
    let H = X;
    model.stack.layers.forEach(({ W }, l) => {
      const Z = W.mmul(H);
      const dead = Z.to2DArray().filter((row) => row.every((z) => z <= 0)).length;
      expect(probe.layers.find((r) => r.kind === "plain" && r.step === 0 && r.layer === l + 1)!.dead).toBe(dead);
      H = new Matrix(Z.to2DArray().map((row) => row.map((z) => Math.max(0, z))));
    });
    const y = Y.getRow(0);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    expect(probe.constantLoss).toBeCloseTo(y.reduce((a, b) => a + (b - mean) ** 2, 0) / (2 * y.length), 14);
    // X_0 is the data itself: identical for both networks
    const first = (kind: string) => probe.representations.find((r) => r.kind === kind && r.step === 0 && r.layer === 0)!;
    expect(first("plain").cosine).toBe(first("residual").cosine);
    expect(probe.representations.filter((r) => r.step === 4)).toHaveLength(2 * (options.depth + 1));
  });

  it("reports the best linear read-out's loss: no direction of v lowers it (zero gradient), and ‖X_l − X_0‖ / ‖X_0‖", () => {
    const { X, Y } = seen.get("plain/0")!;
    const lossOf = (v: Matrix) => Matrix.sub(v.mmul(X), Y).norm("frobenius") ** 2 / (2 * X.columns);
    // gradient descent from 0 on this convex quadratic converges to the minimum
    let v = Matrix.zeros(1, X.rows);
    for (let k = 0; k < 20000; k++) v = Matrix.sub(v, Matrix.mul(Matrix.sub(v.mmul(X), Y).mmul(X.transpose()), 0.02 / X.columns));
    expect(probe.linearLoss).toBeCloseTo(lossOf(v), 10);
    expect(numericGradient(lossOf, v).norm("frobenius")).toBeLessThan(1e-6); // v is a minimiser
    const rep = (kind: string, layer: number) => probe.representations.find((r) => r.kind === kind && r.step === 0 && r.layer === layer)!;
    expect(rep("plain", 0).fromInput).toBe(0);
    const { model } = seen.get("residual/0")!;
    const { tape } = regressionForward(model, X, Y);
    expect(rep("residual", 2).fromInput).toBeCloseTo(Matrix.sub(tape.outputs[2], X).norm("frobenius") / X.norm("frobenius"), 14);
  });

  it("refuses a probe step beyond the run", () => {
    expect(() => probeTraining({ ...options, rng: createRng(3), probeSteps: [5] })).toThrow("probeSteps[0] = 5 is invalid");
  });
});
