// Workloads (i) and (ii): forward + backward through plain and residual stacks, and the
// gradient-norm sweep over weight scales that notebook 01 draws.
import type { Matrix } from "ml-matrix";
import {
  createRng,
  type Rng,
  createStack,
  gradientNorms,
  gradientNormSweep,
  stackBackward,
  stackForward,
  type Activation,
  type Stack,
  type StackKind,
  type WeightInit,
} from "@skip-and-drop/lib";
import type { ArrayRef, Exchange } from "../reference-runner";
import { timeIt } from "../timing";
import { relativeAgreement, type KernelCase } from "./case";

/** The weights in the order reference.py regroups them: W per plain layer, W1 then W2 per block. */
function weightRefs(exchange: Exchange, stack: Stack): ArrayRef[] {
  const names = stack.kind === "plain" ? ["W"] : ["W1", "W2"];
  return stack.layers.flatMap((layer) => names.map((name) => exchange.put(layer[name])));
}

export interface StackShape {
  kind: StackKind;
  activation: Activation;
  init: WeightInit;
  depth: number;
  width: number;
  batch: number;
}

/** Input batch X0 (n×B) and a fixed upstream gradient G = ∂L/∂X_L, both N(0, 1). */
function batchAndGradient(rng: Rng, width: number, batch: number): { X0: Matrix; G: Matrix } {
  return { X0: rng.normalMatrix(width, batch), G: rng.normalMatrix(width, batch) };
}

/** (i) one forward pass (keeping the tape) and one backward pass (all ∂L/∂X_l and ∂L/∂W). */
export function stackPassCase(exchange: Exchange, rng: Rng, shape: StackShape): KernelCase {
  const { kind, activation, init, depth, width, batch } = shape;
  const stack = createStack(kind, activation, { depth, width, init, rng });
  const { X0, G } = batchAndGradient(rng, width, batch);
  const firstWeight = kind === "plain" ? "W" : "W1";
  return {
    group: `Forward + backward through a stack, depth ${depth}, batch ${batch}`,
    label: `${kind} (${activation}, init ${init}), width ${width}`,
    reference: {
      id: `stack-${kind}-${width}`,
      kind: "stack",
      params: { kind, activation },
      arrays: { layers: weightRefs(exchange, stack), X0: exchange.put(X0), G: exchange.put(G) },
    },
    lib: (rule) => {
      const { timing, result } = timeIt(() => {
        const tape = stackForward(stack, X0);
        return { tape, grads: stackBackward(stack, tape, G) };
      }, rule);
      const { tape, grads } = result;
      const XL = tape.outputs[tape.outputs.length - 1];
      const check = [grads.dX[0].norm("frobenius"), grads.dLayers[0][firstWeight].norm("frobenius"), XL.norm("frobenius")];
      return { timing, check };
    },
    compare: (lib, numpy) => relativeAgreement(lib, numpy, 1e-9),
  };
}

export interface SweepShape {
  /** weight gains c (entries N(0, c²/n)), one plain and one residual stack per value */
  scales: readonly number[];
  depth: number;
  width: number;
  batch: number;
  seed: number;
}

/**
 * Replays the draws of gradientNormSweep (X_0, G scaled to ‖G‖_F = 1, then per scale a plain
 * and a residual stack, both ReLU) so that numpy can be handed the very same weights.
 */
function replaySweep({ scales, depth, width, batch, seed }: SweepShape) {
  const rng = createRng(seed);
  const X0 = rng.normalMatrix(width, batch);
  const raw = rng.normalMatrix(width, batch);
  const G = raw.clone().div(raw.norm("frobenius"));
  const stacks = scales.flatMap((c) =>
    (["plain", "residual"] as const).map((kind) => createStack(kind, "relu", { depth, width, init: c, rng })),
  );
  return { X0, G, stacks };
}

/**
 * (ii) gradientNormSweep exactly as the notebook calls it (weight draws included); numpy draws
 * its own weights the same way and runs the same passes. For the check, numpy also runs on the
 * library's weights (replayed from the seed), and the replay must reproduce the sweep bit for bit.
 */
export function gradientSweepCase(exchange: Exchange, shape: SweepShape): KernelCase {
  const { scales, depth, width, batch, seed } = shape;
  const replay = replaySweep(shape);
  const replayed = replay.stacks.flatMap((s) => gradientNorms(s, replay.X0, replay.G));
  return {
    group: `Gradient-norm sweep of notebook 01 (weight draws included)`,
    label: `${scales.length} scales c × {plain, residual}, depth ${depth}, width ${width}, batch ${batch}`,
    reference: {
      id: "sweep",
      kind: "sweep",
      params: { scales, depth, width, batch, seed, kinds: replay.stacks.map((s) => [s.kind, s.activation]) },
      arrays: { stacks: replay.stacks.map((s) => weightRefs(exchange, s)), X0: exchange.put(replay.X0), G: exchange.put(replay.G) },
    },
    lib: (rule) => {
      const { timing, result } = timeIt(() => gradientNormSweep({ scales, depth, width, batch, rng: createRng(seed) }), rule);
      return { timing, check: result.map((row) => row.norm) };
    },
    compare: (lib, numpy) => {
      const replayError = relativeAgreement(lib, replayed, 0);
      if (replayError) return `the replay of the sweep's draws does not reproduce it: ${replayError}`;
      return relativeAgreement(lib, numpy, 1e-8);
    },
  };
}
