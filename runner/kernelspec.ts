// A kernelspec that belongs to this checkout: Jupyter looks for kernels/<name>/kernel.json
// under every folder of JUPYTER_PATH before the user's and the system's folders, so pointing
// JUPYTER_PATH at `.jupyter-local` makes "tslab" mean this project's node_modules tslab,
// without `tslab install` (which needs Python's jupyter_client) and without touching the
// user's own Jupyter set-up. The folder is git-ignored: the path inside is machine-specific.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../tools/project";
import { tslabBin } from "./kernel-process";

/**
 * Writes `<jupyterPath>/kernels/tslab/kernel.json` for the tslab of the project at `root`
 * (jupyterPath defaults to `<root>/.jupyter-local`); returns the folder to put on JUPYTER_PATH.
 */
export function writeKernelspec(root = projectRoot, jupyterPath = join(root, ".jupyter-local")): string {
  const folder = join(jupyterPath, "kernels", "tslab");
  mkdirSync(folder, { recursive: true });
  const spec = {
    argv: [tslabBin(root), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (skip-and-drop)",
    language: "typescript",
    interrupt_mode: "signal",
  };
  writeFileSync(join(folder, "kernel.json"), JSON.stringify(spec, null, 1) + "\n");
  return jupyterPath;
}
