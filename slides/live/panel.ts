// What a live deck adds to its page: a slide with the parameter panel (one field per knob of
// the parameters cell: a menu for a literal union, a text field otherwise, each with the
// cell's own comment as its hint), a status line on every slide saying which parameters the
// charts on screen were computed for and the command that reproduces them, and the scripts.
// Without JavaScript the panel slide still lists the values and the command.
import { hasTag, type Notebook } from "../../runner/nbformat";
import { parseParameters, type Parameter } from "../../runner/parameter-values";
import { escapeHtml, jsonScript } from "../outputs";
import { clientBundle, workerCode } from "./bundle";
import { computedForText, literalText, reproduceCommand } from "./command";
import { liveProgram, NotLive, type LiveProgram } from "./program";


/** The parameters' comments (`const depth = 30; // layers: integer 1..200`), by name. */
function hints(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of source.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)[^/]*\/\/\s*(.+)$/.exec(line);
    if (match) found.set(match[1], match[2].trim());
  }
  return found;
}

/** The literals the notebook's outputs were computed for: its own values, then an injected cell's. */
function computedFor(nb: Notebook, parameters: Parameter[]): Record<string, string> {
  const values = Object.fromEntries(parameters.map((p) => [p.name, p.value]));
  const injected = nb.cells.find((c) => c.cell_type === "code" && hasTag(c, "injected-parameters"));
  for (const p of injected ? parseParameters(injected.source) : []) if (p.name in values) values[p.name] = p.value;
  return values;
}


function field(p: Parameter, value: string, hint: string | undefined): string {
  const id = `live-${p.name}`;
  const members = p.annotation.split("|").map((m) => m.trim());
  const union = p.annotation !== "" && members.every((m) => /^(["']).*\1$|^[-+.\d]/.test(m));
  const shown = literalText(value);
  const input = union
    ? `<select id="${id}" name="${escapeHtml(p.name)}">${members
        .map((m) => literalText(m.replace(/^'(.*)'$/, '"$1"')))
        .map((m) => `<option${m === shown ? " selected" : ""}>${escapeHtml(m)}</option>`)
        .join("")}</select>`
    : `<input id="${id}" name="${escapeHtml(p.name)}" value="${escapeHtml(shown)}" spellcheck="false" autocomplete="off">`;
  const help = hint ? ` data-hint="${escapeHtml(hint)}" title="${escapeHtml(hint)}"` : "";
  return `<label for="${id}"${help}><code>${escapeHtml(p.name)}</code></label>${input.replace(/^<(select|input) /, `<$1${help} `)}`;
}

// Sized in em like the rest of a slide (the panel) or in px (the status line outside the slides,
// 18 px to be read from the back of a lecture hall, in a strip of its own under the slides:
// reveal scales the slides to the room above it, so no slide's last line is covered).
const STYLE = `
.live-panel { display: grid; grid-template-columns: repeat(2, max-content minmax(6em, 9em)); gap: 0.35em 0.8em; align-items: center; font-size: 0.7em; }
.live-panel code { font-size: 1em; }
.live-panel input, .live-panel select { font: inherit; padding: 0.1em 0.3em; width: 100%; box-sizing: border-box; }
.live-panel button { grid-column: 1 / -1; justify-self: start; font: inherit; padding: 0.2em 0.8em; cursor: pointer; }
.live-hint { font-size: 0.6em; color: #333; min-height: 1.3em; }
.live-message[hidden] { display: none; }
.live-reproduce { font-size: 0.6em; }
.live-message { font-size: 0.6em; white-space: pre-wrap; color: #8a0014; background: #fdecee; padding: 0.4em 0.6em; box-shadow: none; }
.reveal { height: calc(100% - 30px); }
.live-status { position: fixed; left: 8px; bottom: 2px; z-index: 30; max-width: calc(100vw - 200px); font: 18px/1.3 sans-serif;
  color: #222; background: rgba(255, 255, 255, 0.92); padding: 2px 8px; border-radius: 4px; display: flex; gap: 8px; align-items: center; }
.live-status a { color: #0645ad; text-decoration: none; white-space: nowrap; }
.live-status-text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.live-progress { width: 90px; }
@media print { .live-status, .live-panel button, .live-hint { display: none; } }
`;

export interface LiveParts {
  /** The panel's slide, the deck's last (the ⚙ link on every slide leads to it). */
  slide: string;
  /** Status line and scripts, at the end of the page body. */
  tail: string;
}

/**
 * The live parts of a deck; undefined for a notebook without a parameters cell or whose code
 * cannot run in a live deck (program.ts says which), whose deck then shows its committed charts.
 */
export function liveParts(nb: Notebook, name: string, notebookPath: string): LiveParts | undefined {
  let program: LiveProgram | undefined;
  try {
    program = liveProgram(nb);
  } catch (error) {
    if (error instanceof NotLive) return undefined;
    throw error;
  }
  if (!program || program.parameters.length === 0) return undefined;
  const cell = nb.cells.find((c) => c.cell_type === "code" && hasTag(c, "parameters"));
  const notes = hints(cell?.source ?? "");
  const values = computedFor(nb, program.parameters);
  const fields = program.parameters.map((p) => field(p, values[p.name], notes.get(p.name))).join("\n");
  const slide = `<section id="parameters" class="live-panel-slide">
<h2>Parameters</h2>
<form class="live-panel">
${fields}
<button type="submit">Recompute</button>
</form>
<p class="live-hint" aria-live="polite"></p>
<p class="live-reproduce">In a copy of the notebook: <code class="live-command">${escapeHtml(reproduceCommand(notebookPath, program.parameters, values))}</code></p>
<pre class="live-message" role="alert" hidden></pre>
<noscript><p>The charts of this deck were computed for the values shown.</p></noscript>
</section>`;
  const schema = { notebook: notebookPath, parameters: program.parameters, values, dependencies: program.dependencies };
  const tail = `<style>${STYLE}</style>
<div class="live-status" aria-live="polite"><a class="live-open" href="#/parameters" title="Change the parameters">⚙ parameters</a><progress class="live-progress" max="1" hidden></progress><span class="live-status-text" title="${escapeHtml(reproduceCommand(notebookPath, program.parameters, values))}">${escapeHtml(computedForText(program.parameters, values))}</span></div>
${jsonScript("live-schema", schema).replace('class="live-schema"', 'id="live-schema"')}
<script type="text/plain" id="live-program">${workerCode(program.code)}</script>
<script>${clientBundle()}</script>`;
  return { slide, tail };
}
