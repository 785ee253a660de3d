// What a run must never do to the files and processes around it, checked with the real
// tslab kernel: lose an edit saved during the run, replace a link, a device or a read-only
// file, change a file's mode, miss a rejection after the last cell, or leave a kernel behind
// when the command is stopped or killed in any way.
import { spawn, spawnSync, execFileSync, type ChildProcess } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { writeFileAtomic, writeTarget } from "../../runner/atomic";
import { executeNotebook, NotebookError } from "../../runner";
import { bytes, canListProcesses, kernelsIn, kernelsLeftIn, processesIn, root, workspace } from "./workspace";

const ws = workspace("hardening");
afterAll(() => ws.remove());
afterEach(() => expect(kernelsIn(ws.dir)).toEqual([]));

const cli = join(root, "runner", "cli.ts");
const { INIT_CWD: _, npm_lifecycle_event: __, ...env } = process.env;
const logger = (onLine: (line: string) => void = () => {}) => {
  const lines: string[] = [];
  return { lines, log: (line: string) => (lines.push(line), onLine(line)) };
};
const mode = (path: string) => statSync(path).mode & 0o777;

describe("a run never loses an edit saved while it works", () => {
  it("refuses to write when the notebook was edited during the run, keeping the edit; also when size and mtime are restored", async () => {
    const path = ws.notebook("edited.ipynb", ['console.log("one")', 'console.log("two")']);
    const edited = bytes(path).toString("utf8").replace('console.log(\\"two\\")', 'console.log(\\"TWO\\")');
    expect(edited).not.toBe(bytes(path).toString("utf8"));
    const { mtime } = statSync(path);
    // The user saves from the editor once the first cell has run; same length, old mtime put back.
    const { log } = logger((line) => /cell +1 /.test(line) && (writeFileSync(path, edited), utimesSync(path, mtime, mtime)));
    const run = executeNotebook(path, { log });
    await expect(run).rejects.toThrow(RangeError);
    await expect(run).rejects.toThrow(/^notebook = ".*edited\.ipynb" changed on disk while the run was going \(then: \d+ bytes, saved .*; now: \d+ bytes, saved .*\): the run's outputs were not written, so the saved version is kept as it is; run again to execute it$/);
    expect(readFileSync(path, "utf8")).toBe(edited);
  });

  it("refuses to replace an --out file that appeared or changed during the run", async () => {
    const path = ws.notebook("source.ipynb", ['console.log("ok")']);
    const out = join(ws.dir, "out.ipynb");
    const { log } = logger((line) => /cell +1 /.test(line) && writeFileSync(out, "someone else's file"));
    await expect(executeNotebook(path, { out, log })).rejects.toThrow(/^out = ".*out\.ipynb" changed on disk while the run was going \(then: no file; now: 19 bytes/);
    expect(readFileSync(out, "utf8")).toBe("someone else's file");
  });
});

describe("what a write replaces", () => {
  it("a symlinked notebook updates its target and stays a link; the file keeps its mode (600)", async () => {
    mkdirSync(join(ws.dir, "real"), { recursive: true });
    const real = ws.notebook("real/target.ipynb", ['console.log("through the link")']);
    chmodSync(real, 0o600);
    const link = join(ws.dir, "link.ipynb");
    symlinkSync(join("real", "target.ipynb"), link);
    const result = await executeNotebook(link, { log: logger().log });
    expect(result.path).toBe(link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join("real", "target.ipynb"));
    expect(readFileSync(real, "utf8")).toContain('"through the link\\n"');
    expect(mode(real)).toBe(0o600);
  });

  it("a read-only notebook, a device, a fifo, a folder and a missing folder are refused before any kernel starts, and left as they were", async () => {
    const readOnly = ws.notebook("read-only.ipynb", ["1"]);
    chmodSync(readOnly, 0o444);
    const before = bytes(readOnly);
    const { lines, log } = logger();
    // Refused even as root, who may write any file: the mode says read-only.
    await expect(executeNotebook(readOnly, { log })).rejects.toThrow(/^notebook = ".*read-only\.ipynb" is invalid: it is read-only \(mode 444\): make it writable first \(chmod u\+w\) or write elsewhere$/);
    expect(bytes(readOnly).equals(before)).toBe(true);
    expect(mode(readOnly)).toBe(0o444);

    const source = ws.notebook("fine.ipynb", ["1"]);
    const fifo = join(ws.dir, "pipe.ipynb");
    execFileSync("mkfifo", [fifo]);
    const cases: [string, RegExp][] = [
      ["/dev/full", /^out = "\/dev\/full" is invalid: it is a character device: expected a regular file \(it is never replaced\)$/],
      ["/dev/null", /^out = "\/dev\/null" is invalid: it is a character device/],
      [fifo, /^out = ".*pipe\.ipynb" is invalid: it is a named pipe \(fifo\): expected a regular file/],
      [ws.dir, /^out = ".*" is invalid: it is a folder: expected a regular file/],
      [join(ws.dir, "missing", "x.ipynb"), /^out = ".*missing\/x\.ipynb" is invalid: expected a file in an existing folder that can be written \(ENOENT: it does not exist\)$/],
    ];
    for (const [out, message] of cases) await expect(executeNotebook(source, { out, log }), out).rejects.toThrow(message);
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lines.filter((l) => l.includes("kernel started"))).toEqual([]);
  });

  it("writeFileAtomic: a link to a missing file is refused, the mode of a group-writable file is kept, no temp file stays", () => {
    const dangling = join(ws.dir, "dangling.ipynb");
    symlinkSync("nowhere.ipynb", dangling);
    expect(() => writeFileAtomic(dangling, "x", { option: "--out" })).toThrow(/^--out = ".*dangling\.ipynb" is invalid: it is a symbolic link to a missing file/);
    const shared = join(ws.dir, "shared.txt");
    writeFileSync(shared, "old");
    chmodSync(shared, 0o664);
    writeFileAtomic(shared, "new");
    expect([readFileSync(shared, "utf8"), mode(shared)]).toEqual(["new", 0o664]);
    expect(writeTarget(join(ws.dir, "new-file.txt")).mode).toBeUndefined();
    expect(spawnSync("ls", ["-a", ws.dir], { encoding: "utf8" }).stdout).not.toMatch(/\.tmp$/m);
  });
});

describe("code left running after the last cell", () => {
  it("a rejection fired after the last cell fails the run, naming the last cell, and the file is left unchanged", async () => {
    const path = ws.notebook("late.ipynb", ['console.log("fine")', 'setTimeout(() => { Promise.reject(new Error("late rejection")); }, 1200);\nconsole.log("scheduled")']);
    const before = bytes(path);
    const run = executeNotebook(path, { log: logger().log });
    await expect(run).rejects.toThrow(NotebookError);
    await expect(run).rejects.toThrow(/late\.ipynb: after the last cell \(cell 2, `setTimeout\(.*`\) finished, code it left running wrote to stderr \(an unhandled promise rejection, a late console\.error\):\n[^]*late rejection/);
    expect(bytes(path).equals(before)).toBe(true);
  });

  it("a late console.error fails too, while a timer that ends quietly passes", async () => {
    const noisy = ws.notebook("noisy.ipynb", ['setTimeout(() => console.error("late complaint"), 1200);']);
    await expect(executeNotebook(noisy, { log: logger().log })).rejects.toThrow(/after the last cell \(cell 1,[^]*late complaint/);
    const quiet = ws.notebook("quiet.ipynb", ['let done = false;\nsetTimeout(() => { done = true; }, 300);\nconsole.log("waiting")']);
    await expect(executeNotebook(quiet, { log: logger().log })).resolves.toMatchObject({ path: quiet });
  }, 150_000); // two kernels: room for a loaded machine
});

describe("npm run execute: each notebook on its own, and no kernel outlives the command", () => {
  it("a malformed notebook fails alone, like a failing cell: reported by name, the others run, exit code 1", () => {
    const bogus = ws.notebook("bogus.ipynb", ["1"]);
    writeFileSync(bogus, bytes(bogus).toString("utf8").replace('"code"', '"bogus"'));
    const before = bytes(bogus);
    ws.notebook("good.ipynb", ['console.log("good ran")']);
    const run = spawnSync(process.execPath, ["--import", "tsx", cli, "bogus.ipynb", "good.ipynb"], { cwd: ws.dir, env, encoding: "utf8", timeout: 140_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/✗ bogus\.ipynb: notebook = ".*bogus\.ipynb" is invalid: expected the path of an existing nbformat 4 \.ipynb file \(cells\[0\] \(cell 1\)\.cell_type = "bogus" is invalid: expected one of "code", "markdown", "raw"\)/);
    expect(run.stdout).toMatch(/✓ good\.ipynb: 1 cells/);
    expect(bytes(bogus).equals(before)).toBe(true);
  }, 150_000);

  it("options are checked before any kernel: --out /dev/full and --timeout name themselves", () => {
    ws.notebook("opts.ipynb", ["1"]);
    const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", cli, ...args], { cwd: ws.dir, env, encoding: "utf8", timeout: 60_000 });
    const device = run("--out", "/dev/full", "opts.ipynb");
    expect(device.status).toBe(2);
    expect(device.stderr).toMatch(/^✗ --out = "\/dev\/full" is invalid: it is a character device: expected a regular file \(it is never replaced\)/);
    const timeout = run("--timeout", "1e12", "opts.ipynb");
    expect(timeout.stderr).toMatch(/^✗ --timeout = "1e12" is invalid: expected a number of seconds in \(0, 86400\]/);
    expect(device.stdout + timeout.stdout).not.toContain("kernel started");
  });

  /** Starts `command` in the workspace on a notebook spinning in cell 2; resolves once cell 1 has run. */
  async function spinning(name: string, command: string, args: string[], extraEnv: NodeJS.ProcessEnv = env): Promise<{ child: ChildProcess; exited: Promise<string>; notebook: string }> {
    const notebook = ws.copy("times-out.ipynb", name);
    const child = spawn(command, [...args, "--timeout", "60", name], { cwd: ws.dir, env: extraEnv });
    let stdout = "";
    const exited = new Promise<string>((done) => child.on("exit", (code, signal) => done(signal ?? String(code))));
    const started = new Promise<void>((ready) => child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk) && /cell +1 /.test(stdout) && ready()));
    expect(await Promise.race([started.then(() => "running"), exited])).toBe("running");
    if (canListProcesses) expect(kernelsIn(ws.dir)).toHaveLength(1);
    return { child, exited, notebook };
  }

  it.runIf(canListProcesses)("SIGTERM to npm ends npm's whole chain: the shell, the runner and the kernel", async () => {
    const npmEnv = { ...env, npm_config_update_notifier: "false" };
    const { child, exited, notebook } = await spinning("npm-term.ipynb", "npm", ["run", "--silent", "execute", "--"], npmEnv);
    const before = bytes(notebook);
    expect(processesIn(ws.dir, "runner/cli.ts")).toHaveLength(1);
    child.kill("SIGTERM");
    await exited;
    expect(await kernelsLeftIn(ws.dir, 5_000)).toEqual([]);
    const deadline = performance.now() + 5_000;
    while (processesIn(ws.dir, "runner/cli.ts").length > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(processesIn(ws.dir, "runner/cli.ts")).toEqual([]);
    expect(bytes(notebook).equals(before)).toBe(true);
  });

  it("SIGHUP (the terminal closed) ends the runner and its kernel", async () => {
    const { child, exited } = await spinning("hup.ipynb", process.execPath, ["--import", "tsx", cli]);
    child.kill("SIGHUP");
    expect(["SIGHUP", "129"]).toContain(await exited);
    expect(await kernelsLeftIn(ws.dir, 5_000)).toEqual([]);
  });

  it.runIf(canListProcesses)("a runner killed outright (SIGKILL, as the OOM killer does) takes its busy kernel with it within seconds", async () => {
    const { child, exited } = await spinning("killed.ipynb", process.execPath, ["--import", "tsx", cli]);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const killed = performance.now();
    expect(await kernelsLeftIn(ws.dir, 5_000)).toEqual([]);
    expect(performance.now() - killed).toBeLessThan(5_000);
  });
});
