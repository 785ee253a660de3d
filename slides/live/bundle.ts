// The browser code of a live deck, bundled at build time with esbuild into classic scripts
// (a deck opened from file:// may not load modules or worker files; a worker made from a
// Blob of this text may run):
// - the worker: the library through its package (its "browser" map swaps the Node display
//   for one that hands each chart to the page) and the message loop, then the notebook's
//   program, compiled but not bundled (program.ts);
// - the page's side (panel, URL, worker, charts), which checks values with the runner's own
//   parameter code, so the panel says what `npm run execute -- --set` says.
import { buildSync } from "esbuild";
import { join } from "node:path";
import { projectRoot } from "../../tools/project";

function bundle(entry: { file: string }): string {
  const result = buildSync({
    entryPoints: [entry.file],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  });
  const text = result.outputFiles[0].text;
  // Inlined in <script> elements: no sequence may close them.
  if (/<\/script|<!--/i.test(text)) throw new Error(`the live bundle of ${entry.file} contains "</script" or "<!--"`);
  return text;
}

let worker: string | undefined;

/** The worker's trusted half: the library and the message loop (bundled once per build). */
function workerBundle(): string {
  worker ??= bundle({ file: join(projectRoot, "slides", "live", "worker-entry.ts") });
  return worker;
}

/** The whole worker: library, message loop, then the notebook's compiled program. */
export function workerCode(programCode: string): string {
  return `${workerBundle()}\n${programCode}`;
}

let client: string | undefined;

/** The page side of every live deck. */
export function clientBundle(): string {
  client ??= bundle({ file: join(projectRoot, "slides", "live", "client.ts") });
  return client;
}
