// Heatmap of a small matrix, each cell coloured by its value and labelled with it: e.g. a few rows
// of X, their dropout mask R and R ⊙ X side by side (facet by matrix), where a dropped entry is
// a white cell reading 0.
import { fail, requireFinite } from "../checks";
import { compose, type FrameOptions } from "./compose";
import type { ChartSpec, Layer, Row } from "./defaults";
import { requireField, requireTitle } from "./guards";

export interface HeatmapOptions extends Omit<FrameOptions, "annotations" | "slider"> {
  /** Column field (nominal, kept in data order). */
  x: string;
  /** Row field (nominal, kept in data order). */
  y: string;
  /** Numeric field that sets the colour; 0 is white, the scheme diverges on either side. */
  color: string;
  /** Field printed in each cell (default: none). */
  text?: string;
  xTitle: string;
  yTitle: string;
  colorTitle: string;
  /** Largest |colour value| with a full colour; larger values clamp (default: max |value|). */
  colorLimit?: number;
}

/** Distinct values of a field in first-seen order, so rows and columns read as the caller listed them. */
const order = (rows: readonly Row[], field: string) => [...new Set(rows.map((r) => r[field]))];

export function heatmapChart(data: readonly Row[], options: HeatmapOptions): ChartSpec {
  const { x, y, color, text, xTitle, yTitle, colorTitle } = options;
  for (const [name, field] of [["x", x], ["y", y], ["color", color]] as const) requireField(name, data, field);
  if (text !== undefined) requireField("text", data, text);
  requireTitle("xTitle", xTitle);
  requireTitle("yTitle", yTitle);
  requireTitle("colorTitle", colorTitle);
  const values = data.map((r, i) => requireFinite(`data[${i}].${color}`, r[color] as number));
  const limit = options.colorLimit ?? Math.max(...values.map(Math.abs), 1e-12);
  if (!(limit > 0) || !Number.isFinite(limit)) fail("colorLimit", limit, "a finite number > 0");
  const position = {
    x: { field: x, type: "nominal", title: xTitle, sort: order(data, x), axis: { labelAngle: 0, orient: "top" } },
    y: { field: y, type: "nominal", title: yTitle, sort: order(data, y) },
  };
  const layers: Layer[] = [
    {
      mark: { type: "rect", stroke: "#bbb", strokeWidth: 0.5 },
      encoding: {
        ...position,
        color: { field: color, type: "quantitative", title: colorTitle, scale: { scheme: "blueorange", domain: [-limit, limit], clamp: true } },
        tooltip: [x, y, color, ...(text ? [text] : [])].map((field) => ({ field, title: field })),
      },
    },
  ];
  // A cell's number is black, or white where the cell is darker than relative luminance 0.179,
  // where the two contrast equally (4.58:1, above WCAG's 4.5 for text): "blueorange" crosses it
  // at −0.79 and +0.87 of the colour limit (its orange end is lighter than its blue one).
  const value = `datum[${JSON.stringify(color)}]`;
  const onDark = { test: `${value} <= ${-0.79 * limit} || ${value} >= ${0.87 * limit}`, value: "white" };
  if (text !== undefined) layers.push({ mark: { type: "text", fontSize: 12 }, encoding: { ...position, text: { field: text }, color: { condition: onDark, value: "black" } } });
  return compose({ rows: data, layers, axes: { xType: "nominal" } }, options);
}
