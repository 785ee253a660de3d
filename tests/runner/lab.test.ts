import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./workspace";

describe("npm run lab", () => {
  it("without JupyterLab on PATH, says how to install it and exits non-zero, after writing the kernelspec", () => {
    // PATH holds only node's folder, so `jupyter` cannot be found whatever is installed here.
    const before = Date.now() - 1_000; // mtime granularity
    const env = { PATH: dirname(process.execPath), HOME: process.env.HOME ?? root };
    const run = spawnSync(process.execPath, ["--import", "tsx", join(root, "slides", "runner", "lab.ts")], { cwd: root, env, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("JupyterLab is not installed");
    expect(run.stderr).toContain("pip install jupyterlab");
    expect(run.stderr).toContain("sudo apt install pipx && pipx install jupyterlab");
    expect(statSync(join(root, ".jupyter-local", "kernels", "tslab", "kernel.json")).mtimeMs).toBeGreaterThan(before);
  });
});
