// runner/setup.ts, the kernel half of tools/setup.sh: where each target registers the kernel,
// refusals that leave every file as it was, and the real check: tools/setup-check.ipynb
// executed through the registered kernel by `jupyter nbconvert` (and by the runner when there
// is no Jupyter), its outputs verified.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { executeNotebook, parseNotebook } from "../../runner";
import { checkNotebook, dataDirFor, defaultUserDataDir, parseTarget, setup, verifyCheck } from "../../runner/setup";
import { tslabBin } from "../../runner/kernel-process";
import { scratchFolder } from "../temp-dir";

const scratch = scratchFolder("setup-");
afterAll(() => scratch.remove());
let n = 0;
const fresh = (name: string) => {
  const dir = join(scratch.folder, `${name}-${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const quiet = () => {};

const hasJupyter = spawnSync("jupyter", ["nbconvert", "--version"], { stdio: "ignore" }).status === 0;
const required = Boolean(process.env.CI);
const skipNote = hasJupyter ? "" : " (skipped: jupyter nbconvert is not installed)";

/** A folder of fake programs: name -> shell script body. */
function fakeBin(programs: Record<string, string>): string {
  const bin = fresh("bin");
  for (const [name, body] of Object.entries(programs)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

describe("targets", () => {
  test("the command line names one target; --prefix is taken relative to the caller's folder", () => {
    expect(parseTarget([]).target).toEqual({ kind: "user" });
    expect(parseTarget(["--sys-prefix"]).target).toEqual({ kind: "sys-prefix" });
    expect(parseTarget(["--prefix", "env"], "/home/a").target).toEqual({ kind: "prefix", dir: "/home/a/env" });
    expect(() => parseTarget(["--user", "--sys-prefix"])).toThrow(/target = "--user --sys-prefix" is invalid/);
    expect(() => parseTarget(["--system"])).toThrow(RangeError);
    expect(() => parseTarget(["somewhere"])).toThrow(/argument = "somewhere"/);
  });

  test("--prefix DIR is DIR/share/jupyter; --user asks `jupyter --data-dir`", () => {
    expect(dataDirFor({ kind: "prefix", dir: "/opt/env" })).toBe("/opt/env/share/jupyter");
    const bin = fakeBin({ jupyter: '[ "$1" = --data-dir ] && echo /data/of/jupyter' });
    expect(dataDirFor({ kind: "user" }, { PATH: bin })).toBe("/data/of/jupyter");
  });

  test("without Jupyter, --user follows jupyter_core's rule for each platform", () => {
    expect(defaultUserDataDir({ JUPYTER_DATA_DIR: "/x" }, "linux", "/home/a")).toBe("/x");
    expect(defaultUserDataDir({}, "linux", "/home/a")).toBe("/home/a/.local/share/jupyter");
    expect(defaultUserDataDir({ XDG_DATA_HOME: "/xdg" }, "linux", "/home/a")).toBe("/xdg/jupyter");
    expect(defaultUserDataDir({}, "darwin", "/Users/a")).toBe("/Users/a/Library/Jupyter");
  });

  test("--sys-prefix is the prefix of the Python beside jupyter's real path (a venv linked onto PATH, as pipx does)", () => {
    const venv = fakeBin({ jupyter: "exit 0", python3: "echo /envs/course" });
    const onPath = fresh("path");
    symlinkSync(join(venv, "jupyter"), join(onPath, "jupyter"));
    const other = fakeBin({ python3: "echo /usr" });
    expect(dataDirFor({ kind: "sys-prefix" }, { PATH: [onPath, other].join(delimiter) })).toBe("/envs/course/share/jupyter");
    // no Jupyter: the python3 on PATH
    expect(dataDirFor({ kind: "sys-prefix" }, { PATH: other })).toBe("/usr/share/jupyter");
    expect(() => dataDirFor({ kind: "sys-prefix" }, { PATH: fresh("empty") })).toThrow(/--sys-prefix.*Python 3/);
  });
});

describe("the check notebook's verdict", () => {
  test("a run with the right value and a chart passes; a wrong value, an error or a missing chart fail", async () => {
    const out = join(fresh("verdict"), "ran.ipynb");
    await executeNotebook(checkNotebook, { out, log: quiet });
    const ran = parseNotebook(readFileSync(out, "utf8"));
    expect(verifyCheck(ran)).toEqual({ problems: [], node: process.versions.node });

    const edit = (f: (text: string) => string) => parseNotebook(f(readFileSync(out, "utf8")));
    expect(verifyCheck(edit((t) => t.replace("sigmoid'(0) = 0.25", "sigmoid'(0) = 0.24"))).problems).toEqual([expect.stringMatching(/expected "setup check: sigmoid'\(0\) = 0.25"/)]);
    expect(verifyCheck(edit((t) => t.replace('"application/vnd.vegalite.v5+json"', '"application/x-other"'))).problems).toEqual([expect.stringMatching(/expected a chart/)]);
    const failed = { ...ran, cells: ran.cells.map((c, i) => (i === 2 ? { ...c, outputs: [{ output_type: "error" as const, ename: "TypeError", evalue: "boom", traceback: [] }] } : c)) };
    expect(verifyCheck(failed).problems).toEqual([expect.stringMatching(/a cell failed: TypeError: boom/), expect.stringMatching(/expected a chart/)]);
  }, 180_000);
});

describe("registration and the check, for real", () => {
  test.skipIf(!hasJupyter && !required)(`--prefix DIR on JUPYTER_PATH: kernel.json written there, the check run by jupyter nbconvert${skipNote}`, async () => {
    const prefix = fresh("prefix");
    const env = { ...process.env, JUPYTER_PATH: join(prefix, "share", "jupyter") };
    const result = await setup({ target: { kind: "prefix", dir: prefix }, env, log: quiet });
    expect(result).toEqual({ kernelJson: join(prefix, "share", "jupyter", "kernels", "tslab", "kernel.json"), client: "jupyter nbconvert", kernelNode: process.versions.node });
    const spec = JSON.parse(readFileSync(result.kernelJson, "utf8"));
    expect(spec.argv).toEqual([tslabBin(), "kernel", "--config-path", "{connection_file}"]);
  }, 180_000);

  test.skipIf(!hasJupyter && !required)(`--user writes into Jupyter's user data folder${skipNote}`, async () => {
    const data = fresh("user");
    const result = await setup({ target: { kind: "user" }, env: { ...process.env, JUPYTER_DATA_DIR: data }, log: quiet });
    expect(result.kernelJson).toBe(join(data, "kernels", "tslab", "kernel.json"));
    expect(result.client).toBe("jupyter nbconvert");
  }, 180_000);

  test.skipIf(!hasJupyter && !required)(`a prefix Jupyter does not look in, or one behind another tslab kernel, is refused and nothing is written${skipNote}`, async () => {
    const prefix = fresh("unseen");
    await expect(setup({ target: { kind: "prefix", dir: prefix }, env: process.env, log: quiet })).rejects.toThrow(/a folder Jupyter looks in.*JUPYTER_PATH/);
    expect(existsSync(join(prefix, "share"))).toBe(false);

    const first = fresh("first");
    mkdirSync(join(first, "kernels", "tslab"), { recursive: true });
    writeFileSync(join(first, "kernels", "tslab", "kernel.json"), "{}");
    const behind = fresh("behind");
    const env = { ...process.env, JUPYTER_PATH: [first, join(behind, "share", "jupyter")].join(delimiter) };
    await expect(setup({ target: { kind: "prefix", dir: behind }, env, log: quiet })).rejects.toThrow(/comes first on its paths/);
    expect(existsSync(join(behind, "share"))).toBe(false);
  });

  test("without Jupyter the kernel is still registered and the runner executes the check", async () => {
    const data = fresh("nojupyter");
    const bin = fresh("node-only");
    symlinkSync(process.execPath, join(bin, "node")); // the kernel's launcher runs `env node`
    const env = { PATH: bin, JUPYTER_DATA_DIR: data, HOME: data };
    const result = await setup({ target: { kind: "user" }, env, log: quiet });
    expect(result).toEqual({ kernelJson: join(data, "kernels", "tslab", "kernel.json"), client: "runner", kernelNode: process.versions.node });
  }, 180_000);
});
