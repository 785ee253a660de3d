// Reference rules and text labels layered on top of a chart, e.g. a dashed rule at
// y = 1/4 labelled "max σ′ = 1/4 (at x = 0)", or a vertical rule at the depth where the
// plain stack's gradient falls below machine precision.
import { fail, requireFinite } from "../checks";
import type { Layer } from "./defaults";

export interface Annotation {
  /** Vertical rule here (alone), or the label's x (with y). A category name on a bar chart's x. */
  x?: number | string;
  /** Horizontal rule here (alone), or the label's y (with x). */
  y?: number;
  label?: string;
  /** Solid instead of dashed rule. */
  solid?: boolean;
}

/** How the chart's axes read data values, so the annotations share its scales. */
export interface AxisFrame {
  xType: "quantitative" | "nominal" | "ordinal";
  xScale?: Record<string, unknown>;
  yScale?: Record<string, unknown>;
}

const ruleStyle = { color: "#555", strokeWidth: 1.5 };
const textStyle = { fontSize: 12, color: "#333" };

function checkAnnotation(a: Annotation, i: number, frame: AxisFrame): void {
  const name = `annotations[${i}]`;
  if (a.x === undefined && a.y === undefined) fail(name, JSON.stringify(a), "an object with x, y or both");
  if (typeof a.x === "number") requireFinite(`${name}.x`, a.x);
  if (typeof a.x === "string" && frame.xType === "quantitative") fail(`${name}.x`, a.x, "a number on a quantitative x axis");
  if (a.y !== undefined) requireFinite(`${name}.y`, a.y);
  const onLog = (scale?: Record<string, unknown>) => scale?.type === "log";
  if (onLog(frame.xScale) && typeof a.x === "number" && a.x <= 0) fail(`${name}.x`, a.x, "a positive number on a log x axis");
  if (onLog(frame.yScale) && a.y !== undefined && a.y <= 0) fail(`${name}.y`, a.y, "a positive number on a log y axis");
  if (a.label !== undefined && typeof a.label !== "string") fail(`${name}.label`, a.label, "a string");
}

/** One layer per annotation: a rule (x or y alone) or a point (both), each with its label. */
export function annotationLayers(annotations: readonly Annotation[], frame: AxisFrame): Layer[] {
  if (!Array.isArray(annotations)) fail("annotations", typeof annotations, "an array of { x?, y?, label? }");
  return annotations.flatMap((a, i) => {
    checkAnnotation(a, i, frame);
    const x = a.x === undefined ? undefined : { datum: a.x, type: frame.xType, scale: frame.xScale };
    const y = a.y === undefined ? undefined : { datum: a.y, type: "quantitative", scale: frame.yScale };
    const dash = a.solid ? {} : { strokeDash: [5, 4] };
    // One dummy row: datum encodings draw one mark per data row.
    const data = { values: [{}] };
    const layers: Layer[] = [];
    if (x && y) {
      layers.push({ data, mark: { type: "point", filled: true, size: 50, ...ruleStyle }, encoding: { x, y } });
    } else {
      layers.push({ data, mark: { type: "rule", ...ruleStyle, ...dash }, encoding: x ? { x } : { y } });
    }
    if (a.label) {
      // Rules are labelled at the top (vertical) or the right end (horizontal) of the plot.
      const place = x && y
        ? { encoding: { x, y }, mark: { align: "left", dx: 6, dy: -8 } }
        : x
          ? { encoding: { x, y: { value: 0 } }, mark: { align: "left", baseline: "top", dx: 4, dy: 2 } }
          : { encoding: { x: { value: "width" }, y }, mark: { align: "right", baseline: "bottom", dx: -2, dy: -3 } };
      layers.push({ data, mark: { type: "text", ...textStyle, ...place.mark, text: a.label }, encoding: place.encoding });
    }
    return layers;
  });
}
