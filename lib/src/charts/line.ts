// Multi-series line chart: e.g. gradient norm against depth, one line per architecture,
// on a log y axis where vanishing norms that underflow to 0 are clamped and marked.
import { fail } from "../checks";
import { prepareAxes, quantitative, seriesField, tooltip, type XYOptions } from "./axes";
import { compose, type FrameOptions } from "./compose";
import { defaults, type ChartSpec, type Layer, type Row } from "./defaults";
import { clampMarkerLayer } from "./logsafe";

export interface LineOptions extends FrameOptions, XYOptions {
  /** Draw a dot at every data point. */
  points?: boolean;
}

export function lineChart(data: readonly Row[], options: LineOptions): ChartSpec {
  const { x = defaults.x, y = defaults.y, xTitle, yTitle, seriesTitle = defaults.seriesTitle, points = false } = options;
  if (typeof points !== "boolean") fail("points", points, "true or false");
  const series = seriesField(data, options.series);
  const axes = prepareAxes(data, x, y, options);
  const position: Record<string, unknown> = {
    x: quantitative(axes.rows, "x", x, xTitle, axes.xScale),
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
