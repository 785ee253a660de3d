// Runs every library kernel, then the numpy reference on the same inputs, and pairs them up.
import { createRng, type Activation, type WeightInit } from "@skip-and-drop/lib";
import { Exchange, runReference, type ReferenceRun } from "../reference-runner";
import type { Summary, TimeOptions } from "../timing";
import type { KernelCase } from "./case";
import { closedFormCase, monteCarloCase } from "./dropout";
import { mmulCase } from "./mmul";
import { gradientSweepCase, stackPassCase } from "./residual";
import { readWorkloads } from "./workloads";

export interface KernelRow {
  group: string;
  label: string;
  id: string;
  lib: Summary;
  numpy: Summary | null;
  /** lib median / numpy median */
  ratio: number | null;
  /** GFLOP/s from the medians, for the matrix multiply rows */
  gflops: { lib: number; numpy: number | null; mlMatrix: number | null; typescriptKernel: number | null } | null;
  /** "ok", "not checked" (no numpy) or what differs */
  agreement: string;
}

export interface KernelReport {
  rows: KernelRow[];
  numpy: (Pick<ReferenceRun, "python" | "numpy" | "blas"> & { numpyThreads: number }) | null;
  /** why the numpy columns are empty, when they are */
  skipped: string | null;
}

function buildCases(exchange: Exchange, quick: boolean, root: string): KernelCase[] {
  const rng = createRng(2024);
  const { residual, maxWidth, scales, dropout } = readWorkloads(root);
  const { depth, width, batch, seed } = residual;
  // Notebook 01's stacks: the plain one with its activation and init, residual branches ReLU at c = weightScale;
  // at its default width (per-call overhead dominates) and at the documented maximum (arithmetic dominates).
  const stacks = [width, maxWidth].flatMap((n) => [
    stackPassCase(exchange, rng, { kind: "plain", activation: residual.activation as Activation, init: residual.init as WeightInit, depth, width: n, batch }),
    stackPassCase(exchange, rng, { kind: "residual", activation: "relu", init: residual.weightScale, depth, width: n, batch }),
  ]);
  const sweep = gradientSweepCase(exchange, { scales, depth, width, batch, seed });
  return [
    ...stacks,
    sweep,
    monteCarloCase(exchange, rng, { ...dropout, samples: quick ? Math.min(dropout.masks, 2000) : dropout.masks }),
    closedFormCase(exchange, rng, { n: dropout.n, d: dropout.d, p: dropout.p }),
    closedFormCase(exchange, rng, { n: 1000, d: 200, p: dropout.p }),
    ...[64, 128, 256].map((n) => mmulCase(exchange, rng, n)),
  ];
}

export function runKernels({ quick, numpyThreads, log, root }: { quick: boolean; numpyThreads: number; log: (line: string) => void; root: string }): KernelReport {
  const rule: Required<TimeOptions> = { warmup: 1, warmupMs: quick ? 100 : 300, minTimeMs: quick ? 100 : 500, maxReps: 2000, minReps: 3 };
  const exchange = new Exchange();
  try {
    const cases = buildCases(exchange, quick, root);
    const libResults = cases.map((c) => {
      log(`lib: ${c.group} — ${c.label}`);
      return { ...c.lib(rule), baseline: c.baseline?.(rule) ?? null, typescriptKernel: c.typescriptKernel?.(rule) ?? null };
    });
    log(`numpy: running bench/reference.py (${numpyThreads} BLAS thread${numpyThreads === 1 ? "" : "s"})`);
    const reference = runReference(exchange, cases.map((c) => c.reference), rule, numpyThreads);
    const run = typeof reference === "string" ? null : reference;
    const rows = cases.map((c, k): KernelRow => {
      const lib = libResults[k];
      const np = run?.results[c.reference.id] ?? null;
      const rate = (t: Summary | null) => (c.flops && t ? c.flops / (t.medianMs * 1e6) : null);
      return {
        group: c.group,
        label: c.label,
        id: c.reference.id,
        lib: lib.timing,
        numpy: np?.timing ?? null,
        ratio: np ? lib.timing.medianMs / np.timing.medianMs : null,
        gflops: c.flops ? { lib: rate(lib.timing) as number, numpy: rate(np?.timing ?? null), mlMatrix: rate(lib.baseline), typescriptKernel: rate(lib.typescriptKernel) } : null,
        agreement: np ? (c.compare(lib.check, np.check) ?? "ok") : "not checked",
      };
    });
    const numpy = run ? { python: run.python, numpy: run.numpy, blas: run.blas, numpyThreads } : null;
    return { rows, numpy, skipped: typeof reference === "string" ? reference : null };
  } finally {
    exchange.dispose();
  }
}
