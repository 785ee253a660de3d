// A code cell's outputs on a slide. Each display picks the richest MIME type the deck can
// show: a vega-lite spec (embedded live, with an SVG drawn from the same spec at build time
// as its static fallback and print image), then HTML, SVG, PNG/JPEG, and last plain text.
import { VEGA_LITE_MIME } from "@skip-and-drop/lib/mime";
import type * as Render from "@skip-and-drop/lib/render";
import type { Output } from "../runner/nbformat";
import { sanitizeMarkup, sanitizeSvg } from "./sanitize";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Kernels colour tracebacks and progress lines with ANSI escapes; a slide shows plain text.
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");

const pre = (kind: string, text: string) => `<pre class="output ${kind}">${escapeHtml(stripAnsi(text))}</pre>`;

/** JSON inside <script type="application/json">: `<` escaped so no `</script>` can close it. */
export function jsonScript(className: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `<script type="application/json" class="${className}">${json}</script>`;
}

// vega and resvg load only when a deck has a chart (about 0.3 s), not when a command starts.
let render: typeof Render | undefined;

/**
 * The chart drawn headless from its spec, loading nothing (a notebook's spec is untrusted:
 * URL data stays unloaded). The notebook stores no SVG; one it carries anyway is ignored.
 */
function staticSvg(spec: unknown): string {
  render ??= require("@skip-and-drop/lib/render") as typeof Render;
  return render.renderSvg(spec as object, { offline: true });
}

function chart(spec: unknown): string {
  const fallback = `<div class="chart-static">${sanitizeSvg(staticSvg(spec))}</div>`;
  return `<div class="chart">${jsonScript("chart-spec", spec)}<div class="chart-live"></div>${fallback}</div>`;
}

function display(data: Record<string, unknown>): string {
  const text = (mime: string) => String(data[mime] ?? "");
  if (VEGA_LITE_MIME in data) return chart(data[VEGA_LITE_MIME]);
  if ("text/html" in data) return `<div class="output html">${sanitizeMarkup(text("text/html"))}</div>`;
  if ("image/svg+xml" in data) return `<div class="output svg">${sanitizeSvg(text("image/svg+xml"))}</div>`;
  for (const mime of ["image/png", "image/jpeg", "image/gif"]) {
    if (mime in data) return `<img class="output image" alt="" src="data:${mime};base64,${text(mime).replace(/\s+/g, "")}">`;
  }
  if ("text/plain" in data) return pre("result", text("text/plain"));
  return "";
}

export function renderOutput(output: Output): string {
  switch (output.output_type) {
    case "stream":
      return pre(output.name === "stderr" ? "stderr" : "stdout", output.text);
    case "error":
      return pre("error", `${output.ename}: ${output.evalue}`);
    default:
      return display(output.data ?? {});
  }
}

/** All outputs of a cell; consecutive stream chunks of one stream are merged as Jupyter shows them. */
export function renderOutputs(outputs: readonly Output[]): string {
  const merged: Output[] = [];
  for (const output of outputs) {
    const last = merged[merged.length - 1];
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
      merged[merged.length - 1] = { ...last, text: last.text + output.text };
    } else merged.push(output);
  }
  return merged.map(renderOutput).join("\n");
}
