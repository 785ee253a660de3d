// npm run lab: JupyterLab on notebooks/, with "tslab" meaning this project's kernel.
import { spawn, spawnSync } from "node:child_process";
import { delimiter, join } from "node:path";
import { projectRoot } from "./kernel-process";
import { writeKernelspec } from "./kernelspec";

export { writeKernelspec };

const INSTALL = `JupyterLab is not installed (\`jupyter lab --version\` failed). Install it, then run \`npm run lab\` again:
  pip install jupyterlab
On Debian and Ubuntu, where pip refuses to install into the system Python (PEP 668):
  sudo apt install pipx && pipx install jupyterlab`;

function main(): void {
  const jupyterPath = writeKernelspec();
  const env = { ...process.env, JUPYTER_PATH: [jupyterPath, process.env.JUPYTER_PATH].filter(Boolean).join(delimiter) };
  const probe = spawnSync("jupyter", ["lab", "--version"], { env, encoding: "utf8" });
  if (probe.status !== 0) {
    console.error(INSTALL);
    process.exit(1);
  }
  console.log(`kernelspec: ${join(jupyterPath, "kernels", "tslab", "kernel.json")}`);
  const lab = spawn("jupyter", ["lab", `--notebook-dir=${join(projectRoot, "notebooks")}`], { env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => lab.kill(signal));
  lab.on("exit", (code) => process.exit(code ?? 0));
}

if (process.argv[1] && /lab\.ts$/.test(process.argv[1])) main();
