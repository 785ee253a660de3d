// npm run slides [-- --execute] [--set name=value ...] [--out dir] [notebook.ipynb ...]
// Builds a deck per notebook (all of notebooks/ unless files are named) into slides/dist.
import { join, relative } from "node:path";
import { runIfEntry } from "../tools/entry";
import { commandFolder, helpText, parseCommandLine, parseSets, userPath, type Command } from "../tools/command-line";
import { endWithParent } from "../tools/lifetime";
import { projectRoot } from "../tools/project";
import { buildDecks, listNotebooks } from "./build";

export const defaultOutDir = join(projectRoot, "slides", "dist");

const command: Command = {
  usage: "npm run slides -- [--execute] [--set name=value]... [--out dir] [notebook.ipynb]...",
  options: [
    { flag: "--execute", help: "re-run each notebook first (into a temporary copy; the notebook file is not written)" },
    { flag: "--set", value: "name=value", help: "a parameter for --execute (repeatable); each notebook gets the names its parameters cell declares" },
    { flag: "--out", value: "dir", help: "output folder (default slides/dist): a new or empty folder, or one an earlier build made; it is replaced on every build" },
    { flag: "--static", help: "decks that show the committed charts only: no in-browser re-run, no notebook code in the page" },
  ],
  notes:
    "Without notebooks, every notebook in notebooks/ gets a deck and the output holds exactly those. Naming notebooks rebuilds only their decks and keeps the others. " +
    "A PDF handout (npm run slides:pdf) stays linked while its deck is unchanged. Paths are relative to the folder you run the command in.",
};

export interface CliArgs {
  notebooks: string[];
  /** Notebooks were named: only their decks are rebuilt. */
  subset: boolean;
  outDir: string;
  execute: boolean;
  set: Record<string, string>;
  /** Live decks (the default) re-run their notebook's code in the browser. */
  live: boolean;
  help: boolean;
}

/** The deck builder's arguments; notebook and --out paths are made absolute against `folder`. */
export function parseArgs(argv: readonly string[], folder = process.cwd()): CliArgs {
  const { values, positionals, help } = parseCommandLine(argv, command);
  const out = values.get("--out")?.at(-1);
  const notebooks = positionals.map((p) => userPath(folder, p));
  return {
    notebooks: notebooks.length > 0 ? notebooks : listNotebooks(join(projectRoot, "notebooks")),
    subset: notebooks.length > 0,
    outDir: out === undefined ? defaultOutDir : userPath(folder, out),
    execute: values.has("--execute"),
    set: parseSets(values.get("--set") ?? []),
    live: !values.has("--static"),
    help,
  };
}

async function main(): Promise<void> {
  const folder = commandFolder("slides");
  process.chdir(folder); // the runner's messages then show paths as the user typed them
  const args = parseArgs(process.argv.slice(2), folder);
  if (args.help) return console.log(helpText(command));
  endWithParent(); // --execute starts kernels: they end with the command
  const result = await buildDecks({ ...args, log: (line) => console.log(line) });
  const where = relative(folder, result.outDir) || ".";
  console.log(`${args.notebooks.length} deck(s) built; index.html in ${where}/ lists ${result.decks.length}`);
}

runIfEntry(module, main);
