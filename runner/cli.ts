// npm run execute -- [--set name=value]... [--out path] [--timeout seconds] [--check] <notebook...>
import { relative } from "node:path";
import { runIfEntry } from "../tools/entry";
import { commandFolder, helpText, parseCommandLine, parseSets, userPath, type Command } from "../tools/command-line";
import { checkNotebook, executeNotebook, NotebookError } from "./index";

const command: Command = {
  usage: "npm run execute -- [--set name=value]... [--out path] [--timeout seconds] [--check] <notebook.ipynb>...",
  options: [
    { flag: "--set", value: "name=value", help: 'override a knob of the cell tagged "parameters" (repeatable)' },
    { flag: "--out", value: "path", help: "write the executed notebook here instead of over the input (one notebook only)" },
    { flag: "--timeout", value: "seconds", help: "per-cell time limit (default 120)" },
    { flag: "--check", help: "re-run without writing and report cells whose committed outputs drifted" },
  ],
  notes: "Paths are relative to the folder you run the command in. Cells are numbered from 1, top to bottom, as JupyterLab shows them.",
};

export interface Args { set: Record<string, string>; out?: string; timeoutMs?: number; check: boolean; notebooks: string[]; help: boolean }

/** The runner's arguments; notebook and --out paths are made absolute against `folder`. */
export function parseArgs(argv: readonly string[], folder = process.cwd()): Args {
  const { values, positionals, help } = parseCommandLine(argv, command);
  const last = (flag: string) => values.get(flag)?.at(-1);
  const args: Args = { set: parseSets(values.get("--set") ?? []), check: values.has("--check"), notebooks: positionals.map((p) => userPath(folder, p)), help };
  const out = last("--out");
  if (out !== undefined) args.out = userPath(folder, out);
  const timeout = last("--timeout");
  if (timeout !== undefined) {
    const seconds = Number(timeout);
    if (!(seconds > 0) || !Number.isFinite(seconds)) throw new RangeError(`--timeout = ${JSON.stringify(timeout)} is invalid: expected a number of seconds > 0`);
    args.timeoutMs = seconds * 1000;
  }
  if (help) return args;
  if (args.notebooks.length === 0) throw new RangeError(`no notebook given\n\n${helpText(command)}`);
  if (args.out && args.notebooks.length > 1) throw new RangeError("--out works with one notebook only");
  if (args.check && (args.out || Object.keys(args.set).length > 0)) throw new RangeError("--check compares the notebook as committed: it takes no --out or --set");
  return args;
}

async function main(): Promise<number> {
  const folder = commandFolder("execute");
  process.chdir(folder); // messages then show paths as the user typed them
  const args = parseArgs(process.argv.slice(2), folder);
  if (args.help) {
    console.log(helpText(command));
    return 0;
  }
  let failed = 0;
  for (const path of args.notebooks) {
    const notebook = relative(folder, path) || path;
    try {
      if (args.check) {
        const { drifted } = await checkNotebook(path, { timeoutMs: args.timeoutMs });
        if (drifted.length > 0) {
          console.error(`✗ ${notebook}: ${drifted.length} cell(s) drifted from their committed outputs (listed above); re-run \`npm run execute -- ${notebook}\` and commit`);
          failed++;
        } else console.log(`✓ ${notebook}: committed outputs are fresh`);
      } else {
        const result = await executeNotebook(path, { set: args.set, out: args.out, timeoutMs: args.timeoutMs });
        console.log(`✓ ${notebook}: ${result.cells.length} cells in ${(result.totalMs / 1000).toFixed(1)} s → ${result.path}`);
      }
    } catch (error) {
      failed++;
      if (error instanceof NotebookError) console.error(`✗ ${error.message}\n  (the notebook file was left unchanged)`);
      else throw error;
    }
  }
  return failed > 0 ? 1 : 0;
}

runIfEntry(module, main, { report: (error) => `✗ ${error instanceof Error ? error.message : String(error)}`, failureCode: 2 });
