// The second half of tools/setup.sh (the first installs the packages): registers this
// project's tslab kernel where a Jupyter server looks for kernels, then proves it by running
// tools/setup-check.ipynb through it: with `jupyter nbconvert --execute` (Jupyter's own
// client, finding the kernel by name the way JupyterLab does) when Jupyter is installed,
// otherwise with this project's runner.
//   tsx runner/setup.ts [--user | --sys-prefix | --prefix DIR]
// Where each target puts kernels follows `jupyter kernelspec install`:
//   --user        the user's Jupyter data folder (`jupyter --data-dir`)
//   --sys-prefix  <sys.prefix>/share/jupyter of the Python that runs Jupyter (a conda env, a venv)
//   --prefix DIR  DIR/share/jupyter
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { VEGA_LITE_MIME } from "@skip-and-drop/lib/mime";
import { fail } from "@skip-and-drop/lib/checks";
import { helpText, parseCommandLine, userPath, type Command } from "../tools/command-line";
import { projectRoot } from "../tools/project";
import { writeKernelspec } from "./kernelspec";
import { parseNotebook, type Notebook } from "./nbformat";
import { runIfEntry } from "../tools/entry";

export const checkNotebook = join(projectRoot, "tools", "setup-check.ipynb");

export type Target = { kind: "user" } | { kind: "sys-prefix" } | { kind: "prefix"; dir: string };

/** Runs a program and returns its trimmed stdout, or undefined when it cannot start or exits non-zero. */
export type Run = (program: string, args: string[], env: NodeJS.ProcessEnv) => string | undefined;

const spawnRun: Run = (program, args, env) => {
  const result = spawnSync(program, args, { env, encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
};

const command: Command = {
  usage: "tools/setup.sh [--user | --sys-prefix | --prefix DIR]",
  options: [
    { flag: "--user", help: "register the kernel for the current user (the default; Codespaces, a laptop)" },
    { flag: "--sys-prefix", help: "register it in the Python environment that runs Jupyter (Binder, a JupyterHub image)" },
    { flag: "--prefix", value: "DIR", help: "register it under DIR/share/jupyter (Jupyter must look there: JUPYTER_PATH)" },
  ],
  notes: "Then executes tools/setup-check.ipynb through the registered kernel (jupyter nbconvert when Jupyter is installed, the project's runner otherwise).",
};

/** The target named on the command line; more than one is refused. */
export function parseTarget(argv: readonly string[], folder = process.cwd()): { target: Target; help: boolean } {
  const { values, positionals, help } = parseCommandLine(argv, command);
  if (positionals.length > 0) fail("argument", positionals.join(" "), "none: only --user, --sys-prefix or --prefix DIR");
  const given = ["--user", "--sys-prefix", "--prefix"].filter((flag) => values.has(flag));
  if (given.length > 1) fail("target", given.join(" "), "one of --user, --sys-prefix, --prefix DIR");
  const prefix = values.get("--prefix")?.at(-1);
  if (prefix !== undefined) return { target: { kind: "prefix", dir: userPath(folder, prefix) }, help };
  return { target: values.has("--sys-prefix") ? { kind: "sys-prefix" } : { kind: "user" }, help };
}

/** A program's full path on env's PATH, symlinks resolved (pipx links jupyter into ~/.local/bin). */
export function findOnPath(program: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const folder of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(folder, program);
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  return undefined;
}

/** jupyter_core's user data folder when no Jupyter can be asked (jupyter_core.paths.jupyter_data_dir). */
export function defaultUserDataDir(env: NodeJS.ProcessEnv, platform = process.platform, home = homedir()): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  if (platform === "darwin") return join(home, "Library", "Jupyter");
  if (platform === "win32") return join(env.APPDATA ?? join(home, "AppData", "Roaming"), "jupyter");
  return join(env.XDG_DATA_HOME || join(home, ".local", "share"), "jupyter");
}

/**
 * The Jupyter data folder (the one holding kernels/) for a target. The sys-prefix is that of
 * the Python beside the `jupyter` on PATH (the interpreter its script runs with in a conda
 * env, a venv, pipx or /usr/bin), or of `python3` when there is no Jupyter.
 */
export function dataDirFor(target: Target, env: NodeJS.ProcessEnv = process.env, run: Run = spawnRun): string {
  if (target.kind === "prefix") return join(target.dir, "share", "jupyter");
  if (target.kind === "user") return run("jupyter", ["--data-dir"], env) || defaultUserDataDir(env);
  const jupyter = findOnPath("jupyter", env);
  const pythons = [jupyter && join(dirname(jupyter), "python3"), jupyter && join(dirname(jupyter), "python"), "python3", "python"];
  for (const python of pythons.filter((p): p is string => Boolean(p))) {
    if (python.includes("/") && !existsSync(python)) continue;
    const prefix = run(python, ["-c", "import sys; print(sys.prefix)"], env);
    if (prefix) return join(prefix, "share", "jupyter");
  }
  return fail("target", "--sys-prefix", "a machine with Python 3 on PATH (python3 or python), whose sys.prefix names the environment");
}

/** The folders Jupyter looks in for kernels (`jupyter --paths --json`), or undefined without Jupyter. */
export function jupyterDataPaths(env: NodeJS.ProcessEnv = process.env, run: Run = spawnRun): string[] | undefined {
  const out = run("jupyter", ["--paths", "--json"], env);
  if (out === undefined) return undefined;
  const paths = JSON.parse(out) as { data?: string[] };
  return (paths.data ?? []).map((p) => resolve(p));
}

/**
 * What the check notebook must show: the library's value against its closed form
 * (σ'(0) = σ(0)(1 − σ(0)) = 1/4), a chart bundle with its vega-lite spec and PNG, no error.
 * Returns the problems found ([] when it ran as it should) and the kernel's Node version.
 */
export function verifyCheck(nb: Notebook): { problems: string[]; node?: string } {
  const outputs = nb.cells.flatMap((cell) => (cell.cell_type === "code" ? cell.outputs ?? [] : []));
  const stdout = outputs.map((o) => (o.output_type === "stream" && o.name === "stdout" ? o.text : "")).join("");
  const problems: string[] = [];
  for (const o of outputs) {
    if (o.output_type === "error") problems.push(`a cell failed: ${o.ename}: ${o.evalue}`);
    if (o.output_type === "stream" && o.name === "stderr") problems.push(`a cell wrote to stderr: ${o.text.trim()}`);
  }
  if (!stdout.includes("setup check: sigmoid'(0) = 0.25\n")) problems.push(`expected "setup check: sigmoid'(0) = 0.25" on stdout, got ${JSON.stringify(stdout)}`);
  const bundles = outputs.flatMap((o) => (o.output_type === "display_data" ? [o.data ?? {}] : []));
  if (!bundles.some((d) => VEGA_LITE_MIME in d && "image/png" in d)) problems.push(`expected a chart (${VEGA_LITE_MIME} with image/png) among the outputs`);
  return { problems, node: /kernel: Node (\S+)/.exec(stdout)?.[1] };
}

export interface SetupOptions {
  target: Target;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface SetupResult {
  kernelJson: string;
  /** How the check notebook ran. */
  client: "jupyter nbconvert" | "runner";
  kernelNode?: string;
}

/** Registers the kernel for `target`, then executes the check notebook through it; throws naming what failed. */
export async function setup({ target, env = process.env, log = console.log }: SetupOptions): Promise<SetupResult> {
  const dataDir = resolve(dataDirFor(target, env));
  const kernelJson = join(dataDir, "kernels", "tslab", "kernel.json");
  const jupyterPaths = jupyterDataPaths(env);
  // Checked before anything is written: a kernel Jupyter would not start is no registration.
  if (jupyterPaths) {
    const name = target.kind === "prefix" ? `--prefix ${target.dir}` : `--${target.kind}`;
    const at = jupyterPaths.indexOf(dataDir);
    if (at < 0) fail("target", name, `a folder Jupyter looks in; it looks in ${jupyterPaths.join(", ")} (add ${dataDir} to JUPYTER_PATH, or use --user or --sys-prefix)`);
    // Jupyter starts the first kernels/tslab along its paths.
    const before = jupyterPaths.slice(0, at).find((p) => existsSync(join(p, "kernels", "tslab", "kernel.json")));
    if (before !== undefined) {
      fail("target", name, `a folder Jupyter reads before any other "tslab" kernel, but ${join(before, "kernels", "tslab", "kernel.json")} comes first on its paths: remove it, or register there`);
    }
  }
  writeKernelspec(projectRoot, dataDir);
  log(`kernel "tslab" registered: ${kernelJson}`);
  const scratch = mkdtempSync(join(tmpdir(), "skip-and-drop-setup-"));
  try {
    const out = join(scratch, "setup-check.ipynb");
    const hasNbconvert = jupyterPaths !== undefined && spawnRun("jupyter", ["nbconvert", "--version"], env) !== undefined;
    if (hasNbconvert) {
      // The kernel starts in the notebook's folder (tools/), so @skip-and-drop/lib resolves.
      const args = ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=tslab", "--ExecutePreprocessor.timeout=120", "--output-dir", scratch, checkNotebook];
      const run = spawnSync("jupyter", args, { env, encoding: "utf8" });
      if (run.status !== 0) throw new Error(`jupyter nbconvert could not execute ${checkNotebook} with the kernel "tslab":\n${run.stderr.trim().split("\n").slice(-15).join("\n")}`);
    } else {
      const { executeNotebook } = await import("./index");
      await executeNotebook(checkNotebook, { out, log: () => {} });
    }
    const { problems, node } = verifyCheck(parseNotebook(readFileSync(out, "utf8")));
    if (problems.length > 0) throw new Error(`${checkNotebook} ran but is wrong:\n  ${problems.join("\n  ")}`);
    const client = hasNbconvert ? "jupyter nbconvert" : "runner";
    log(`check: tools/setup-check.ipynb executed by ${client} through the kernel (Node ${node}): library, closed form and chart ok`);
    return { kernelJson, client, kernelNode: node };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // tools/setup.sh runs from the project root and names the folder it was called from.
  const { target, help } = parseTarget(process.argv.slice(2), process.env.SETUP_FOLDER ?? process.cwd());
  if (help) return console.log(helpText(command));
  await setup({ target });
}

runIfEntry(module, main);
