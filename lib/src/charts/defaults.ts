// Shared vocabulary of the chart builders: the spec type they return, the row type they
// accept, and the one block of defaults every builder falls back on.

/** The vega-lite version the notebooks' front ends (JupyterLab 4, VS Code) render. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** One data row: field name → value (numbers must be finite; see clampForLog for log axes). */
export type Row = Readonly<Record<string, unknown>>;

/** A plain vega-lite v5 spec, ready for JSON. */
export interface ChartSpec {
  $schema: string;
  title: { text: string; subtitle?: string | string[] };
  [key: string]: unknown;
}

/** One vega-lite layer (mark + encoding, optionally its own data and transforms). */
export type Layer = Record<string, unknown>;

/**
 * Defaults shared by every builder. 520×300 leaves room for the title, the axes and a
 * legend inside a 960×700 slide; small multiples shrink so two columns still fit.
 */
export const defaults = {
  width: 520,
  height: 300,
  facetWidth: 240,
  /** Panels in one facet row share this many pixels (so 3 or 4 columns still fit a slide). */
  facetRowWidth: 540,
  facetHeight: 150,
  facetColumns: 2,
  x: "x",
  y: "y",
  series: "series",
  seriesTitle: "series",
  category: "category",
  value: "value",
  clampedField: "clamped",
  pointSize: 40,
  strokeWidth: 2,
  opacity: 0.8,
  /** Decades below the smallest positive value (or above the largest) where log clamps land. */
  logClampDecades: 1,
} as const;
