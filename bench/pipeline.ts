// Pipeline timings: executing each notebook with the runner (cold kernel start included), the
// kernel start alone, and building the decks from the notebooks as committed (no execution).
// Notebooks are always executed into a scratch copy: the committed files are never written.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildDecks, listNotebooks } from "../slides/build";
import { executeNotebook, firstLine, startKernel, type CellTiming } from "../runner";
import { summarize, timeRuns, type Summary } from "./timing";

export interface Step {
  label: string;
  timing: Summary;
}

export interface SlowCell {
  /** 0-based position in nb.cells (the report shows it as cellName, counted from 1). */
  index: number;
  medianMs: number;
  firstLine: string;
}

export interface PipelineReport {
  steps: Step[];
  notebooks: { name: string; slowest: SlowCell[] }[];
  /** why nothing was measured, when nothing was */
  skipped: string | null;
}

/** The five cells with the largest median time over the runs. */
export function slowestCells(runs: readonly CellTiming[][], count = 5): SlowCell[] {
  const byIndex = new Map<number, { ms: number[]; source: string }>();
  for (const cells of runs) {
    for (const c of cells) {
      const entry = byIndex.get(c.index) ?? { ms: [], source: c.source };
      entry.ms.push(c.ms);
      byIndex.set(c.index, entry);
    }
  }
  return [...byIndex.entries()]
    .map(([index, { ms, source }]) => ({ index, medianMs: summarize(ms).medianMs, firstLine: firstLine(source, 70) }))
    .sort((a, b) => b.medianMs - a.medianMs)
    .slice(0, count);
}

export async function runPipeline(root: string, runs: number, log: (line: string) => void): Promise<PipelineReport> {
  const folder = path.join(root, "notebooks");
  const notebooks = listNotebooks(folder);
  if (notebooks.length === 0) return { steps: [], notebooks: [], skipped: "no notebooks in notebooks/" };
  const scratch = mkdtempSync(path.join(os.tmpdir(), "bench-pipeline-"));
  const quiet = () => {};
  try {
    const steps: Step[] = [];
    const kernel = await timeRuns(runs, async () => {
      const k = await startKernel({ cwd: folder });
      await k.shutdown();
      return k.startMs;
    });
    // startMs runs from spawn to the first answered kernel_info: the wait before a cell can run.
    steps.push({ label: "tslab kernel start alone", timing: summarize(kernel.results) });
    log(`kernel start: ${kernel.results.map((ms) => ms.toFixed(0)).join(", ")} ms`);
    const slowest: PipelineReport["notebooks"] = [];
    for (const notebook of notebooks) {
      const name = path.basename(notebook);
      const { timing, results } = await timeRuns(runs, () => executeNotebook(notebook, { out: path.join(scratch, name), log: quiet }));
      steps.push({ label: `execute ${name}`, timing });
      slowest.push({ name, slowest: slowestCells(results.map((r) => r.cells)) });
      log(`${name}: ${results.map((r) => r.totalMs.toFixed(0)).join(", ")} ms`);
    }
    // `npm run slides` without --execute: the decks come from the outputs stored in the notebooks.
    const decks = await timeRuns(runs, () => buildDecks({ notebooks, outDir: path.join(scratch, "decks") }));
    steps.push({ label: `build decks (${notebooks.length} notebook${notebooks.length === 1 ? "" : "s"}, no execution)`, timing: decks.timing });
    log(`decks: ${decks.timing.medianMs.toFixed(0)} ms median`);
    return { steps, notebooks: slowest, skipped: null };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
