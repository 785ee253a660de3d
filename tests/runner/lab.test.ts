import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runLab } from "../../slides/runner/lab";
import { scratchFolder } from "../slides/temp-dir";

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
    expect(message).toContain("JupyterLab is not installed");
    expect(message).toContain("pip install jupyterlab");
    expect(message).toContain("sudo apt install pipx && pipx install jupyterlab");
    const spec = JSON.parse(readFileSync(join(jupyterPath, "kernels", "tslab", "kernel.json"), "utf8"));
    expect(existsSync(spec.argv[0])).toBe(true); // this project's tslab, not one under the temporary folder
    expect(spec.argv.slice(1)).toEqual(["kernel", "--config-path", "{connection_file}"]);
  });
});
