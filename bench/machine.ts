// What the numbers were measured on: benchmark results mean nothing without the machine.
import { readFileSync } from "node:fs";
import os from "node:os";

export interface Machine {
  cpu: string;
  /** logical cores the OS reports */
  cores: number;
  memoryGiB: number;
  node: string;
  /** filled in from the reference script, or null when python3/numpy is missing */
  python: string | null;
  numpy: string | null;
  /** the BLAS numpy is linked against, as numpy reports it */
  blas: string | null;
  /** OPENBLAS_CORETYPE as set in the environment (null when unset) */
  openblasCoretype: string | null;
  /** BLAS threads numpy was allowed (OPENBLAS_NUM_THREADS given to the reference script) */
  numpyThreads: number | null;
  /** 1-, 5- and 15-minute load averages when the benchmark started: other work skews timings */
  loadAverage: number[];
  date: string;
}

/** The CPU model from /proc/cpuinfo (Linux), falling back to what Node reports. */
function cpuModel(): string {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line) return line.split(":")[1].trim();
  } catch {
    // not Linux: os.cpus() below still names the CPU
  }
  return os.cpus()[0]?.model ?? "unknown";
}

export function describeMachine(): Machine {
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    python: null,
    numpy: null,
    blas: null,
    openblasCoretype: process.env.OPENBLAS_CORETYPE ?? null,
    numpyThreads: null,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    date: new Date().toISOString(),
  };
}

/** One line for the report. */
export function machineLine(m: Machine): string {
  const numpy = m.numpy
    ? `numpy ${m.numpy} (${m.blas ?? "BLAS unknown"}, ${m.numpyThreads} BLAS thread${m.numpyThreads === 1 ? "" : "s"}, Python ${m.python})`
    : "numpy: not measured";
  const load = `load average ${m.loadAverage.join(" / ")} at start`;
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${numpy}, OPENBLAS_CORETYPE=${m.openblasCoretype ?? "unset"}, ${load}, ${m.date.slice(0, 10)}`;
}
