// `npm run bench [-- --runs N] [--quick] [--only kernels|pipeline|live] [--numpy-threads N]`
// Measures the pipeline (notebook execution, kernel start, deck build) and the library's
// kernels against numpy on this machine; prints a markdown report on stdout and writes
// bench/results.json (a --quick or --only run writes test-artifacts/ instead, see
// results-file.ts). Progress goes to stderr. Exits 1 if library and numpy disagree.
// numpy's BLAS gets one thread unless --numpy-threads (or OPENBLAS_NUM_THREADS) says otherwise:
// the library is single-threaded, so one thread compares the two per core.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { requireInteger, requireOneOf } from "@skip-and-drop/lib/checks";
import { runKernels, type KernelReport } from "./kernels/suite";
import { liveMarkdown, runLive, type LiveDeckReport } from "./live";
import { describeMachine, machineLine } from "./machine";
import { runPipeline, type PipelineReport } from "./pipeline";
import { kernelsMarkdown, pipelineMarkdown } from "./report";
import { resultsPath } from "./results-file";
import { helpText, parseCommandLine, type Command } from "../tools/command-line";
import { runIfEntry } from "../tools/entry";

const PARTS = ["all", "kernels", "pipeline", "live"] as const;

export const command: Command = {
  usage: "npm run bench [-- --runs N] [--quick] [--only kernels|pipeline] [--numpy-threads N]",
  options: [
    { flag: "--runs", value: "N", help: "pipeline runs to time (default 5, 1 with --quick)" },
    { flag: "--quick", help: "small kernel sizes and one run; results go to test-artifacts/" },
    { flag: "--only", value: "PART", help: "kernels or pipeline (default both)" },
    { flag: "--numpy-threads", value: "N", help: "BLAS threads for numpy (default OPENBLAS_NUM_THREADS or 1)" },
  ],
};

export interface BenchArgs {
  quick: boolean;
  runs: number;
  only: (typeof PARTS)[number];
  numpyThreads: number;
  help: boolean;
}

/** The bench's settings from its command line; a bad value throws a RangeError naming it. */
export function parseBenchArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchArgs {
  const { values, positionals, help } = parseCommandLine(argv, command);
  if (positionals.length > 0) throw new RangeError(`${JSON.stringify(positionals[0])} is not an option of npm run bench\n\n${helpText(command)}`);
  const last = (flag: string) => values.get(flag)?.at(-1);
  const quick = values.has("--quick");
  const runs = last("--runs") === undefined ? (quick ? 1 : 5) : Number(last("--runs"));
  requireInteger("--runs", runs, 1);
  const only = requireOneOf("--only", (last("--only") ?? "all") as (typeof PARTS)[number], PARTS);
  const numpyThreads = Number(last("--numpy-threads") ?? env.OPENBLAS_NUM_THREADS ?? 1);
  requireInteger("--numpy-threads", numpyThreads, 1);
  return { quick, runs, only, numpyThreads, help };
}

async function main(): Promise<number> {
  const { quick, runs, only, numpyThreads, help } = parseBenchArgs(process.argv.slice(2));
  if (help) {
    console.log(helpText(command));
    return 0;
  }
  const root = path.resolve(__dirname, "..");
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const machine = describeMachine();
  const started = performance.now();

  let pipeline: PipelineReport | null = null;
  if (only === "all" || only === "pipeline") pipeline = await runPipeline(root, runs, log);
  let kernels: KernelReport | null = null;
  if (only === "all" || only === "kernels") {
    kernels = runKernels({ quick, numpyThreads, log, root });
    if (kernels.numpy) Object.assign(machine, kernels.numpy);
  }

  let live: LiveDeckReport[] | null = null;
  if (only === "all" || only === "live") live = await runLive(root, quick ? 1 : Math.min(runs, 3), log);

  const seconds = (performance.now() - started) / 1000;
  const lines = [`## Benchmarks`, "", `Machine: ${machineLine(machine)}.`, ""];
  lines.push(`Settings: ${quick ? "--quick, " : ""}${runs} pipeline run(s); total benchmark time ${seconds.toFixed(0)} s.`, "");
  if (pipeline) lines.push(...pipelineMarkdown(pipeline), "");
  if (kernels) lines.push(...kernelsMarkdown(kernels), "");
  if (live) lines.push(...liveMarkdown(live), "");
  process.stdout.write(`${lines.join("\n")}\n`);

  const results = { machine, settings: { quick, runs, only, numpyThreads, seconds }, pipeline, kernels, live };
  const file = resultsPath(root, { quick, only });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${path.relative(process.cwd(), file) || file}`);
  const disagreements = kernels?.rows.filter((r) => r.agreement !== "ok" && r.agreement !== "not checked") ?? [];
  for (const r of disagreements) log(`MISMATCH ${r.group} — ${r.label}: ${r.agreement}`);
  return disagreements.length > 0 ? 1 : 0;
}

// a bad option is the user's to fix (its message); anything else is a bug (its stack)
runIfEntry(module, main, { report: (error) => (error instanceof RangeError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)) });
