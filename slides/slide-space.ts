// How tall a slide's charts can be. At build time the deck estimates what the other cells of
// a slide take (headings, lines of prose, formulas, code and printed lines, in slide pixels
// at the sizes deck.css sets) and gives the charts the rest, shared equally, within
// SLIDE_CHART's bounds. The static SVG is drawn at that height; in the browser deck.js then
// measures the slide and resizes the live chart to the room actually left.
import { hasTag, type Cell, type Output } from "../runner/nbformat";
import { VEGA_LITE_MIME } from "@skip-and-drop/lib/mime";
import { SLIDE_CHART } from "./chart-theme";
import { slideOutputs } from "./outputs";

const SLIDE_HEIGHT = 700;
/** deck.css: body text 30 px × line-height 1.3; code and printed lines 17 px × 1.35. */
const LINE = 39;
const CODE_LINE = 23;
const CHARS_PER_LINE = 58;
/** A chart's slider row below its drawing. */
const SLIDER_ROW = 44;


function markdownHeight(source: string): number {
  let height = 0;
  const withoutMath = source.replace(/\$\$[\s\S]*?\$\$/g, () => {
    height += 80;
    return "";
  });
  // <details> bodies stay closed on the slide: only the summary line shows.
  const visible = withoutMath.replace(/<details>[\s\S]*?<summary>([\s\S]*?)<\/summary>[\s\S]*?<\/details>/g, "$1");
  for (const line of visible.split("\n")) {
    const text = line.trim();
    if (text === "") continue;
    if (/^#{1,2}\s/.test(text)) height += 62;
    else if (/^#{3,}\s/.test(text)) height += 50;
    else if (/^\|/.test(text)) height += /^\|[\s:|-]+\|$/.test(text) ? 0 : 32;
    else height += LINE * Math.ceil(text.replace(/\$[^$]*\$/g, "xxxx").length / CHARS_PER_LINE) + 6;
  }
  return height;
}

function textLines(text: string): number {
  return text.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1).length;
}

function outputHeight(output: Output): number {
  if (output.output_type === "stream") return Math.min(14, textLines(output.text)) * CODE_LINE + 12;
  if (output.output_type === "error") return CODE_LINE * 2;
  const data = output.data ?? {};
  if (VEGA_LITE_MIME in data) return 0;
  if ("image/svg+xml" in data || "image/png" in data) return 280;
  if ("text/plain" in data) return Math.min(14, textLines(String(data["text/plain"]))) * CODE_LINE + 12;
  return 0;
}

/** Charts a cell shows on its slide, and whether they carry a slider. */
function chartsOf(cell: Cell): { count: number; sliders: number } {
  if (cell.cell_type !== "code" || hasTag(cell, "hide-output")) return { count: 0, sliders: 0 };
  const specs = slideOutputs(cell.outputs ?? []).flatMap((o) => (o.output_type === "display_data" || o.output_type === "execute_result" ? [o.data?.[VEGA_LITE_MIME]] : [])).filter(Boolean);
  const sliders = specs.filter((s) => Array.isArray((s as { params?: unknown[] }).params) && (s as { params: { bind?: unknown }[] }).params.some((p) => p.bind)).length;
  return { count: specs.length, sliders };
}

/** The slide pixels a cell takes besides its charts. */
export function cellHeight(cell: Cell): number {
  if (cell.cell_type === "markdown") return markdownHeight(cell.source);
  if (cell.cell_type === "raw") return textLines(cell.source) * CODE_LINE;
  const input = hasTag(cell, "hide-input") || cell.source.trim() === "" ? 0 : Math.min(16, textLines(cell.source)) * CODE_LINE + 30;
  const outputs = hasTag(cell, "hide-output") ? 0 : slideOutputs(cell.outputs ?? []).reduce((sum, o) => sum + outputHeight(o), 0);
  return input + outputs;
}

/** The height each chart of a slide gets, given the cells shown on it together. */
export function chartHeightFor(cells: readonly Cell[]): number {
  let other = 24;
  let charts = 0;
  for (const cell of cells) {
    const { count, sliders } = chartsOf(cell);
    charts += count;
    other += cellHeight(cell) + sliders * SLIDER_ROW;
  }
  const share = (SLIDE_HEIGHT - other) / Math.max(1, charts);
  return Math.round(Math.min(SLIDE_CHART.maxHeight, Math.max(SLIDE_CHART.minHeight, share)));
}
