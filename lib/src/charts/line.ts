// Multi-series line chart: e.g. gradient norm against depth, one line per architecture,
// on a log y axis where vanishing norms that underflow to 0 are clamped and marked.
import { requireChartArguments } from "./guards";
import { fail } from "../checks";
import { prepareAxes, quantitative, seriesField, tooltip, type XYOptions } from "./axes";
import { compose, type FrameOptions } from "./compose";
import { defaults, type ChartSpec, type Layer, type Row } from "./defaults";
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
  const xAxis = quantitative(axes.rows, "x", x, xTitle, axes.xScale);
  const integer = integerX(axes.rows, x, options.logX === true, options.xInteger);
  const position: Record<string, unknown> = {
    x: integer ? { ...xAxis, axis: { ...xAxis.axis, ...integerAxis } } : xAxis,
    y: quantitative(axes.rows, "y", y, yTitle, axes.yScale),
  };
  if (series) position.color = { field: series, type: "nominal", title: seriesTitle };
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
    { mark: { type: "line", strokeWidth: defaults.strokeWidth, point }, encoding: { ...position, tooltip: tips } },
  ];
  if (axes.flag) layers.push(clampMarkerLayer(position, axes.flag, tips));
  return compose(
    { rows: axes.rows, layers, axes: { xType: "quantitative", xScale: axes.xScale, yScale: axes.yScale }, notes: axes.notes },
    options,
  );
}
