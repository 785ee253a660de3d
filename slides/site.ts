// The course site: one static folder, deployable as-is on any web host or opened from file://,
// offline:
//   index.html                  the notebooks, each with its page, its deck and its .ipynb
//   notebooks/<name>.html       the executed notebook, read-only (site-page.ts)
//   notebooks/<name>.ipynb      the notebook itself, to download
//   decks/                      the reveal.js decks and the shared offline assets (npm run slides)
//   assets/site.css, site.js    the pages' own style and chart embedding
// Built in a staging folder beside the output, which then replaces it in one rename; a folder
// that a site build did not make is refused (tools/output-folder.ts).
import { copyFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fail } from "@skip-and-drop/lib/checks";
import { checkOutputFolder, markOutputFolder } from "../tools/output-folder";
import { projectRoot } from "../tools/project";
import { readNotebookFile } from "../runner/nbformat";
import { buildDecks, deckName, replaceFolder } from "./build";
import { escapeHtml } from "./outputs";
import { notebookPage, type NotebookPage } from "./site-page";

export interface SiteOptions {
  notebooks: string[];
  outDir: string;
  log?: (line: string) => void;
}

/** A path as a reader of the project types it (relative to the project root when inside it). */
function projectPath(path: string): string {
  const rel = relative(projectRoot, resolve(path));
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : resolve(path);
}

export function siteIndexHtml(pages: readonly NotebookPage[]): string {
  const items = pages
    .map(({ name, title }) => {
      const n = escapeHtml(name);
      return `<li><a href="notebooks/${n}.html">${escapeHtml(title)}</a> <small>(${n})</small><br>
<a href="decks/${n}.html">slides</a> · <a href="notebooks/${n}.ipynb" download>${n}.ipynb</a></li>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Course notebooks and slides</title>
<link rel="stylesheet" href="assets/site.css">
</head>
<body>
<h1>Course notebooks and slides</h1>
<p>Each notebook as a page to read (every cell, its outputs and interactive charts), its lecture slides, and the notebook file to run in JupyterLab.</p>
${pages.length ? `<ul class="course">\n${items}\n</ul>` : "<p>No notebooks found.</p>"}
<p><a href="decks/index.html">All slide decks</a>. In a deck, press <kbd>S</kbd> for the speaker view, <kbd>Esc</kbd> for the overview.</p>
</body>
</html>
`;
}

/** Builds the site into `outDir`; returns the pages built. A failed build leaves `outDir` as it was. */
export async function buildSite({ notebooks, outDir: out, log = () => {} }: SiteOptions): Promise<NotebookPage[]> {
  const outDir = resolve(out);
  checkOutputFolder(outDir);
  const read = notebooks.map((path) => ({ path, name: deckName(path), nb: readNotebookFile(path) }));
  const names = read.map((r) => r.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) fail("notebooks", notebooks.join(" "), `notebooks with different file names (two are named ${twice}.ipynb)`);
  // Rendered before anything is written, so a notebook the renderer refuses changes nothing.
  const pages = read.map(({ path, name, nb }) => notebookPage(nb, name, projectPath(path)));
  mkdirSync(dirname(outDir), { recursive: true });
  const staging = mkdtempSync(join(dirname(outDir), `.${basename(outDir)}-staging-`));
  chmodSync(staging, 0o755);
  try {
    await buildDecks({ notebooks, outDir: join(staging, "decks"), log });
    mkdirSync(join(staging, "notebooks"));
    for (const [i, page] of pages.entries()) {
      writeFileSync(join(staging, "notebooks", `${page.name}.html`), page.html);
      copyFileSync(read[i].path, join(staging, "notebooks", `${page.name}.ipynb`));
      log(`page notebooks/${page.name}.html from ${read[i].path}`);
    }
    mkdirSync(join(staging, "assets"));
    for (const file of ["site.css", "site.js"]) copyFileSync(join(__dirname, "client", file), join(staging, "assets", file));
    writeFileSync(join(staging, "index.html"), siteIndexHtml(pages));
    markOutputFolder(staging, "npm run site");
    replaceFolder(staging, outDir);
    return pages;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
