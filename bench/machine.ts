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
  /** OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS as set in the environment (null when unset) */
  openblasCoretype: string | null;
  openblasThreads: string | null;
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
    openblasThreads: process.env.OPENBLAS_NUM_THREADS ?? null,
    date: new Date().toISOString(),
  };
}

/** One line for the report. */
export function machineLine(m: Machine): string {
  const numpy = m.numpy ? `numpy ${m.numpy} (${m.blas ?? "BLAS unknown"}, Python ${m.python})` : "numpy: not measured";
  const env = `OPENBLAS_CORETYPE=${m.openblasCoretype ?? "unset"}, OPENBLAS_NUM_THREADS=${m.openblasThreads ?? "unset"}`;
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${numpy}, ${env}, ${m.date.slice(0, 10)}`;
}
