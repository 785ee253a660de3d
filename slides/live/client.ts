// The page side of a live deck. Parameters come from the URL (?depth=60&seed=3) and from the
// panel, are checked by the runner's own code (same messages as `npm run execute -- --set`),
// and the notebook's program re-runs in a worker made from a Blob (decks opened from file://
// may not load worker files). After a change only the cells whose outputs depend on a changed
// parameter run, with the cells they need, soonest-ready first (schedule.ts); values from the
// URL recompute every output. Each chart a cell shows replaces that cell's chart on its slide,
// each printed line that cell's printed output. A newer change terminates the running worker.
//
// Page interface (README): window.deckCharts() lists { cellId, spec } for every chart in slide
// order; <html data-deck-state> is "computing" while charts are recomputed and "ready" once
// every chart reflects the current parameters.
import { checkedLiteral, knownParameter, type Parameter } from "../../runner/parameter-values";
import { safeSpec } from "../chart-spec";
import { chartText } from "../chart-text";
import { deckSpec } from "../chart-theme";
import { escapeHtml } from "../html";
import { wrappableLines } from "../text-lines";
import { computedForText, literalText, reproduceCommand } from "./command";
import type { DependencyGraph } from "./dependencies";
import { planPass } from "./schedule";
import type { RunRequest, WorkerMessage } from "./worker";

interface Schema {
  /** The notebook as `npm run execute` names it, e.g. notebooks/01-residual-connections.ipynb */
  notebook: string;
  parameters: Parameter[];
  /** Literals of the parameters the committed charts were computed for. */
  values: Record<string, string>;
  dependencies: DependencyGraph;
}

interface DeckWindow extends Window {
  deckCharts?: () => { cellId: string; spec: unknown }[];
  deckRedraw?: (chart: Element) => Promise<void>;
}
const page = window as DeckWindow;
const root = document.documentElement;

const schema = JSON.parse(document.getElementById("live-schema")?.textContent ?? "null") as Schema | null;
const programText = document.getElementById("live-program")?.textContent ?? "";

/** Charts in slide (document) order, each with the cell that drew it. */
page.deckCharts = () =>
  Array.from(document.querySelectorAll(".cell.code[data-cell-id] .chart")).map((chart) => ({
    cellId: (chart.closest("[data-cell-id]") as HTMLElement).dataset.cellId ?? "",
    spec: JSON.parse(chart.querySelector("script.chart-spec")?.textContent ?? "null") as unknown,
  }));

const setState = (state: "computing" | "ready" | "failed") => (root.dataset.deckState = state);

const command = (values: Record<string, string>) => reproduceCommand(schema!.notebook, schema!.parameters, values);

/** Values as typed (URL or form) checked against the schema; messages are the runner's. */
function check(raw: [string, string][]): { values: Record<string, string>; errors: string[] } {
  const values: Record<string, string> = { ...schema!.values };
  const errors: string[] = [];
  for (const [name, text] of raw) {
    try {
      values[name] = checkedLiteral(knownParameter(schema!.parameters, name), text);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { values, errors };
}

/** Query parameters that reveal.js itself reads (print view, speaker view, scroll view). */
const REVEAL_QUERY = new Set(["print-pdf", "showNotes", "receiver", "postMessage", "postMessageEvents", "view", "embedded"]);

// ---- the panel and the status line -------------------------------------------------------

const form = document.querySelector<HTMLFormElement>("form.live-panel");
const messageBox = document.querySelector<HTMLElement>(".live-message");
const status = document.querySelector<HTMLElement>(".live-status-text");
const progress = document.querySelector<HTMLProgressElement>(".live-progress");

function say(lines: string[], kind: "error" | "info" = "error") {
  if (!messageBox) return;
  messageBox.textContent = lines.join("\n");
  messageBox.dataset.kind = kind;
  messageBox.hidden = lines.length === 0;
}

function showValues(values: Record<string, string>) {
  if (status) {
    status.textContent = computedForText(schema!.parameters, values);
    status.title = command(values);
    const reproduce = document.querySelector(".live-command");
    if (reproduce) reproduce.textContent = command(values);
  }
  for (const p of schema!.parameters) {
    const input = form?.elements.namedItem(p.name) as HTMLInputElement | HTMLSelectElement | null;
    if (input) input.value = literalText(values[p.name] ?? p.value);
  }
}

// ---- running the program -----------------------------------------------------------------

let worker: Worker | undefined;
let workerUrl: string | undefined;
/**
 * A worker that has already parsed the program, so the next change starts computing at once.
 * It is made once the running pass has drawn its first chart (or ended): parsing it earlier
 * would take a core from the pass's quickest charts.
 */
let spare: Worker | undefined;
/**
 * The worker of the last pass that ran to its end: its engine has compiled the library's hot
 * code, which a new worker would first interpret (several times slower). A pass keeps nothing
 * else: the program's names live in one call of its run function.
 */
let idle: Worker | undefined;

function freshWorker(): Worker {
  workerUrl ??= URL.createObjectURL(new Blob([programText], { type: "text/javascript" }));
  const next = idle ?? spare ?? new Worker(workerUrl);
  if (next === idle) idle = undefined;
  else if (next === spare) spare = undefined;
  return next;
}

function prepareSpare() {
  if (workerUrl) spare ??= new Worker(workerUrl);
}
let current: Record<string, string> = {};
/** Cells whose outputs the deck shows (a chart or printed text), in slide order. */
const targets = [
  ...new Set(
    Array.from(document.querySelectorAll<HTMLElement>(".cell.code[data-cell-id]"))
      .filter((cell) => cell.querySelector(".chart, pre.output.stdout"))
      .map((cell) => cell.dataset.cellId!),
  ),
];
/** Targets with a chart: they go before those with printed text only. */
const chartCells = new Set(targets.filter((id) => charts(id).length > 0));
/** Per target, the values its outputs on screen were computed for; absent while unknown. */
const shown = new Map<string, Record<string, string>>();
/** ms each cell took when it last ran, to put the quickest charts first. */
const cost = new Map<string, number>();

function charts(cellId: string): HTMLElement[] {
  const cell = document.querySelector(`.cell.code[data-cell-id="${CSS.escape(cellId)}"]`);
  return cell ? Array.from(cell.querySelectorAll<HTMLElement>(".chart")) : [];
}

/**
 * Puts a recomputed spec where the cell's chart is: checked as the build checks a notebook's
 * spec (chart-spec.ts), themed for the same room on the slide (chart-theme.ts), with its text
 * alternative redone. A spec the build would refuse leaves the chart as it was.
 */
function replaceChart(chart: HTMLElement, raw: unknown): boolean {
  const script = chart.querySelector("script.chart-spec");
  const spec = safeSpec(raw);
  if (!script || !spec) return false;
  const room = chart.dataset.chartHeight;
  const themed = deckSpec(spec, { height: room === undefined ? undefined : Number(room) });
  script.textContent = JSON.stringify(themed);
  const text = chart.querySelector(".chart-text-body");
  if (text) text.innerHTML = chartText(themed);
  chart.querySelector(".chart-static")?.remove();
  const live = chart.querySelector(".chart-live");
  if (live) live.replaceChildren();
  void page.deckRedraw?.(chart);
  return true;
}

function replacePrinted(cellId: string, text: string) {
  const cell = document.querySelector(`.cell.code[data-cell-id="${CSS.escape(cellId)}"]`);
  const printed = cell?.querySelector("pre.output.stdout");
  if (printed) printed.innerHTML = wrappableLines(escapeHtml(text));
}

/** Recomputes the outputs that `values` change (every output when `all`). */
function run(values: Record<string, string>, all: boolean) {
  worker?.terminate();
  setState("computing");
  if (all) shown.clear();
  const pass = planPass({ graph: schema!.dependencies, targets, first: chartCells, values, shown, cost });
  const { order } = pass;
  // a target run only because a stale one needs its cells draws what is on screen already
  const stale = new Set(pass.stale);
  if (progress) {
    progress.hidden = false;
    progress.value = 0;
  }
  const running = freshWorker();
  worker = running;
  const drawn = new Map<string, number>();
  const printed = new Map<string, string>();
  const refused: string[] = [];
  const at = (cell: string) => Math.max(order.indexOf(cell), 0) / Math.max(order.length, 1);
  running.onmessage = (event: MessageEvent<WorkerMessage>) => {
    if (running !== worker) return;
    const message = event.data;
    if (message.type === "cell") {
      if (progress) progress.value = Math.max(progress.value, at(message.cell));
    } else if (message.type === "ran") {
      cost.set(message.cell, message.ms);
      if (printed.has(message.cell)) replacePrinted(message.cell, printed.get(message.cell)!);
      if (targets.includes(message.cell)) shown.set(message.cell, values);
    } else if (message.type === "chart") {
      prepareSpare();
      if (!stale.has(message.cell)) return;
      shown.delete(message.cell);
      const k = drawn.get(message.cell) ?? 0;
      drawn.set(message.cell, k + 1);
      const chart = charts(message.cell)[k];
      if (chart && !replaceChart(chart, message.spec)) refused.push(`cell ${message.cell}, chart ${k + 1}: the recomputed spec is not one the deck draws`);
    } else if (message.type === "progress") {
      if (progress) progress.value = at(message.cell) + message.done / Math.max(message.total, 1) / Math.max(order.length, 1);
      if (status) status.textContent = `Computing: ${message.label}, ${Math.floor((100 * message.done) / Math.max(message.total, 1))} %`;
    } else if (message.type === "stdout") {
      if (!stale.has(message.cell)) return;
      shown.delete(message.cell);
      printed.set(message.cell, (printed.get(message.cell) ?? "") + message.text);
    } else if (message.type === "done") {
      // the targets the pass left alone do not depend on what changed
      for (const t of targets) shown.set(t, values);
      current = values;
      showValues(values);
      say(refused);
      finish(running, "ready");
    } else {
      say([message.message]);
      showValues(current);
      finish(running, "failed");
    }
  };
  const request: RunRequest = { params: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, JSON.parse(v) as unknown])), order };
  running.postMessage(request);
}

function finish(running: Worker, state: "ready" | "failed") {
  running.onmessage = null;
  if (state === "ready") idle = running;
  else running.terminate();
  prepareSpare();
  if (worker === running) worker = undefined;
  if (progress) progress.hidden = true;
  setState(state);
}

/**
 * Applies parameters as typed; invalid ones are reported and nothing is recomputed. Values
 * from the URL always run (the charts then come from this page); the panel skips a run when
 * nothing changed.
 */
function apply(raw: [string, string][], fromPanel: boolean) {
  const { values, errors } = check(raw);
  if (errors.length > 0) {
    say(errors);
    return;
  }
  say([]);
  if (fromPanel) {
    const query = new URLSearchParams(schema!.parameters.filter((p) => values[p.name] !== p.value).map((p) => [p.name, literalText(values[p.name])]));
    const search = query.toString();
    history.replaceState(null, "", `${location.pathname}${search ? `?${search}` : ""}${location.hash}`);
  }
  const same = schema!.parameters.every((p) => (values[p.name] ?? p.value) === (current[p.name] ?? p.value));
  if (fromPanel && same && root.dataset.deckState === "ready") return;
  run(values, !fromPanel);
}

/** The hint of the field in focus (the parameters cell's comment: meaning and valid range). */
form?.addEventListener("focusin", (event) => {
  const hint = document.querySelector(".live-hint");
  if (hint) hint.textContent = (event.target as HTMLElement).dataset.hint ?? "";
});

if (schema) {
  current = { ...schema.values };
  for (const t of targets) shown.set(t, schema.values);
  showValues(current);
  form?.addEventListener("submit", (event) => {
    event.preventDefault();
    const raw = schema.parameters.map((p) => {
      const input = form.elements.namedItem(p.name) as HTMLInputElement | HTMLSelectElement;
      return [p.name, input.value] as [string, string];
    });
    apply(raw, true);
  });
  const fromUrl = [...new URLSearchParams(location.search)].filter(([name]) => !REVEAL_QUERY.has(name));
  setState("ready");
  // A printed handout shows the committed charts, computed by the notebook itself.
  const printing = new URLSearchParams(location.search).has("print-pdf");
  if (fromUrl.length > 0 && !printing) apply(fromUrl, false);
} else {
  setState("ready");
}
