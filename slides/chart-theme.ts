// Charts at lecture size. reveal lays a slide out at 960×700 and scales it to the screen
// (×0.987 at a 1280×720 projector), so a chart drawn at its own pixel size on the slide shows
// its text at about the size it was set in. The deck draws each chart from a themed copy of
// the notebook's spec (the notebook keeps its own): text at ≥ 17 px, thicker lines and
// bigger points, and a size that fills the room its slide leaves (autosize "fit": the whole
// chart, axes and legend included, takes the given width and height).
import { describeChart } from "@skip-and-drop/lib/charts";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** Smallest text on a chart, in slide pixels (×0.987 on a 1280×720 screen stays ≥ 16 px). */
export const CHART_TEXT_PX = 17;

/** The room a chart gets on a 960×700 slide: the full text width, a height the slide leaves. */
export const SLIDE_CHART = { width: 880, minHeight: 240, maxHeight: 470 } as const;

/** Text colours are near-black on white (contrast ≥ 12:1, WCAG AA asks 4.5:1). */
export const deckChartConfig = {
  font: "DejaVu Sans, sans-serif",
  title: { fontSize: 22, subtitleFontSize: 18, color: "#111", subtitleColor: "#333", subtitlePadding: 4, offset: 10 },
  axis: {
    labelFontSize: CHART_TEXT_PX, titleFontSize: 18, labelColor: "#222", titleColor: "#111",
    labelSeparation: 6, labelPadding: 4, titlePadding: 10, tickSize: 6, domainColor: "#555", tickColor: "#555", labelLimit: 220,
  },
  legend: {
    labelFontSize: CHART_TEXT_PX, titleFontSize: 18, labelColor: "#222", titleColor: "#111",
    symbolSize: 180, symbolStrokeWidth: 3, rowPadding: 8, titlePadding: 8, labelLimit: 260, titleLimit: 320,
  },
  header: { labelFontSize: 18, titleFontSize: 18, labelColor: "#111", titleColor: "#111" },
  text: { fontSize: CHART_TEXT_PX },
  line: { strokeWidth: 3 },
  point: { size: 90 },
};

/** Deep merge: `top` wins key by key; objects merge, everything else is replaced. */
function merge(base: unknown, top: unknown): unknown {
  if (!isObject(base) || !isObject(top)) return top === undefined ? base : top;
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(top)) out[k] = merge(base[k], v);
  return out;
}

/**
 * Walks a spec copy: every font size set below the theme's is raised to it (a notebook's
 * annotation labels at 12 px, an axis at 10 px), mark strokes ×1.5, point areas ×2.25.
 */
function enlarge(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => enlarge(v, key));
  if (!isObject(value)) {
    if (typeof value !== "number") return value;
    if (/^(fontSize|.*FontSize)$/.test(key)) return Math.max(value, CHART_TEXT_PX);
    return value;
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    // Inline data rows are data: their fields may be called anything, size or fontSize too.
    if (k === "values" && key === "data") out[k] = v;
    else out[k] = enlarge(v, k);
  }
  if (key === "mark" || key === "point") {
    if (typeof out.strokeWidth === "number") out.strokeWidth = out.strokeWidth * 1.5;
    if (typeof out.size === "number") out.size = out.size * 2.25;
  }
  return out;
}

/** Distinct values of a field in the spec's inline data. */
function distinct(spec: Json, field: unknown): number {
  const rows = isObject(spec.data) && Array.isArray(spec.data.values) ? (spec.data.values as Json[]) : [];
  return typeof field === "string" ? new Set(rows.map((r) => JSON.stringify(r?.[field]))).size : 0;
}

function hasColourLegend(view: Json): boolean {
  const layers = Array.isArray(view.layer) ? view.layer : [view];
  return layers.some((l) => isObject(l) && isObject(l.encoding) && isObject(l.encoding.color) && l.encoding.color.legend !== null && "field" in l.encoding.color);
}

/**
 * Panel sizes for small multiples (autosize "fit" does not apply to them): the panels of
 * a row share the width left after each one's y axis and the legend; the rows share the
 * height after the title, and each row's header and x axis.
 */
function facetSize(spec: Json, inner: Json, width: number, height: number): { width: number; height: number } {
  const facet = isObject(spec.facet) ? spec.facet : {};
  const panels = Math.max(1, distinct(spec, facet.field));
  const columns = Math.min(panels, typeof spec.columns === "number" ? spec.columns : panels);
  const rows = Math.ceil(panels / columns);
  const legend = hasColourLegend(inner) ? 230 : 0;
  const subtitle = isObject(spec.title) && spec.title.subtitle !== undefined ? 24 * [spec.title.subtitle].flat().length : 0;
  return {
    width: Math.max(120, Math.floor((width - legend - 30 - columns * 95) / columns)),
    height: Math.max(110, Math.floor((height - 45 - subtitle - rows * 95) / rows)),
  };
}

/**
 * The spec a slide draws: the notebook's spec with the deck theme over its config, text
 * and marks enlarged, a description when it has none, and sized to `width` × `height`
 * slide pixels. The input is not modified.
 */
export function deckSpec(spec: Json, { width = SLIDE_CHART.width, height = SLIDE_CHART.maxHeight }: { width?: number; height?: number } = {}): Json {
  const themed = enlarge(JSON.parse(JSON.stringify(spec))) as Json;
  themed.config = merge(themed.config, deckChartConfig);
  if (typeof themed.description !== "string" || themed.description.trim() === "") themed.description = describeChart(themed);
  if (isObject(themed.spec) && "facet" in themed) {
    themed.spec = { ...themed.spec, ...facetSize(themed, themed.spec, width, height) };
    themed.autosize = { type: "pad" };
  } else if (!("hconcat" in themed) && !("vconcat" in themed) && !("concat" in themed) && !("repeat" in themed)) {
    themed.width = width;
    themed.height = height;
    themed.autosize = { type: "fit", contains: "padding" };
    for (const view of [themed, ...(Array.isArray(themed.layer) ? themed.layer : [])]) if (isObject(view)) wrapLongYTitle(view, height);
  }
  return themed;
}

/** Slide pixels a chart's own title, subtitle and x axis take from its height, about. */
const AROUND_PLOT_PX = 150;
/** Width of an 18 px bold axis-title character in DejaVu Sans, about (rounded up). */
const TITLE_CHAR_PX = 12;

/**
 * A rotated y-axis title longer than the plot is tall makes autosize "fit" shrink the plot
 * until the title fits and leaves the chart's own title above the drawing, cut off. Such an
 * axis title is drawn on several lines, each no longer than the plot is tall: its closing
 * parenthesis part on a line of its own, the words filled greedily. Only the axis changes
 * (`axis.title`): the channel's title, which the text alternative reads, stays.
 */
function wrapLongYTitle(view: Json, height: number): void {
  const y = isObject(view.encoding) ? view.encoding.y : undefined;
  if (!isObject(y) || typeof y.title !== "string") return;
  const axis = isObject(y.axis) ? y.axis : y.axis === undefined ? {} : null;
  const room = Math.floor((height - AROUND_PLOT_PX) / TITLE_CHAR_PX);
  if (axis === null || "title" in axis || y.title.length <= room) return;
  const parenthesis = y.title.lastIndexOf(" (");
  const parts = parenthesis > 0 ? [y.title.slice(0, parenthesis), y.title.slice(parenthesis + 1)] : [y.title];
  const lines = parts.flatMap((part) =>
    part.split(" ").reduce<string[]>((filled, word) => {
      const last = filled[filled.length - 1];
      if (last !== undefined && last.length + 1 + word.length <= room) filled[filled.length - 1] = `${last} ${word}`;
      else filled.push(word);
      return filled;
    }, []),
  );
  y.axis = { ...axis, title: lines };
}
