// Assembles a builder's mark layers into one top-level vega-lite spec: title, size, inline
// data, the optional slider (param + filter), reference annotations on top, and optional
// small multiples. Every builder ends here, so every chart gets the same guarantees.
import { fail, requireInteger } from "../checks";
import { describeChart } from "./describe";
import { annotationLayers, type Annotation, type AxisFrame } from "./annotate";
import { defaults, VEGA_LITE_SCHEMA, type ChartSpec, type Layer, type Row } from "./defaults";
import { requireField, requireFiniteSpec, requireRows, requireSize, requireTitle } from "./guards";
import { sliderParts, type SliderOptions } from "./slider";

export interface FacetOptions {
  /** Row field whose distinct values each get their own panel. */
  field: string;
  /** Panels per row (default 2). */
  columns?: number;
  /** Header above the panels (default: the field name). */
  title?: string;
}

/** Options every builder accepts. */
export interface FrameOptions {
  title: string;
  subtitle?: string;
  /** What the chart shows, for screen readers (default: said from the title, mark and axes). */
  description?: string;
  width?: number;
  height?: number;
  annotations?: readonly Annotation[];
  slider?: SliderOptions;
  facet?: FacetOptions;
}

/** Rows to draw, the builder's layers, how its axes read values, and notes for the subtitle. */
export interface Drawing {
  rows: readonly Row[];
  layers: Layer[];
  axes: AxisFrame;
  notes?: string[];
}

/** Whether some layer colours its marks by this field. */
function colouredBy(layers: readonly Layer[], field: string): boolean {
  return layers.some((layer) => (layer.encoding as { color?: { field?: unknown } } | undefined)?.color?.field === field);
}

function facetParts(rows: readonly Row[], layers: readonly Layer[], facet: FacetOptions): Record<string, unknown> {
  const { field, columns = defaults.facetColumns, title = field } = facet;
  requireField("facet.field", rows, field);
  requireInteger("facet.columns", columns, 1, 12);
  if (typeof title !== "string") fail("facet.title", title, "a string");
  // Numbers (depths, keep probabilities) keep their numeric order as ordinal panels.
  const type = rows.length > 0 && typeof rows[0][field] === "number" ? "ordinal" : "nominal";
  // Panels split by the colour series already have the legend's title naming that field;
  // a header title above them would say it a second time, so the header keeps only the
  // panel labels.
  return { facet: { field, type, title: colouredBy(layers, field) ? null : title }, columns };
}

export function compose(drawing: Drawing, options: FrameOptions): ChartSpec {
  const { title, subtitle, annotations = [], slider, facet } = options;
  const columns = facet?.columns ?? defaults.facetColumns;
  const panelWidth = Math.min(defaults.facetWidth, Math.floor(defaults.facetRowWidth / columns));
  const { width = facet ? panelWidth : defaults.width } = options;
  const { height = facet ? defaults.facetHeight : defaults.height } = options;
  requireTitle("title", title);
  if (subtitle !== undefined && typeof subtitle !== "string") fail("subtitle", subtitle, "a string");
  requireSize("width", width);
  requireSize("height", height);
  requireRows("data", drawing.rows);

  // The notes count clamped rows over the whole data set; behind a slider that is every
  // position, not only the one on screen, so say so on a line of its own.
  const notes = drawing.notes ?? [];
  const sliderNote = slider && notes.length > 0 ? ["(▼ counted over all slider positions)"] : [];
  const lines = [subtitle, ...notes, ...sliderNote].filter((s): s is string => typeof s === "string" && s !== "");
  const head: Record<string, unknown> = {
    $schema: VEGA_LITE_SCHEMA,
    title: lines.length === 0 ? { text: title } : { text: title, subtitle: lines.length === 1 ? lines[0] : lines },
    data: { values: drawing.rows },
  };
  if (slider) {
    const { params, filter } = sliderParts(drawing.rows, slider);
    head.params = params;
    head.transform = [filter];
  }
  const layer = [...drawing.layers, ...annotationLayers(annotations, drawing.axes)];
  const body = facet
    ? { ...facetParts(drawing.rows, layer, facet), spec: { width, height, layer } }
    : { width, height, layer };

  const { description = describeChart({ ...head, ...body }) } = options;
  if (typeof description !== "string" || description.trim() === "") fail("description", description, "a non-empty string");
  const spec = { ...head, description, ...body };
  requireFiniteSpec(spec);
  // A JSON round trip drops undefined keys and leaves a plain, deterministic object.
  return JSON.parse(JSON.stringify(spec)) as ChartSpec;
}
