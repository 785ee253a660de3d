// Bar chart, optionally grouped: e.g. the column norms of X and of the dropout-scaled X̃
// side by side for each feature, showing how dropout equalises feature scales.
import { fail } from "../checks";
import { prepareAxes, quantitative, tooltip, type LogAxes } from "./axes";
import { compose, type FrameOptions } from "./compose";
import { defaults, type ChartSpec, type Layer, type Row } from "./defaults";
import { requireField, requireTitle, requireChartArguments } from "./guards";
import { clampMarkerLayer } from "./logsafe";

export interface BarOptions extends FrameOptions, Pick<LogAxes, "logY" | "clamp"> {
  /** Category field along x (default "category"); numbers keep their numeric order. */
  x?: string;
  /** Bar height field (default "value"). */
  y?: string;
  /** Optional field splitting each category into side-by-side bars (colour + offset). */
  group?: string;
  xTitle: string;
  yTitle: string;
  groupTitle?: string;
}

export function barChart(data: readonly Row[], options: BarOptions): ChartSpec {
  requireChartArguments(data, options);
  const { x = defaults.category, y = defaults.value, group, xTitle, yTitle, groupTitle = group } = options;
  if ("logX" in options) fail("logX", (options as { logX?: unknown }).logX, "absent: bar categories have no log axis");
  const axes = prepareAxes(data, undefined, y, options);
  requireField("x", axes.rows, x);
  requireTitle("xTitle", xTitle);
  const xType = axes.rows.length > 0 && typeof axes.rows[0][x] === "number" ? "ordinal" : "nominal";
  const position: Record<string, unknown> = {
    x: { field: x, type: xType, title: xTitle, axis: { labelAngle: 0 } },
    y: quantitative(axes.rows, "y", y, yTitle, axes.yScale),
  };
  if (group !== undefined) {
    requireField("group", axes.rows, group);
    position.color = { field: group, type: "nominal", title: groupTitle };
    position.xOffset = { field: group, type: "nominal" };
  }
  const tips = tooltip(
    [
      { field: x, title: xTitle, numeric: false },
      ...(group !== undefined ? [{ field: group, title: groupTitle ?? group, numeric: false }] : []),
      { field: y, title: yTitle, numeric: true },
    ],
    axes.flag,
  );
  // Bars start at 0, which a log axis cannot place (vega-lite would stack them from log 0 =
  // −∞ and draw nothing). There they rise from the axis floor instead, one decade under the
  // smallest positive value (or the caller's clamp floor); y2 also keeps it in the domain.
  const base = axes.yFloor === undefined ? {} : { y2: { datum: axes.yFloor } };
  const layers: Layer[] = [{ mark: { type: "bar", opacity: defaults.opacity }, encoding: { ...position, ...base, tooltip: tips } }];
  if (axes.flag) layers.push(clampMarkerLayer(position, axes.flag, tips));
  return compose({ rows: axes.rows, layers, axes: { xType, yScale: axes.yScale }, notes: axes.notes }, options);
}
