// npm run site [-- --out dir] [notebook.ipynb ...]
// Builds the static course site (site.ts) from every notebook in notebooks/ unless files are named.
import { join, relative } from "node:path";
import { commandFolder, helpText, parseCommandLine, userPath, type Command } from "../tools/command-line";
import { projectRoot } from "../tools/project";
import { listNotebooks } from "./build";
import { buildSite } from "./site";
import { runIfEntry } from "../tools/entry";

export const defaultSiteDir = join(projectRoot, "site");

const command: Command = {
  usage: "npm run site -- [--out dir] [notebook.ipynb]...",
  options: [{ flag: "--out", value: "dir", help: "output folder (default site/); a folder this command did not build is refused" }],
  notes:
    "Builds index.html, a read-only page and the .ipynb of each notebook (all of notebooks/ unless files are named), and their slide decks. " +
    "The folder works as-is on any static web host and from file://, offline. Paths are relative to the folder you run the command in.",
};

export function parseSiteArgs(argv: readonly string[], folder = process.cwd()): { notebooks: string[]; outDir: string; help: boolean } {
  const { values, positionals, help } = parseCommandLine(argv, command);
  const out = values.get("--out")?.at(-1);
  const notebooks = positionals.map((p) => userPath(folder, p));
  return {
    notebooks: notebooks.length > 0 ? notebooks : listNotebooks(join(projectRoot, "notebooks")),
    outDir: out === undefined ? defaultSiteDir : userPath(folder, out),
    help,
  };
}

async function main(): Promise<void> {
  const folder = commandFolder("site");
  const args = parseSiteArgs(process.argv.slice(2), folder);
  if (args.help) return console.log(helpText(command));
  const pages = await buildSite({ ...args, log: (line) => console.log(line) });
  const index = relative(folder, join(args.outDir, "index.html"));
  console.log(`site with ${pages.length} notebook(s) built; open ${index.startsWith("..") ? join(args.outDir, "index.html") : index}`);
}

runIfEntry(module, main);
