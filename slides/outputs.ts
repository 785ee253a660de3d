// A code cell's outputs on a slide. Only allow-listed MIME types are shown, each through its
// own validator; a display shows the richest representation that passes: a vega-lite spec
// (embedded live with the deck's chart theme, its static fallback and print image drawn from
// the same themed spec at build time; a spec that cannot be drawn goes to the next
// representation), then HTML, SVG, PNG/JPEG/GIF, and last the plain-text representation.
// Data that fails its validator (a spec that is not a plain object or names a URL, an image
// that is not strict base64 of that format, markup that is not a string) is skipped for the
// next representation.
import { PROGRESS_METADATA, VEGA_LITE_MIME } from "@skip-and-drop/lib/mime";
import type * as Render from "@skip-and-drop/lib/render";
import type { Output } from "../runner/nbformat";
import { safeSpec } from "./chart-spec";
import { chartText } from "./chart-text";
import { deckSpec, SLIDE_CHART } from "./chart-theme";
import { rasterDataUri, rasterTypes } from "./images";
import { escapeHtml } from "./html";
import { sanitizeMarkup, sanitizeSvg } from "./sanitize";
import { wrappableLines } from "./text-lines";

export { escapeHtml } from "./html";

// Kernels colour tracebacks and progress lines with ANSI escapes; a slide shows plain text.
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");

const pre = (kind: string, text: string) => `<pre class="output ${kind}">${wrappableLines(escapeHtml(stripAnsi(String(text))))}</pre>`;

/** JSON inside <script type="application/json">: `<` escaped so no `</script>` can close it. */
export function jsonScript(className: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `<script type="application/json" class="${className}">${json}</script>`;
}

/** What a slide decides about its outputs: the height its charts get (slide pixels). */
export interface OutputOptions {
  chartHeight?: number;
}

// vega and resvg load only when a deck has a chart (about 0.3 s), not when a command starts.
let render: typeof Render | undefined;

/**
 * The themed chart drawn headless, loading nothing (a notebook's spec is untrusted) and
 * labelled for screen readers, or undefined when vega cannot draw it. A notebook stores no
 * SVG; one it carries is ignored.
 */
function staticSvg(spec: Record<string, unknown>): string | undefined {
  render ??= require("@skip-and-drop/lib/render") as typeof Render;
  let svg: string;
  try {
    svg = render.renderSvg(laidOutAgain(render, spec), { offline: true });
  } catch {
    return undefined;
  }
  const label = typeof spec.description === "string" ? ` role="img" aria-label="${escapeHtml(spec.description)}"` : "";
  return sanitizeSvg(svg.replace(/^<svg\b/, `<svg${label}`));
}

/**
 * A chart sized to fit (autosize "fit") laid out again at the plot height its one layout
 * chose, its drawing as tall as all it holds above and below the plot. vega lays such a
 * chart out once at the size given for the whole chart, shrinks the plot, and does not
 * measure the smaller plot, whose labels may then reach past the drawing's top or bottom (the
 * live deck lays it out again instead, deck.js). Its width still fits the slide: headless
 * vega estimates text widths, wider than a browser draws them.
 */
function laidOutAgain(renderer: typeof Render, spec: Record<string, unknown>): Record<string, unknown> {
  const autosize = spec.autosize as { type?: string } | undefined;
  if (autosize?.type !== "fit") return spec;
  const view = renderer.chartView(spec, { offline: true }).run();
  return { ...spec, height: view.height(), autosize: { ...autosize, type: "fit-x" } };
}

/**
 * A chart: the deck-themed spec (embedded live), the SVG drawn from that same spec at build
 * time (shown without scripts and in print), and the chart as text behind a toggle.
 */
function chart(spec: Record<string, unknown>, options: OutputOptions): string | undefined {
  const themed = deckSpec(spec, { height: options.chartHeight });
  const svg = staticSvg(themed);
  if (svg === undefined) return undefined;
  const text = `<details class="chart-text"><summary>Chart data</summary><div class="chart-text-body">${chartText(themed)}</div></details>`;
  const bounds = themed.autosize && (themed.autosize as { type?: string }).type === "fit" ? ` data-min-height="${SLIDE_CHART.minHeight}" data-max-height="${SLIDE_CHART.maxHeight}"` : "";
  // A live deck themes a recomputed spec again for the same room (live/client.ts).
  const room = options.chartHeight === undefined ? "" : ` data-chart-height="${options.chartHeight}"`;
  return `<div class="chart"${bounds}${room}>${jsonScript("chart-spec", themed)}<div class="chart-live"></div><div class="chart-static">${svg}</div>${text}</div>`;
}

const asText = (value: unknown) => (typeof value === "string" ? value : undefined);

/** Each MIME type the deck shows, richest first, with the validator that turns its data into slide HTML. */
const renderers: [mime: string, render: (value: unknown, options: OutputOptions) => string | undefined][] = [
  [VEGA_LITE_MIME, (value, options) => {
    const spec = safeSpec(value);
    return spec && chart(spec, options);
  }],
  ["text/html", (value) => {
    const html = asText(value);
    return html === undefined ? undefined : `<div class="output html">${sanitizeMarkup(html)}</div>`;
  }],
  ["image/svg+xml", (value) => {
    const svg = asText(value);
    return svg === undefined ? undefined : `<div class="output svg">${sanitizeSvg(svg)}</div>`;
  }],
  ...rasterTypes.map((mime): [string, (value: unknown) => string | undefined] => [mime, (value) => {
    const uri = rasterDataUri(mime, value);
    return uri && `<img class="output image" alt="" src="${uri}">`;
  }]),
  ["text/plain", (value) => {
    const text = asText(value);
    return text === undefined ? undefined : pre("result", text);
  }],
];

function display(data: Record<string, unknown>, options: OutputOptions): string {
  for (const [mime, render] of renderers) {
    if (!Object.hasOwn(data, mime)) continue;
    const html = render(data[mime], options);
    if (html !== undefined) return html;
  }
  return "";
}

export function renderOutput(output: Output, options: OutputOptions = {}): string {
  switch (output.output_type) {
    case "stream":
      return pre(output.name === "stderr" ? "stderr" : "stdout", output.text);
    case "error":
      return pre("error", `${String(output.ename)}: ${String(output.evalue)}`);
    default:
      return display(output.data ?? {}, options);
  }
}

/**
 * The outputs a slide shows: all but progress displays, which say how long a loop took on the
 * machine that ran it that day, not what the cell computed (the freshness check skips them too).
 */
export function slideOutputs(outputs: readonly Output[]): Output[] {
  return outputs.filter((o) => o.output_type === "stream" || o.output_type === "error" || o.metadata?.[PROGRESS_METADATA] === undefined);
}

/** A cell's outputs on its slide; consecutive stream chunks of one stream are merged as Jupyter shows them. */
export function renderOutputs(outputs: readonly Output[], options: OutputOptions = {}): string {
  const merged: Output[] = [];
  for (const output of slideOutputs(outputs)) {
    const last = merged[merged.length - 1];
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
      merged[merged.length - 1] = { ...last, text: last.text + output.text };
    } else merged.push(output);
  }
  return merged.map((output) => renderOutput(output, options)).join("\n");
}
