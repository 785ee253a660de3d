// npm run lab: JupyterLab on notebooks/, with "tslab" meaning this project's kernel.
import { spawn, spawnSync } from "node:child_process";
import { delimiter, join } from "node:path";
import { runIfEntry } from "../tools/entry";
import { projectRoot } from "../tools/project";
import { writeKernelspec } from "./kernelspec";

export { writeKernelspec };

const INSTALL = `JupyterLab is not installed (neither \`jupyter-lab --version\` nor \`jupyter lab --version\` ran). Install it, then run \`npm run lab\` again:
  pip install jupyterlab
On Debian and Ubuntu, where pip refuses to install into the system Python (PEP 668):
  sudo apt install pipx && pipx install --include-deps jupyterlab`;

/** How to start JupyterLab: a program and the arguments before JupyterLab's own. */
export interface LabCommand {
  program: string;
  args: string[];
}

/** Runs `program args... --version` and says whether it exited 0. */
export type Probe = (program: string, args: string[], env: NodeJS.ProcessEnv) => boolean;

const spawnProbe: Probe = (program, args, env) => spawnSync(program, [...args, "--version"], { env, stdio: "ignore" }).status === 0;

/**
 * The JupyterLab command on env's PATH: `jupyter-lab` (the only one \`pipx install jupyterlab\`
 * exposes) or `jupyter lab` (pip, conda, pipx --include-deps); undefined when neither runs.
 */
export function findJupyterLab(env: NodeJS.ProcessEnv, probe: Probe = spawnProbe): LabCommand | undefined {
  const candidates: LabCommand[] = [{ program: "jupyter-lab", args: [] }, { program: "jupyter", args: ["lab"] }];
  return candidates.find(({ program, args }) => probe(program, args, env));
}

export interface LabOptions {
  /** Where the kernelspec folder goes (default `<project>/.jupyter-local`). */
  jupyterPath?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  error?: (line: string) => void;
}

/**
 * Writes the project-local kernelspec, then runs JupyterLab (found on env's PATH) with it on
 * JUPYTER_PATH until it exits; resolves with the exit code (1, with install instructions, when
 * there is no JupyterLab).
 */
export async function runLab({ jupyterPath, env = process.env, log = console.log, error = console.error }: LabOptions = {}): Promise<number> {
  const written = writeKernelspec(projectRoot, jupyterPath);
  const labEnv = { ...env, JUPYTER_PATH: [written, env.JUPYTER_PATH].filter(Boolean).join(delimiter) };
  const found = findJupyterLab(labEnv);
  if (!found) {
    error(INSTALL);
    return 1;
  }
  log(`kernelspec: ${join(written, "kernels", "tslab", "kernel.json")}`);
  const lab = spawn(found.program, [...found.args, `--notebook-dir=${join(projectRoot, "notebooks")}`], { env: labEnv, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => lab.kill(signal));
  return new Promise((done) => lab.on("exit", (code) => done(code ?? 0)));
}

runIfEntry(module, () => runLab());
