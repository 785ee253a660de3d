import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findJupyterLab, runLab, type Probe } from "../../runner/lab";
import { scratchFolder } from "../temp-dir";

const scratch = scratchFolder("lab-");
afterAll(scratch.remove);

describe("npm run lab", () => {
  it("without JupyterLab on PATH, says how to install it and exits non-zero, after writing the kernelspec", async () => {
    // PATH holds only node's folder, so `jupyter` cannot be found whatever is installed here.
    const env = { PATH: dirname(process.execPath), HOME: scratch.folder };
    const errors: string[] = [];
    const jupyterPath = join(scratch.folder, ".jupyter-local");
    expect(await runLab({ jupyterPath, env, log: () => {}, error: (line) => errors.push(line) })).toBe(1);
    const message = errors.join("\n");
    expect(message).toContain("JupyterLab is not installed (neither `jupyter-lab --version` nor `jupyter lab --version` ran)");
    expect(message).toContain("pip install jupyterlab");
    expect(message).toContain("sudo apt install pipx && pipx install --include-deps jupyterlab");
    const spec = JSON.parse(readFileSync(join(jupyterPath, "kernels", "tslab", "kernel.json"), "utf8"));
    expect(existsSync(spec.argv[0])).toBe(true); // this project's tslab, not one under the temporary folder
    expect(spec.argv.slice(1)).toEqual(["kernel", "--config-path", "{connection_file}"]);
  });
});

/**
 * A folder holding fake programs: each shell script exits 0 for the arguments `accepts` and
 * writes the arguments it got into `<name>.args`, as a stand-in for JupyterLab.
 */
function fakeBin(name: string, programs: Record<string, string>): string {
  const bin = join(scratch.folder, name);
  mkdirSync(bin, { recursive: true });
  for (const [program, accepts] of Object.entries(programs)) {
    const script = join(bin, program);
    writeFileSync(script, `#!/bin/sh\necho "$@" > "${script}.args"\ncase "$*" in ${accepts}) exit 0;; esac\nexit 2\n`);
    chmodSync(script, 0o755);
  }
  return bin;
}

const onlyBin = (bin: string) => ({ PATH: [bin, dirname(process.execPath), "/bin", "/usr/bin"].join(delimiter) });

describe("findJupyterLab", () => {
  it("prefers jupyter-lab, falls back to `jupyter lab`, and finds nothing when neither runs (probe injected)", () => {
    const probe = (installed: string[]): Probe => (program, args) => installed.includes([program, ...args].join(" "));
    expect(findJupyterLab({}, probe(["jupyter-lab", "jupyter lab"]))).toEqual({ program: "jupyter-lab", args: [] });
    expect(findJupyterLab({}, probe(["jupyter lab"]))).toEqual({ program: "jupyter", args: ["lab"] });
    expect(findJupyterLab({}, probe(["jupyter"]))).toBeUndefined(); // jupyter without the lab subcommand
  });

  it("finds `jupyter-lab` alone on PATH (what pipx install jupyterlab exposes)", () => {
    const bin = fakeBin("pipx-bin", { "jupyter-lab": "--version" });
    expect(findJupyterLab(onlyBin(bin))).toEqual({ program: "jupyter-lab", args: [] });
  });

  it("finds `jupyter lab` when only jupyter is on PATH, and not a jupyter that has no lab", () => {
    expect(findJupyterLab(onlyBin(fakeBin("pip-bin", { jupyter: "'lab --version'" })))).toEqual({ program: "jupyter", args: ["lab"] });
    expect(findJupyterLab(onlyBin(fakeBin("core-bin", { jupyter: "--version" })))).toBeUndefined();
  });

  it("starts the program it found with the notebook folder and the project's kernelspec on JUPYTER_PATH", async () => {
    const bin = fakeBin("run-bin", { "jupyter-lab": "*" });
    const jupyterPath = join(scratch.folder, "run-jupyter");
    const logs: string[] = [];
    expect(await runLab({ jupyterPath, env: { ...onlyBin(bin), HOME: scratch.folder }, log: (line) => logs.push(line), error: () => {} })).toBe(0);
    expect(readFileSync(join(bin, "jupyter-lab.args"), "utf8").trim()).toMatch(/^--notebook-dir=.*notebooks$/);
    expect(logs).toEqual([`kernelspec: ${join(jupyterPath, "kernels", "tslab", "kernel.json")}`]);
  });
});
