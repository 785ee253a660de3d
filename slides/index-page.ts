// The page that lists the decks of a build (and their PDF handouts once printed).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { escapeHtml } from "./outputs";

export interface DeckEntry {
  /** Notebook file name without extension. */
  name: string;
  title: string;
  /** The deck page, relative to the output folder. */
  file: string;
  /** The PDF handout, once `slides:pdf` has printed it. */
  pdf?: string;
  /** The handout with speaker notes, once `slides:pdf -- --notes` has printed it. */
  notesPdf?: string;
}

/** Every file of the output folder a deck entry names: its page and its handouts. */
export const deckFiles = (d: DeckEntry): (string | undefined)[] => [d.file, d.pdf, d.notesPdf];

export function indexHtml(decks: readonly DeckEntry[]): string {
  const items = decks
    .map((d) => {
      const pdf = (d.pdf ? ` · <a href="${escapeHtml(d.pdf)}">PDF handout</a>` : "") + (d.notesPdf ? ` · <a href="${escapeHtml(d.notesPdf)}">with speaker notes</a>` : "");
      return `<li><a href="${escapeHtml(d.file)}">${escapeHtml(d.title)}</a> <small>(${escapeHtml(d.name)})</small>${pdf}</li>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Slide decks</title>
<style>
body { font-family: "Source Sans Pro", "DejaVu Sans", sans-serif; max-width: 46em; margin: 3em auto; padding: 0 1em; line-height: 1.5; }
li { margin: 0.4em 0; font-size: 1.2em; }
small { color: #666; }
</style>
</head>
<body>
<h1>Slide decks</h1>
${decks.length ? `<ul>\n${items}\n</ul>` : "<p>No notebooks found.</p>"}
<p>Press <kbd>S</kbd> in a deck for the speaker view, <kbd>Esc</kbd> for the overview.</p>
<h2>Your own parameters</h2>
<p>A deck re-runs its notebook's experiments in the browser, offline, with the parameters you give it:
in its address (<code>01-residual-connections.html?depth=60&amp;activation=tanh&amp;seed=3</code>) or on its
<em>Parameters</em> slide (the <em>⚙ parameters</em> link at the bottom of every slide). The names, types and ranges are
those of the notebook's parameters cell; the line at the bottom says which parameters the charts on screen were
computed for, and the Parameters slide shows the <code>npm run execute -- --set … --out try-….ipynb</code> command that reproduces them in a copy of the notebook (yours stays as it is).</p>
</body>
</html>
`;
}

/** Writes the deck list (decks.json, read by slides:pdf and the next build) and index.html into `dir`. */
export function writeDeckList(dir: string, decks: readonly DeckEntry[]): void {
  writeFileSync(join(dir, "decks.json"), JSON.stringify(decks, null, 1) + "\n");
  writeFileSync(join(dir, "index.html"), indexHtml(decks));
}
