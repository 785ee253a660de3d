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
    for (const view of [themed, ...(Array.isArray(themed.layer) ? themed.layer : [])]) if (isObject(view)) placeLongYTitle(view, height);
    wrapLongTitle(themed, width - Y_AXIS_PX - legendWidth(themed));
  }
  labelLogAxes(themed, undefined, "facet" in themed ? undefined : typeof themed.height === "number" ? themed.height - AROUND_PLOT_PX : undefined);
  haloLabels(themed);
  return themed;
}

/**
 * The outline drawn beneath an annotation label: the label's text stroked thick in the
 * background's white and not filled, so a data line that crosses the label stops short of
 * its letters. A notebook places its labels for 12 px text; at the deck's 17 px they reach
 * over the lines beside them. A stroke on the label itself would cover its own glyphs (SVG
 * paints the stroke over the fill), hence a layer of its own, hidden from screen readers.
 */
export const LABEL_HALO = { stroke: "white", strokeWidth: 6, strokeJoin: "round", strokeOpacity: 1, fillOpacity: 0, aria: false } as const;

/** A layer that draws one constant label (annotationLayers' text layers): a text mark with its text in the mark, none encoded. */
function isLabelLayer(layer: Json): boolean {
  const mark = layer.mark;
  const encoded = isObject(layer.encoding) && "text" in layer.encoding;
  return isObject(mark) && mark.type === "text" && (typeof mark.text === "string" || Array.isArray(mark.text)) && !encoded;
}

/** Puts a halo layer beneath every label layer, in layers at any depth (panels, concatenated views, nested layers). */
function haloLabels(view: Json): void {
  for (const key of ["hconcat", "vconcat", "concat"]) if (Array.isArray(view[key])) (view[key] as unknown[]).forEach((child) => isObject(child) && haloLabels(child));
  if (isObject(view.spec)) haloLabels(view.spec);
  if (!Array.isArray(view.layer)) return;
  view.layer.forEach((layer) => isObject(layer) && haloLabels(layer));
  view.layer = view.layer.flatMap((layer) => (isObject(layer) && isLabelLayer(layer) ? [{ ...layer, mark: { ...(layer.mark as Json), ...LABEL_HALO } }, layer] : [layer]));
}

/** Slide pixels a y axis takes beside the plot (labels, ticks and a wrapped title), about. */
const Y_AXIS_PX = 110;
/** How far a centred title line may reach past the plot on either side, over the y axis and the legend. */
const CENTRED_OVERHANG_PX = 80;
/** Widths of a character, about (rounded up): 17 px labels, 18 px subtitles, 22 px bold titles. */
const LABEL_CHAR_PX = 8.5;
const SUBTITLE_CHAR_PX = 10;
const TITLE_CHAR_PX_22 = 12.5;

const legendChannels = ["color", "fill", "stroke", "shape", "strokeDash", "size", "opacity"];

/** The width of the widest legend a single view draws beside its plot (0 without one), about. */
function legendWidth(spec: Json): number {
  let widest = 0;
  const rowsOf = (view: Json): Json[] => (isObject(view.data) && Array.isArray(view.data.values) ? (view.data.values as Json[]) : []);
  for (const view of [spec, ...(Array.isArray(spec.layer) ? spec.layer : [])]) {
    if (!isObject(view) || !isObject(view.encoding)) continue;
    const rows = rowsOf(view).length > 0 ? rowsOf(view) : rowsOf(spec);
    for (const channel of legendChannels) {
      const enc = view.encoding[channel];
      if (!isObject(enc) || typeof enc.field !== "string" || enc.legend === null) continue;
      const labels = [...new Set(rows.map((r) => String(r?.[enc.field as string] ?? "")))];
      const longest = Math.min(deckChartConfig.legend.labelLimit, LABEL_CHAR_PX * Math.max(0, ...labels.map((l) => l.length)));
      const title = typeof enc.title === "string" ? enc.title.length * SUBTITLE_CHAR_PX : 0;
      widest = Math.max(widest, 48 + longest, 20 + Math.min(title, deckChartConfig.legend.titleLimit));
    }
  }
  return widest;
}

/** Words filled greedily into lines of at most `room` characters (a longer word keeps a line of its own). */
function fillLines(text: string, room: number): string[] {
  return text.split(" ").reduce<string[]>((filled, word) => {
    const last = filled[filled.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= room) filled[filled.length - 1] = `${last} ${word}`;
    else filled.push(word);
    return filled;
  }, []);
}

/**
 * vega centres a chart's title and subtitle over the plot; a line wider than the plot plus
 * a little room beside it runs past the drawing's left edge and is cut off there (autosize "fit"
 * sizes the plot for its axes and legend, not for the title). Such lines are drawn on several
 * lines, each about as wide as the plot.
 */
function wrapLongTitle(spec: Json, plotWidth: number): void {
  const title: Json | undefined = typeof spec.title === "string" ? { text: spec.title } : isObject(spec.title) ? { ...spec.title } : undefined;
  if (title === undefined) return;
  const budget = plotWidth + 2 * CENTRED_OVERHANG_PX;
  const wrap = (text: unknown, charPx: number) =>
    typeof text === "string" || Array.isArray(text)
      ? [text].flat().flatMap((line) => (typeof line === "string" && line.length * charPx > budget ? fillLines(line, Math.floor(budget / charPx)) : [line]))
      : text;
  const text = wrap(title.text, TITLE_CHAR_PX_22);
  const subtitle = wrap(title.subtitle, SUBTITLE_CHAR_PX);
  title.text = Array.isArray(text) && text.length === 1 ? text[0] : text;
  if (subtitle !== undefined) title.subtitle = Array.isArray(subtitle) && subtitle.length === 1 ? subtitle[0] : subtitle;
  spec.title = title;
}

/** Mantissas of log-axis labels, the roundest first: 10ⁿ, then 5·10ⁿ, 2·10ⁿ, … */
const LOG_MANTISSAS = [1, 5, 2, 3, 4, 6, 7, 8, 9];
/** A y label's height plus the gap the theme keeps between labels, in slide pixels. */
const Y_LABEL_SPACING = CHART_TEXT_PX + 7;

/**
 * Labels for a log axis spanning less than three decades, `plotPx` long: the roundest values
 * first (10ⁿ, 5·10ⁿ, 2·10ⁿ, …), each kept when it is at least a label's height from every
 * label kept so far. vega's own pick (every m·10ⁿ, then dropping each label that crowds the
 * one below it) loses the top labels at lecture size: an axis from 4 to 15 showed 4 to 9 only.
 */
export function logAxisLabels(lo: number, hi: number, plotPx: number): number[] {
  const position = (v: number) => (plotPx * Math.log(v / lo)) / Math.log(hi / lo);
  const candidates = LOG_MANTISSAS.flatMap((m) => {
    const out: number[] = [];
    for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
      const v = Number((m * 10 ** k).toPrecision(1));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
    return out.sort((a, b) => b - a);
  });
  const kept: number[] = [];
  for (const v of candidates) if (kept.every((w) => Math.abs(position(v) - position(w)) >= Y_LABEL_SPACING)) kept.push(v);
  return kept.sort((a, b) => a - b);
}

/** The y values a view's layers place on their shared scale (fields of inline rows and datums). */
function yValues(view: Json, data: unknown): number[] {
  const values: number[] = [];
  for (const layer of [view, ...(Array.isArray(view.layer) ? view.layer : [])]) {
    if (!isObject(layer) || !isObject(layer.encoding) || !isObject(layer.encoding.y)) continue;
    const y = layer.encoding.y;
    const source = isObject(layer.data) ? layer.data : isObject(view.data) ? view.data : data;
    const rows = isObject(source) && Array.isArray(source.values) ? (source.values as Json[]) : [];
    if (typeof y.field === "string") for (const r of rows) values.push(Number(r?.[y.field]));
    if (typeof y.datum === "number") values.push(y.datum);
  }
  return values.filter((v) => Number.isFinite(v) && v > 0);
}

/**
 * Gives every log y axis of less than three decades, in a view of known plot height whose
 * rows are all drawn (no filter, no slider), the labels of logAxisLabels. Concatenated views
 * are visited with their own heights.
 */
function labelLogAxes(view: Json, data: unknown, plotPx: number | undefined): void {
  const own = view.data ?? data;
  for (const key of ["hconcat", "vconcat", "concat"]) {
    if (Array.isArray(view[key])) for (const child of view[key] as unknown[]) if (isObject(child)) labelLogAxes(child, own, typeof child.height === "number" ? child.height : undefined);
  }
  if (plotPx === undefined || !("layer" in view || "mark" in view) || "transform" in view || "params" in view) return;
  const logY = [view, ...(Array.isArray(view.layer) ? view.layer : [])].flatMap((layer) => {
    const y = isObject(layer) && isObject(layer.encoding) ? layer.encoding.y : undefined;
    return isObject(y) && typeof y.field === "string" && isObject(y.scale) && y.scale.type === "log" ? [y] : [];
  });
  if (logY.length === 0 || logY.some((y) => y.axis === null || (isObject(y.axis) && "values" in y.axis) || isObject(y.scale) && "domain" in y.scale)) return;
  const values = yValues(view, own);
  if (values.length === 0) return;
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (logY.some((y) => (y.scale as Json).nice !== false)) [lo, hi] = [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
  if (!(hi > lo) || Math.log10(hi / lo) >= 3) return;
  const labels = logAxisLabels(lo, hi, plotPx);
  if (labels.length < 3) return;
  for (const y of logY) y.axis = { ...(isObject(y.axis) ? y.axis : {}), values: labels };
}

/** Slide pixels a chart's own title, subtitle and x axis take from its height, about. */
const AROUND_PLOT_PX = 150;
/** Width of an 18 px bold axis-title character in DejaVu Sans, about (rounded up). */
const TITLE_CHAR_PX = 12;
/** Where a y-axis title set above its plot sits: its baseline this far above the plot's top. */
const TITLE_ABOVE_PX = 12;

/**
 * A rotated y-axis title longer than the plot is tall makes autosize "fit" shrink the plot
 * until the title fits and leaves the chart's own title above the drawing, cut off; drawn on
 * several rotated lines instead, the lines ran into each other (vega sets them a font size
 * apart: a Γ̌'s accent met the line beside it) and into the axis labels. Such a title is set on
 * one line, level, above the plot, starting over the y axis and reading to the right, where
 * the whole chart's layout leaves it room. Only the axis changes (`axis.title...`): the
 * channel's title, which the text alternative reads, stays.
 */
function placeLongYTitle(view: Json, height: number): void {
  const y = isObject(view.encoding) ? view.encoding.y : undefined;
  if (!isObject(y) || typeof y.title !== "string") return;
  const axis = isObject(y.axis) ? y.axis : y.axis === undefined ? {} : null;
  const room = Math.floor((height - AROUND_PLOT_PX) / TITLE_CHAR_PX);
  if (axis === null || "title" in axis || "titleAngle" in axis || y.title.length <= room) return;
  y.axis = { ...axis, titleAngle: 0, titleAlign: "left", titleBaseline: "alphabetic", titleX: 0, titleY: -TITLE_ABOVE_PX };
}
