// The browser code of a live deck, bundled at build time with esbuild into classic scripts
// (a deck opened from file:// may not load modules or worker files; a worker made from a
// Blob of this text may run):
// - the notebook's program with the library, through the library's package: its "browser"
//   map swaps the Node display for one that hands each chart to the page;
// - the page's side (panel, URL, worker, charts), which checks values with the runner's own
//   parameter code, so the panel says what `npm run execute -- --set` says.
import { buildSync } from "esbuild";
import { join } from "node:path";
import { projectRoot } from "../../tools/project";

function bundle(entry: { contents: string; sourcefile: string } | { file: string }, globalName?: string): string {
  const result = buildSync({
    ...("file" in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, loader: "ts", resolveDir: projectRoot, sourcefile: entry.sourcefile } }),
    bundle: true,
    write: false,
    format: "iife",
    globalName,
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  });
  const text = result.outputFiles[0].text;
  // Inlined in <script> elements: no sequence may close them.
  if (/<\/script/i.test(text)) throw new Error(`the live bundle of ${"file" in entry ? entry.file : entry.sourcefile} contains "</script"`);
  return text;
}

const programs = new Map<string, string>();

/** The notebook program as worker code: `liveProgram.run(params, enter)` (cached per source). */
export function programBundle(source: string, name: string): string {
  let text = programs.get(source);
  if (text === undefined) {
    text = bundle({ contents: source, sourcefile: `${name}.live.ts` }, "liveProgram");
    programs.set(source, text);
  }
  return text;
}

let client: string | undefined;

/** The page side of every live deck. */
export function clientBundle(): string {
  client ??= bundle({ file: join(projectRoot, "slides", "live", "client.ts") });
  return client;
}
