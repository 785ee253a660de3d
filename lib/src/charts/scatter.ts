// Scatter and strip plots: e.g. singular values of a residual block's Jacobian against
// their index, or the spread of per-feature penalties for each keep probability p.
import { prepareAxes, quantitative, seriesField, tooltip, type LogAxes, type XYOptions } from "./axes";
import { compose, type FrameOptions } from "./compose";
import { defaults, type ChartSpec, type Row } from "./defaults";
import { requireField, requireTitle, requireChartArguments } from "./guards";

export type ScatterOptions = FrameOptions & XYOptions;

/** Shape channel: clamped points become downward triangles (only when some were clamped). */
function clampShape(flag: string | undefined): Record<string, unknown> {
  if (!flag) return {};
  const scale = { domain: [false, true], range: ["circle", "triangle-down"] };
  return { shape: { field: flag, type: "nominal", title: "clamped to axis edge", scale } };
}

/** Rows with the clamp flag spelled out (false where clampForLog left it off), for the shape legend. */
const flagged = (rows: readonly Row[], flag: string | undefined): Row[] =>
  flag ? rows.map((row) => ({ ...row, [flag]: row[flag] === true })) : [...rows];

export function scatterChart(data: readonly Row[], options: ScatterOptions): ChartSpec {
  requireChartArguments(data, options);
  const { x = defaults.x, y = defaults.y, xTitle, yTitle, seriesTitle = defaults.seriesTitle } = options;
  const series = seriesField(data, options.series);
  const axes = prepareAxes(data, x, y, options);
  const encoding: Record<string, unknown> = {
    x: quantitative(axes.rows, "x", x, xTitle, axes.xScale),
    y: quantitative(axes.rows, "y", y, yTitle, axes.yScale),
    ...clampShape(axes.flag),
  };
  if (series) encoding.color = { field: series, type: "nominal", title: seriesTitle };
  encoding.tooltip = tooltip(
    [
      ...(series ? [{ field: series, title: seriesTitle, numeric: false }] : []),
      { field: x, title: xTitle, numeric: true },
      { field: y, title: yTitle, numeric: true },
    ],
    axes.flag,
  );
  const mark = { type: "point", filled: true, size: defaults.pointSize, opacity: defaults.opacity };
  return compose(
    { rows: flagged(axes.rows, axes.flag), layers: [{ mark, encoding }], axes: { xType: "quantitative", xScale: axes.xScale, yScale: axes.yScale }, notes: axes.notes },
    options,
  );
}

export interface StripOptions extends FrameOptions, Pick<LogAxes, "clamp"> {
  /** Numeric field along x (default "value"). */
  value?: string;
  /** Category field, one row of ticks each (default "category"). */
  category?: string;
  valueTitle: string;
  categoryTitle: string;
  logValue?: boolean;
}

/** One row of ticks per category: every value visible, no jitter (so no randomness). */
export function stripChart(data: readonly Row[], options: StripOptions): ChartSpec {
  requireChartArguments(data, options);
  const { value = defaults.value, category = defaults.category, valueTitle, categoryTitle, logValue = false } = options;
  const axes = prepareAxes(data, value, category, { logX: logValue, clamp: options.clamp });
  requireField("category", axes.rows, category);
  requireTitle("categoryTitle", categoryTitle);
  const encoding = {
    x: quantitative(axes.rows, "value", value, valueTitle, axes.xScale),
    y: { field: category, type: "nominal", title: categoryTitle },
    color: { field: category, type: "nominal", legend: null },
    // Ticks have no shape channel: clamped values are drawn faint instead.
    ...(axes.flag ? { opacity: { condition: { test: `datum[${JSON.stringify(axes.flag)}]`, value: 0.3 }, value: 1 } } : {}),
    tooltip: tooltip(
      [{ field: category, title: categoryTitle, numeric: false }, { field: value, title: valueTitle, numeric: true }],
      axes.flag,
    ),
  };
  const mark = { type: "tick", thickness: 2, opacity: defaults.opacity };
  return compose(
    { rows: axes.rows, layers: [{ mark, encoding }], axes: { xType: "quantitative", xScale: axes.xScale }, notes: axes.notes },
    options,
  );
}
