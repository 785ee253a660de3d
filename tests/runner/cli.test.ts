// The command line as a user runs it (tsx, as `npm run execute` does), including Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bytes, canListProcesses, kernelsIn, kernelsLeftIn, root, workspace } from "./workspace";

const ws = workspace("cli");
afterAll(() => ws.remove());
const cli = join(root, "runner", "cli.ts");
// Started from the workspace, outside npm: no INIT_CWD or lifecycle event of the test runner.
const { INIT_CWD: _, npm_lifecycle_event: __, ...env } = process.env;
const execute = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", cli, ...args], { cwd: ws.dir, env, encoding: "utf8", timeout: 60_000 });

describe("npm run execute", () => {
  it("prints one timed line per cell, writes the notebook, and --check then finds it fresh", () => {
    const path = ws.copy("passes.ipynb", "ok.ipynb");
    const run = execute("--set", "depth=2", "--timeout", "30", "ok.ipynb");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.match(/^ {2}cell +\d+ +\d+\.\d\d s {2}ok/gm)).toHaveLength(5);
    expect(run.stdout).toMatch(/✓ ok\.ipynb: 5 cells in [\d.]+ s/);
    expect(readFileSync(path, "utf8")).toContain('"depth=2 p=0.5');
    const check = execute("--check", "ok.ipynb");
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain("✓ ok.ipynb: committed outputs are fresh");
  });

  it("exits non-zero naming the failing cell and its stderr, leaving the file unchanged", () => {
    const path = ws.copy("throws.ipynb");
    const original = bytes(path);
    const run = execute("throws.ipynb");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/✗ throws\.ipynb: cell 3 .* raised an error:\n[^]*Error: deliberate failure in cell 3[^]*the notebook file was left unchanged/);
    expect(bytes(path).equals(original)).toBe(true);
  });

  it("refuses a bad --set before starting a kernel", () => {
    ws.copy("passes.ipynb", "bad.ipynb");
    const run = execute("--set", "width=3", "bad.ipynb");
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/--set name = "width" is invalid: expected one of depth \(number\)/);
    expect(run.stdout).not.toContain("kernel started");
  });

  it("shuts the kernel down on Ctrl-C (SIGINT) in the middle of a cell", async () => {
    ws.copy("times-out.ipynb", "spin.ipynb");
    const child = spawn(process.execPath, ["--import", "tsx", cli, "--timeout", "60", "spin.ipynb"], { cwd: ws.dir, env });
    let stdout = "";
    const exited = new Promise<string>((done) => child.on("exit", (code, signal) => done(signal ?? String(code))));
    // Wait until cell 1 has run, so cell 2 is spinning inside the kernel.
    const started = new Promise<void>((ready) => child.stdout.on("data", (chunk: Buffer) => (stdout += chunk) && /cell +1 /.test(stdout) && ready()));
    expect(await Promise.race([started.then(() => "running"), exited])).toBe("running");
    if (canListProcesses) expect(kernelsIn(ws.dir)).toHaveLength(1);
    const interrupted = performance.now();
    child.kill("SIGINT");
    expect(["SIGINT", "130"]).toContain(await exited);
    expect(performance.now() - interrupted).toBeLessThan(10_000);
    expect(await kernelsLeftIn(ws.dir)).toEqual([]);
  });
});
