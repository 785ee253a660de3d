// The markdown report: one table per part of the benchmark.
import { cellName } from "../runner/cell-label";
import type { KernelReport } from "./kernels/suite";
import type { PipelineReport } from "./pipeline";
import type { Summary } from "./timing";

/** 3 significant digits, in ms below a second and in s above. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

function spread(t: Summary): string {
  return `${formatMs(t.medianMs)} (${formatMs(t.minMs)} – ${formatMs(t.maxMs)})`;
}

/** Escapes what would break a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/`/g, "'");
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => " --- ").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

export function pipelineMarkdown(p: PipelineReport): string[] {
  if (p.skipped) return ["### Pipeline", "", `Skipped: ${p.skipped}`];
  const steps = p.steps.map((s) => [cell(s.label), formatMs(s.timing.medianMs), formatMs(s.timing.minMs), formatMs(s.timing.maxMs), String(s.timing.runs)]);
  const lines = ["### Pipeline (wall time, cold kernel start included)", "", ...table(["Step", "median", "min", "max", "runs"], steps)];
  lines.push("", "### Slowest cells (median over the runs, default parameters)", "");
  const cells = p.notebooks.flatMap((nb) =>
    nb.slowest.map((c) => [cell(nb.name), cellName(c.index), formatMs(c.medianMs), `\`${cell(c.firstLine)}\``]),
  );
  return [...lines, ...table(["Notebook", "Cell", "median", "first line of source"], cells)];
}

export function kernelsMarkdown(k: KernelReport): string[] {
  const lines = ["### Library kernels vs numpy (median of repeated calls, min – max)", ""];
  if (k.skipped) lines.push(`numpy columns skipped: ${k.skipped}`, "");
  const rows: string[][] = [];
  let group = "";
  for (const r of k.rows.filter((row) => !row.gflops)) {
    if (r.group !== group) {
      group = r.group;
      rows.push([`**${cell(group)}**`, "", "", "", ""]);
    }
    const ratio = r.ratio === null ? "–" : `${r.ratio.toFixed(1)}×`;
    rows.push([cell(r.label), spread(r.lib), r.numpy ? spread(r.numpy) : "–", ratio, cell(r.agreement)]);
  }
  lines.push(...table(["Workload", "lib", "numpy", "lib / numpy", "results agree"], rows));
  const mm = k.rows.filter((row) => row.gflops);
  lines.push("", "### Matrix multiply throughput (GFLOP/s = 2n³ / median time)", "");
  const rate = (g: number | null, digits: number) => (g === null ? "–" : g.toFixed(digits));
  const mmRows = mm.map((r) => [
    cell(r.label),
    rate(r.gflops!.lib, 2),
    rate(r.gflops!.typescriptKernel ?? null, 2),
    rate(r.gflops!.mlMatrix, 2),
    rate(r.gflops!.numpy, 1),
    r.ratio === null ? "–" : `${r.ratio.toFixed(1)}×`,
    cell(r.agreement),
  ]);
  return [...lines, ...table(["size", "lib multiply (SIMD)", "lib, TypeScript kernel", "ml-matrix mmul", "numpy @", "lib / numpy time", "results agree"], mmRows)];
}
