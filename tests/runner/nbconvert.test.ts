// The reference client: Jupyter's own nbconvert/nbclient runs a fixture through the
// project-local kernelspec (JUPYTER_PATH), proving JupyterLab and VS Code will find and drive
// the same kernel, and that it produces the outputs our runner writes.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { executeNotebook, outputDrift, parseNotebook, writeKernelspec } from "../../runner";
import { root, workspace } from "./workspace";

const hasJupyter = spawnSync("jupyter", ["nbconvert", "--version"], { stdio: "ignore" }).status === 0;
// CI installs the reference client (.ci/run), so there a missing one is a broken install, not a skip.
const required = Boolean(process.env.CI);
const ws = workspace("nbconvert");
afterAll(() => ws.remove());

describe("project-local kernelspec", () => {
  it("points at this project's tslab by absolute path", () => {
    const jupyterPath = writeKernelspec(root);
    expect(jupyterPath).toBe(join(root, ".jupyter-local"));
    const spec = JSON.parse(readFileSync(join(jupyterPath, "kernels", "tslab", "kernel.json"), "utf8"));
    expect(isAbsolute(spec.argv[0])).toBe(true);
    expect(existsSync(spec.argv[0])).toBe(true);
    expect(spec.argv.slice(1)).toEqual(["kernel", "--config-path", "{connection_file}"]);
  });

  it.skipIf(!hasJupyter && !required)(
    `runs a fixture under \`jupyter nbconvert --execute\` with the same outputs as the runner${hasJupyter ? "" : " (skipped: jupyter nbconvert is not installed; apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)"}`,
    async () => {
      const env = { ...process.env, JUPYTER_PATH: writeKernelspec(root) };
      const theirs = ws.copy("passes.ipynb", "theirs.ipynb");
      const args = ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=tslab", "--ExecutePreprocessor.timeout=60", "--output", "theirs-out.ipynb", theirs];
      const run = spawnSync("jupyter", args, { env, encoding: "utf8", timeout: 90_000 });
      expect(run.status, run.stderr).toBe(0);
      const ours = ws.copy("passes.ipynb", "ours.ipynb");
      await executeNotebook(ours, { log: () => {} });
      const a = parseNotebook(readFileSync(join(ws.dir, "theirs-out.ipynb"), "utf8"));
      const b = parseNotebook(readFileSync(ours, "utf8"));
      expect(a.cells.map((cell, i) => (cell.cell_type === "code" ? outputDrift(cell, b.cells[i]) : null))).toEqual(a.cells.map(() => null));
      expect(a.cells[2].outputs?.length).toBeGreaterThan(0);
    },
  );
});
