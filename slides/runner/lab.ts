// npm run lab: JupyterLab on notebooks/, with "tslab" meaning this project's kernel.
import { spawn, spawnSync } from "node:child_process";
import { delimiter, join } from "node:path";
import { projectRoot } from "../project";
import { writeKernelspec } from "./kernelspec";

export { writeKernelspec };

const INSTALL = `JupyterLab is not installed (\`jupyter lab --version\` failed). Install it, then run \`npm run lab\` again:
  pip install jupyterlab
On Debian and Ubuntu, where pip refuses to install into the system Python (PEP 668):
  sudo apt install pipx && pipx install jupyterlab`;

export interface LabOptions {
  /** Where the kernelspec folder goes (default `<project>/.jupyter-local`). */
  jupyterPath?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  error?: (line: string) => void;
}

/**
 * Writes the project-local kernelspec, then runs JupyterLab with it on JUPYTER_PATH until it
 * exits; resolves with the exit code (1, with install instructions, when there is no JupyterLab).
 */
export async function runLab({ jupyterPath, env = process.env, log = console.log, error = console.error }: LabOptions = {}): Promise<number> {
  const written = writeKernelspec(projectRoot, jupyterPath);
  const labEnv = { ...env, JUPYTER_PATH: [written, env.JUPYTER_PATH].filter(Boolean).join(delimiter) };
  const probe = spawnSync("jupyter", ["lab", "--version"], { env: labEnv, encoding: "utf8" });
  if (probe.status !== 0) {
    error(INSTALL);
    return 1;
  }
  log(`kernelspec: ${join(written, "kernels", "tslab", "kernel.json")}`);
  const lab = spawn("jupyter", ["lab", `--notebook-dir=${join(projectRoot, "notebooks")}`], { env: labEnv, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => lab.kill(signal));
  return new Promise((done) => lab.on("exit", (code) => done(code ?? 0)));
}

if (process.argv[1] && /lab\.ts$/.test(process.argv[1])) void runLab().then((code) => process.exit(code));
