// npm run slides [-- --execute] [--set name=value ...] [--out dir] [notebook.ipynb ...]
// Builds a deck per notebook (all of notebooks/ unless files are named) into slides/dist.
import { join, relative } from "node:path";
import { buildDecks, listNotebooks } from "./build";

export const projectRoot = join(__dirname, "..", "..");
export const defaultOutDir = join(projectRoot, "slides", "dist");

export interface CliArgs {
  notebooks: string[];
  outDir: string;
  execute: boolean;
  set: Record<string, string>;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { notebooks: [], outDir: defaultOutDir, execute: false, set: {} };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? splitOnce(argv[i]) : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new RangeError(`${flag} needs a value`);
      return v;
    };
    if (flag === "--execute") args.execute = true;
    else if (flag === "--out") args.outDir = value();
    else if (flag === "--set") {
      const [name, v] = splitOnce(value());
      if (!/^[A-Za-z_$][\w$]*$/.test(name) || v === undefined) {
        throw new RangeError(`--set "${name}${v === undefined ? "" : "=" + v}" is invalid: expected name=value with name an identifier`);
      }
      args.set[name] = v;
    } else if (flag.startsWith("--")) throw new RangeError(`option ${flag} is unknown: expected --execute, --set name=value or --out dir`);
    else args.notebooks.push(flag);
  }
  if (args.notebooks.length === 0) args.notebooks = listNotebooks(join(projectRoot, "notebooks"));
  return args;
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf("=");
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const result = await buildDecks({ ...args, log: (line) => console.log(line) });
  const where = relative(process.cwd(), result.outDir) || ".";
  console.log(`${result.decks.length} deck(s) and index.html in ${where}/`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
