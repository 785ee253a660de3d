// npm run execute -- [--set name=value]... [--out path] [--timeout seconds] [--check] <notebook...>
import { relative } from "node:path";
import { runIfEntry } from "../tools/entry";
import { commandFolder, helpText, parseCommandLine, parseSets, userPath, type Command } from "../tools/command-line";
import { endWithParent } from "../tools/lifetime";
import { writeTarget } from "./atomic";
import { checkNotebook, executeNotebook, NotebookError } from "./index";

const command: Command = {
  usage: "npm run execute -- [--set name=value]... [--out path] [--timeout seconds] [--check] <notebook.ipynb>...",
  options: [
    { flag: "--set", value: "name=value", help: 'override a knob of the cell tagged "parameters" (repeatable)' },
    { flag: "--out", value: "path", help: "write the executed notebook here instead of over the input (one notebook only)" },
    { flag: "--timeout", value: "seconds", help: "per-cell time limit (default 120)" },
    { flag: "--check", help: "re-run without writing and report cells whose committed outputs drifted" },
  ],
  notes:
    "Paths are relative to the folder you run the command in. Cells are numbered from 1, top to bottom, as JupyterLab shows them. " +
    "Each notebook is reported on its own: one that cannot be read or fails a cell does not stop the others; the exit code is 1 if any failed. " +
    "A notebook is written only if every cell succeeded and the file was not changed (saved from an editor) while it ran.",
};

const maxTimeoutSeconds = 24 * 3600;

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
    if (!(seconds > 0 && seconds <= maxTimeoutSeconds)) throw new RangeError(`--timeout = ${JSON.stringify(timeout)} is invalid: expected a number of seconds in (0, ${maxTimeoutSeconds}] (one day at most)`);
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
  if (args.out !== undefined) writeTarget(args.out, "--out"); // before any kernel starts
  endWithParent();
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
      // A notebook that cannot be read, written or run fails alone, like a failing cell.
      failed++;
      if (error instanceof NotebookError) console.error(`✗ ${error.message}\n  (the notebook file was left unchanged)`);
      else console.error(`✗ ${notebook}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

runIfEntry(module, main, { report: (error) => `✗ ${error instanceof Error ? error.message : String(error)}`, failureCode: 2 });
