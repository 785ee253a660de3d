// npm run execute -- [--set name=value]... [--out path] [--timeout seconds] [--check] <notebook...>
import { checkNotebook, executeNotebook, NotebookError } from "./index";

const USAGE = `usage: npm run execute -- [--set name=value]... [--out path] [--timeout seconds] [--check] <notebook.ipynb>...

  --set name=value   override a knob of the cell tagged "parameters" (repeatable)
  --out path         write the executed notebook here instead of over the input (one notebook only)
  --timeout seconds  per-cell time limit (default 120)
  --check            re-run without writing and report cells whose committed outputs drifted

Cells are numbered from 0, in the order of the notebook file.`;

interface Args { set: Record<string, string>; out?: string; timeoutMs?: number; check: boolean; notebooks: string[] }

function parseArgs(argv: string[]): Args {
  const args: Args = { set: {}, check: false, notebooks: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? [argv[i].slice(0, argv[i].indexOf("=")), argv[i].slice(argv[i].indexOf("=") + 1)] : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new RangeError(`${flag} needs a value\n\n${USAGE}`);
      return v;
    };
    if (flag === "--set") {
      const pair = value();
      const eq = pair.indexOf("=");
      if (eq <= 0) throw new RangeError(`--set ${JSON.stringify(pair)} is invalid: expected name=value`);
      args.set[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
    } else if (flag === "--out") args.out = value();
    else if (flag === "--timeout") {
      const raw = value();
      const seconds = Number(raw);
      if (!(seconds > 0) || !Number.isFinite(seconds)) throw new RangeError(`--timeout = ${JSON.stringify(raw)} is invalid: expected a number of seconds > 0`);
      args.timeoutMs = seconds * 1000;
    } else if (flag === "--check") args.check = true;
    else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (flag.startsWith("-")) throw new RangeError(`unknown option ${flag}\n\n${USAGE}`);
    else args.notebooks.push(argv[i]);
  }
  if (args.notebooks.length === 0) throw new RangeError(`no notebook given\n\n${USAGE}`);
  if (args.out && args.notebooks.length > 1) throw new RangeError("--out works with one notebook only");
  if (args.check && (args.out || Object.keys(args.set).length > 0)) throw new RangeError("--check compares the notebook as committed: it takes no --out or --set");
  return args;
}

async function main(): Promise<number> {
  // `npm run execute` starts us in the project root; paths on the command line are relative
  // to where the user typed it, which npm passes on as INIT_CWD.
  if (process.env.npm_lifecycle_event === "execute" && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  const args = parseArgs(process.argv.slice(2));
  let failed = 0;
  for (const notebook of args.notebooks) {
    try {
      if (args.check) {
        const { drifted } = await checkNotebook(notebook, { timeoutMs: args.timeoutMs });
        if (drifted.length > 0) {
          console.error(`✗ ${notebook}: ${drifted.length} cell(s) drifted from their committed outputs (listed above); re-run \`npm run execute -- ${notebook}\` and commit`);
          failed++;
        } else console.log(`✓ ${notebook}: committed outputs are fresh`);
      } else {
        const result = await executeNotebook(notebook, { set: args.set, out: args.out, timeoutMs: args.timeoutMs });
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
