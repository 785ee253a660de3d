// Test workspaces for notebook runs. The kernel's cwd is the notebook's folder and
// `@skip-and-drop/lib` must resolve from there, so copies live inside the project, in the
// git-ignored test-artifacts/ folder, never in the committed fixtures folder.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";

export const root = resolve(__dirname, "..", "..");
export const fixtures = join(root, "tests", "fixtures", "notebooks");

export interface Workspace {
  dir: string;
  /** Copies a fixture in and returns the copy's path. */
  copy: (fixture: string, as?: string) => string;
  /** Writes a notebook of code cells with these sources and returns its path. */
  notebook: (name: string, sources: string[]) => string;
  remove: () => void;
}

export function workspace(label: string): Workspace {
  const dir = join(root, "test-artifacts", `${label}-${process.pid}-${randomBytes(3).toString("hex")}`);
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    copy: (fixture, as = fixture) => {
      copyFileSync(join(fixtures, fixture), join(dir, as));
      return join(dir, as);
    },
    notebook: (name, sources) => {
      const cells = sources.map((source, i) => ({ id: `cell-${i}`, cell_type: "code", metadata: {}, execution_count: null, outputs: [], source }));
      writeFileSync(join(dir, name), JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1) + "\n");
      return join(dir, name);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Whether live processes can be listed (Linux /proc); elsewhere the process checks are skipped. */
export const canListProcesses = existsSync("/proc/self/cwd");

/** Pids of live processes whose command line contains `command` and whose working directory is `dir`. */
export function processesIn(dir: string, command: string): number[] {
  if (!canListProcesses) return [];
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const state = /\) (\S)/.exec(readFileSync(`/proc/${entry}/stat`, "utf8"))?.[1];
      if (cmdline.includes(command) && state !== "Z" && readlinkSync(`/proc/${entry}/cwd`) === dir) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return pids;
}

/** Pids of tslab processes whose working directory is `dir` — i.e. kernels started for it. */
export const kernelsIn = (dir: string): number[] => processesIn(dir, "tslab");

/** kernelsIn(dir) once it is empty, or after `ms` — a SIGKILLed process takes a moment to vanish. */
export async function kernelsLeftIn(dir: string, ms = 2_000): Promise<number[]> {
  const deadline = performance.now() + ms;
  while (kernelsIn(dir).length > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return kernelsIn(dir);
}

export const bytes = (path: string) => readFileSync(path);
