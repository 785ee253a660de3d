// Multi-series line chart: e.g. gradient norm against depth, one line per architecture,
// on a log y axis where vanishing norms that underflow to 0 are clamped and marked.
import { requireChartArguments } from "./guards";
import { fail } from "../checks";
import { prepareAxes, quantitative, seriesField, tooltip, type XYOptions } from "./axes";
import { compose, type FrameOptions } from "./compose";
import { defaults, type ChartSpec, type Layer, type Row } from "./defaults";
import { requireField } from "./guards";
import { clampMarkerLayer } from "./logsafe";
import { X_TICK_SPACING } from "./ticks";

export interface LineOptions extends FrameOptions, XYOptions {
  /** Draw a dot at every data point. */
  points?: boolean;
  /**
   * Ticks only at whole numbers, labelled without decimals (feature index, layer, depth,
   * epoch). Default: on when every x value is an integer and the x axis is linear, so a
   * 1…5 axis never reads 1.5; false turns it off; true on other data throws.
   */
  xInteger?: boolean;
  /**
   * Series (values of the series field) drawn dashed: bounds, predictions and other
   * reference curves, so they never read as measured data. The legend shows the dash.
   */
  dashed?: readonly string[];
  /**
   * A second field told apart by dash pattern and point shape (not only colour), e.g.
   * σ_max / σ_min within each coloured series; it gets its own legend, titled `dashTitle`.
   */
  dash?: string;
  dashTitle?: string;
}

const DASHES = [[1, 0], [6, 4], [2, 3], [8, 3, 2, 3]];
const SHAPES = ["circle", "triangle-up", "square", "diamond"];

/** strokeDash (and shape) channels: the `dashed` series, or one pattern per value of `dash`. */
function dashChannels(rows: readonly Row[], series: string | undefined, options: LineOptions): Record<string, unknown> {
  const { dashed, dash, dashTitle } = options;
  const out: Record<string, unknown> = {};
  if (dashed !== undefined) {
    if (!Array.isArray(dashed) || dashed.some((d) => typeof d !== "string")) fail("dashed", String(dashed), "an array of series names");
    if (!series) fail("dashed", JSON.stringify(dashed), "absent on a chart without a series field");
    const domain = [...new Set(rows.map((r) => String(r[series])))];
    const unknown = dashed.find((d) => !domain.includes(d));
    if (unknown !== undefined) fail("dashed", JSON.stringify(unknown), `names among the series ${JSON.stringify(domain)}`);
    // the same field and title as the colour channel, so vega-lite merges both into one legend
    out.strokeDash = {
      field: series, type: "nominal", title: options.seriesTitle ?? defaults.seriesTitle,
      scale: { domain, range: domain.map((d) => (dashed.includes(d) ? DASHES[1] : DASHES[0])) },
    };
  }
  if (dash !== undefined) {
    if (dashed !== undefined) fail("dash", dash, "absent when `dashed` is given (one dash channel per chart)");
    requireField("dash", rows, dash);
    const domain = [...new Set(rows.map((r) => String(r[dash])))];
    if (domain.length > DASHES.length) fail("dash", dash, `a field with at most ${DASHES.length} distinct values`);
    const title = dashTitle ?? dash;
    out.strokeDash = { field: dash, type: "nominal", title, scale: { domain, range: DASHES.slice(0, domain.length) } };
    out.shape = { field: dash, type: "nominal", title, scale: { domain, range: SHAPES.slice(0, domain.length) } };
  }
  return out;
}

/**
 * Whole-number ticks on a linear x axis. vega caps the tick count at ⌊span⌋ + 1 for a
 * minimum step of 1, and d3 then rounds the step span/count up to 1, 2 or 5 × 10^k: whole
 * for any span ≥ 3 (span/(⌊span⌋ + 1) ≥ 3/4 > √½, d3's cut-off for rounding up to 1).
 * Spans under 3 (a slider showing depth 1…2, say) still give 0.5 steps, so there the ticks
 * are every integer of the visible domain, read from the scale when the view runs.
 * Setting values drops the tick count quantitative() sets (one per X_TICK_SPACING px), so it
 * is restated from the x range, which is [0, width] in a single view and in a facet panel alike.
 * vega-lite 5.23 passes tickMinStep on to vega only together with format "d".
 */
const integerAxis = {
  tickMinStep: 1,
  format: "d",
  tickCount: { expr: `ceil(span(range('x')) / ${X_TICK_SPACING})` },
  values: { expr: "span(domain('x')) < 3 ? sequence(ceil(domain('x')[0]), floor(domain('x')[1]) + 1) : null" },
};

/** Whether the x axis counts whole things; checks an explicit `xInteger` against the data. */
function integerX(rows: readonly Row[], x: string, logX: boolean, xInteger: boolean | undefined): boolean {
  if (xInteger !== undefined && typeof xInteger !== "boolean") fail("xInteger", xInteger, "true, false or absent");
  if (xInteger === false) return false;
  const whole = rows.every((row) => Number.isInteger(row[x]));
  if (xInteger && logX) fail("xInteger", xInteger, "absent or false on a log x axis");
  if (xInteger && !whole) fail("xInteger", xInteger, `absent or false: some ${x} values are not integers`);
  return !logX && whole;
}

export function lineChart(data: readonly Row[], options: LineOptions): ChartSpec {
  requireChartArguments(data, options);
  const { x = defaults.x, y = defaults.y, xTitle, yTitle, seriesTitle = defaults.seriesTitle, points = false } = options;
  if (typeof points !== "boolean") fail("points", points, "true or false");
  const series = seriesField(data, options.series);
  const axes = prepareAxes(data, x, y, options);
  const xAxis = quantitative(axes.rows, "x", x, xTitle, axes.xScale, options.xFormat);
  const integer = integerX(axes.rows, x, options.logX === true, options.xInteger);
  const position: Record<string, unknown> = {
    x: integer ? { ...xAxis, axis: { ...xAxis.axis, ...integerAxis } } : xAxis,
    y: quantitative(axes.rows, "y", y, yTitle, axes.yScale, options.yFormat),
  };
  if (series) position.color = { field: series, type: "nominal", title: seriesTitle };
  const dashes = dashChannels(axes.rows, series, options);
  // a dashed series shares the colour legend, whose symbols must then be strokes to show the dash
  if (series && options.dashed !== undefined) {
    const color = position.color as Record<string, unknown>;
    position.color = { ...color, scale: { domain: (dashes.strokeDash as { scale: { domain: string[] } }).scale.domain }, legend: { symbolType: "stroke", symbolStrokeWidth: 2.5 } };
  }
  const tips = tooltip(
    [
      ...(series ? [{ field: series, title: seriesTitle, numeric: false }] : []),
      { field: x, title: xTitle, numeric: true },
      { field: y, title: yTitle, numeric: true },
    ],
    axes.flag,
  );
  // Invisible points still carry the tooltip, so hovering works with or without dots.
  const point = points ? { filled: true, size: defaults.pointSize } : { opacity: 0, size: defaults.pointSize };
  const layers: Layer[] = [
    { mark: { type: "line", strokeWidth: defaults.strokeWidth, point }, encoding: { ...position, ...dashes, tooltip: tips } },
  ];
  if (axes.flag) layers.push(clampMarkerLayer(position, axes.flag, tips));
  return compose(
    { rows: axes.rows, layers, axes: { xType: "quantitative", xScale: axes.xScale, yScale: axes.yScale }, notes: axes.notes },
    options,
  );
}
