// Every file a deck loads, copied from installed packages into <out>/assets so the decks work
// offline (no CDN): reveal.js and its notes plugin, KaTeX's CSS and fonts, vega + vega-lite +
// vega-embed (UMD builds, which define the globals vegaEmbed expects), a highlight.js theme,
// and the deck's own stylesheet and script.
import { cpSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";

const requireHere = createRequire(__filename);

/** The folder of an installed package (found through Node's resolution, so hoisting does not matter). */
export function packageRoot(name: string): string {
  const entry = requireHere.resolve(name);
  const marker = `${sep}node_modules${sep}${name.split("/").join(sep)}${sep}`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new RangeError(`package = "${name}" resolved to ${entry}, outside any node_modules folder`);
  return entry.slice(0, at + marker.length - 1);
}

/** [package, path in the package, path under assets/] */
const copies: [string | null, string, string][] = [
  ["reveal.js", "dist/reset.css", "reveal/reset.css"],
  ["reveal.js", "dist/reveal.css", "reveal/reveal.css"],
  ["reveal.js", "dist/reveal.js", "reveal/reveal.js"],
  ["reveal.js", "dist/theme/white.css", "reveal/theme/white.css"],
  ["reveal.js", "dist/theme/fonts/source-sans-pro", "reveal/theme/fonts/source-sans-pro"],
  ["reveal.js", "plugin/notes/notes.js", "reveal/plugin/notes/notes.js"],
  ["katex", "dist/katex.min.css", "katex/katex.min.css"],
  ["katex", "dist/fonts", "katex/fonts"],
  ["vega", "build/vega.min.js", "vega/vega.min.js"],
  ["vega-lite", "build/vega-lite.min.js", "vega/vega-lite.min.js"],
  ["vega-embed", "build/vega-embed.min.js", "vega/vega-embed.min.js"],
  ["highlight.js", "styles/github.min.css", "hljs/github.min.css"],
  [null, "client/deck.css", "deck.css"],
  [null, "client/deck.js", "deck.js"],
];

/** Stylesheets and scripts in the order a deck page loads them (paths relative to the page). */
export const stylesheets = [
  "reveal/reset.css", "reveal/reveal.css", "reveal/theme/white.css", "katex/katex.min.css", "hljs/github.min.css", "deck.css",
].map((p) => `assets/${p}`);
export const scripts = [
  "reveal/reveal.js", "reveal/plugin/notes/notes.js", "vega/vega.min.js", "vega/vega-lite.min.js", "vega/vega-embed.min.js", "deck.js",
].map((p) => `assets/${p}`);

const sourceOf = (pkg: string | null, from: string) => (pkg === null ? join(__dirname, from) : join(packageRoot(pkg), from));

/** Copies all assets into `<outDir>/assets`. */
export function copyAssets(outDir: string): void {
  for (const [pkg, from, to] of copies) {
    const target = join(outDir, "assets", to);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(sourceOf(pkg, from), target, { recursive: true });
  }
}

/** The files copyAssets writes, relative to the output folder with "/" separators. */
export function assetFiles(): string[] {
  return copies.flatMap(([pkg, from, to]) => {
    const source = sourceOf(pkg, from);
    if (!statSync(source).isDirectory()) return [`assets/${to}`];
    return readdirSync(source, { recursive: true, withFileTypes: true })
      .filter((e) => !e.isDirectory())
      .map((e) => `assets/${to}/${relative(source, join(e.parentPath, e.name)).split(sep).join("/")}`);
  });
}
