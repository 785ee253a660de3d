// `npm run bench [-- --runs N] [--quick] [--only kernels|pipeline] [--numpy-threads N]`
// Measures the pipeline (notebook execution, kernel start, deck build) and the library's
// kernels against numpy on this machine; prints a markdown report on stdout and writes
// bench/results.json (a --quick or --only run writes test-artifacts/ instead, see
// results-file.ts). Progress goes to stderr. Exits 1 if library and numpy disagree.
// numpy's BLAS gets one thread unless --numpy-threads (or OPENBLAS_NUM_THREADS) says otherwise:
// the library is single-threaded, so one thread compares the two per core.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { requireInteger, requireOneOf } from "@skip-and-drop/lib/checks";
import { runKernels, type KernelReport } from "./kernels/suite";
import { describeMachine, machineLine } from "./machine";
import { runPipeline, type PipelineReport } from "./pipeline";
import { kernelsMarkdown, pipelineMarkdown } from "./report";
import { resultsPath } from "./results-file";

const PARTS = ["all", "kernels", "pipeline"] as const;

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      quick: { type: "boolean", default: false },
      only: { type: "string", default: "all" },
      "numpy-threads": { type: "string" },
    },
  });
  const quick = values.quick ?? false;
  const runs = values.runs === undefined ? (quick ? 1 : 5) : Number(values.runs);
  requireInteger("--runs", runs, 1);
  const only = requireOneOf("--only", (values.only ?? "all") as (typeof PARTS)[number], PARTS);
  const numpyThreads = Number(values["numpy-threads"] ?? process.env.OPENBLAS_NUM_THREADS ?? 1);
  requireInteger("--numpy-threads", numpyThreads, 1);
  return { quick, runs, only, numpyThreads };
}

async function main(): Promise<number> {
  const { quick, runs, only, numpyThreads } = options();
  const root = path.resolve(__dirname, "..");
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const machine = describeMachine();
  const started = performance.now();

  let pipeline: PipelineReport | null = null;
  if (only !== "kernels") pipeline = await runPipeline(root, runs, log);
  let kernels: KernelReport | null = null;
  if (only !== "pipeline") {
    kernels = runKernels({ quick, numpyThreads, log, root });
    if (kernels.numpy) Object.assign(machine, kernels.numpy);
  }

  const seconds = (performance.now() - started) / 1000;
  const lines = [`## Benchmarks`, "", `Machine: ${machineLine(machine)}.`, ""];
  lines.push(`Settings: ${quick ? "--quick, " : ""}${runs} pipeline run(s); total benchmark time ${seconds.toFixed(0)} s.`, "");
  if (pipeline) lines.push(...pipelineMarkdown(pipeline), "");
  if (kernels) lines.push(...kernelsMarkdown(kernels), "");
  process.stdout.write(`${lines.join("\n")}\n`);

  const results = { machine, settings: { quick, runs, only, numpyThreads, seconds }, pipeline, kernels };
  const file = resultsPath(root, { quick, only });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${path.relative(process.cwd(), file) || file}`);
  const disagreements = kernels?.rows.filter((r) => r.agreement !== "ok" && r.agreement !== "not checked") ?? [];
  for (const r of disagreements) log(`MISMATCH ${r.group} — ${r.label}: ${r.agreement}`);
  return disagreements.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
