// Runs every library kernel, then the numpy reference on the same inputs, and pairs them up.
import { createRng } from "@skip-and-drop/lib";
import { Exchange, runReference, type ReferenceRun } from "../reference-runner";
import type { Summary, TimeOptions } from "../timing";
import type { KernelCase } from "./case";
import { closedFormCase, monteCarloCase } from "./dropout";
import { mmulCase } from "./mmul";
import { gradientSweepCase, stackPassCase } from "./residual";
import { SWEEP } from "./sweep";

export interface KernelRow {
  group: string;
  label: string;
  id: string;
  lib: Summary;
  numpy: Summary | null;
  /** lib median / numpy median */
  ratio: number | null;
  /** GFLOP/s from the medians, for the matrix multiply rows */
  gflops: { lib: number; numpy: number | null } | null;
  /** "ok", "not checked" (no numpy) or what differs */
  agreement: string;
}

export interface KernelReport {
  rows: KernelRow[];
  numpy: (Pick<ReferenceRun, "python" | "numpy" | "blas"> & { numpyThreads: number }) | null;
  /** why the numpy columns are empty, when they are */
  skipped: string | null;
}

function buildCases(exchange: Exchange, quick: boolean): KernelCase[] {
  const rng = createRng(2024);
  // Notebook 01's defaults: He weights for the plain stack, residual branches at c = 0.5.
  const stacks = [64, 256].flatMap((width) => [
    stackPassCase(exchange, rng, { kind: "plain", activation: "relu", init: "he", depth: 50, width, batch: 32 }),
    stackPassCase(exchange, rng, { kind: "residual", activation: "relu", init: 0.5, depth: 50, width, batch: 32 }),
  ]);
  const sweep = gradientSweepCase(exchange, SWEEP);
  return [
    ...stacks,
    sweep,
    monteCarloCase(exchange, rng, { n: 100, d: 10, p: 0.7, samples: quick ? 10_000 : 100_000 }),
    closedFormCase(exchange, rng, { n: 1000, d: 200, p: 0.7 }),
    ...[64, 128, 256].map((n) => mmulCase(exchange, rng, n)),
  ];
}

export function runKernels({ quick, numpyThreads, log }: { quick: boolean; numpyThreads: number; log: (line: string) => void }): KernelReport {
  const rule: Required<TimeOptions> = { warmup: 1, minTimeMs: quick ? 100 : 500, maxReps: 50, minReps: 3 };
  const exchange = new Exchange();
  try {
    const cases = buildCases(exchange, quick);
    const libResults = cases.map((c) => {
      log(`lib: ${c.group} — ${c.label}`);
      return c.lib(rule);
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
        gflops: c.flops ? { lib: rate(lib.timing) as number, numpy: rate(np?.timing ?? null) } : null,
        agreement: np ? (c.compare(lib.check, np.check) ?? "ok") : "not checked",
      };
    });
    const numpy = run ? { python: run.python, numpy: run.numpy, blas: run.blas, numpyThreads } : null;
    return { rows, numpy, skipped: typeof reference === "string" ? reference : null };
  } finally {
    exchange.dispose();
  }
}
