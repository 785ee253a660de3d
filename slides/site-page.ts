// A notebook as a read-only web page for the course site: every cell in order, rendered by the
// deck's own cell renderer (markdown and math typeset at build time, code highlighted,
// outputs through the same allow-lists), with a link to the .ipynb, to its deck, and the
// `npm run execute` line that reproduces the outputs. Charts are embedded live by
// client/site.js; without JavaScript their stored SVG shows.
import { cellName } from "../runner/cell-label";
import { hasTag, type Cell, type Notebook } from "../runner/nbformat";
import { declaredParameters, parseParameters } from "../runner/parameters";
import { highlightCode, renderCell, type CellContext } from "./cells";
import { titleOf } from "./markdown";
import { escapeHtml, renderOutputs } from "./outputs";


/** A shell word: kept as typed when it is plain, otherwise single-quoted. */
const shellWord = (word: string) => (/^[\w.,+\-=:/@%]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** A parameter's literal as `--set` takes it: strings without their quotes, lists as 1,2,3. */
function setValue(literal: string): string {
  const quoted = /^(["'`])(.*)\1$/s.exec(literal);
  if (quoted) return quoted[2];
  if (literal.startsWith("[")) return literal.replace(/[[\]\s]/g, "");
  return literal;
}

/**
 * The command that re-executes the notebook with the parameters its outputs were computed
 * with: the `parameters` cell's values, overridden by an `injected-parameters` cell if the
 * notebook was last run with `--set`.
 */
export function reproduceCommand(nb: Notebook, notebookPath: string): string {
  const values = new Map(declaredParameters(nb).map((p) => [p.name, p.value]));
  for (const cell of nb.cells.filter((c) => c.cell_type === "code" && hasTag(c, "injected-parameters"))) {
    for (const p of parseParameters(cell.source)) if (values.has(p.name)) values.set(p.name, p.value);
  }
  const sets = [...values].map(([name, value]) => `--set ${shellWord(`${name}=${setValue(value)}`)}`);
  return ["npm run execute --", ...sets, shellWord(notebookPath)].join(" ");
}

/** One cell: markdown and raw cells as the deck renders them, code cells with input and outputs. */
function cellHtml(cell: Cell, ctx: CellContext): string {
  const anchor = `cell-${ctx.index + 1}`;
  if (cell.cell_type !== "code") return `<div class="nb-cell" id="${anchor}">${renderCell(cell, ctx)}</div>`;
  const count = cell.execution_count ?? " ";
  const code = cell.source.trim() === "" ? "" : highlightCode(cell.source);
  // Code the notebook hides on slides stays one click away on its page.
  const input = code && hasTag(cell, "hide-input") ? `<details class="hidden-input"><summary>code</summary>${code}</details>` : code;
  const outputs = renderOutputs(cell.outputs ?? []);
  return `<div class="nb-cell code" id="${anchor}">
<div class="prompt" title="${escapeHtml(cellName(ctx.index))}">[${escapeHtml(String(count))}]</div>
<div class="body">${input}${outputs ? `\n<div class="outputs">${outputs}</div>` : ""}</div>
</div>`;
}

export interface NotebookPage {
  /** Notebook file name without extension. */
  name: string;
  /** The page title: the notebook's first heading, plain. */
  title: string;
  html: string;
}

/**
 * The page for `nb`, placed in `<site>/notebooks/` beside its .ipynb (`<name>.ipynb`), with
 * the deck at `../decks/<name>.html` and the shared assets under `../decks/assets/`.
 */
export function notebookPage(nb: Notebook, name: string, notebookPath: string): NotebookPage {
  const macros: Record<string, string> = {};
  const cells = nb.cells.map((cell, index) => cellHtml(cell, { notebook: name, index, macros }));
  const heading = nb.cells.map((c) => (c.cell_type === "markdown" ? titleOf(c.source) : undefined)).find(Boolean);
  const title = heading ? heading.title.replace(/[$`*_\\]/g, "") : name;
  const command = reproduceCommand(nb, notebookPath);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="../decks/assets/katex/katex.min.css">
<link rel="stylesheet" href="../decks/assets/hljs/github.min.css">
<link rel="stylesheet" href="../assets/site.css">
</head>
<body>
<nav class="site-nav">
<a href="../index.html">Course index</a> ·
<a href="../decks/${escapeHtml(name)}.html">Slides</a> ·
<a href="${escapeHtml(name)}.ipynb" download>Download ${escapeHtml(name)}.ipynb</a>
</nav>
<aside class="reproduce">
<p>A read-only copy of the executed notebook. To change the parameters and run it yourself, in a clone of the course:</p>
<pre class="command"><code>${escapeHtml(command)}</code></pre>
</aside>
<main class="notebook">
${cells.join("\n")}
</main>
<script src="../decks/assets/vega/vega.min.js"></script>
<script src="../decks/assets/vega/vega-lite.min.js"></script>
<script src="../decks/assets/vega/vega-embed.min.js"></script>
<script src="../assets/site.js"></script>
</body>
</html>
`;
  return { name, title, html };
}
