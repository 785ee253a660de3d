// One example spec per builder and feature, shared by the chart and display tests. The data
// mimic the notebooks': gradient norms over depth that underflow to 0 in a plain stack,
// column norms of X and X̃, singular values, a sweep over keep probabilities p.
import { barChart, lineChart, scatterChart, stripChart, type ChartSpec, type Row } from "../../lib/src/charts";

export const SCALES = [0.5, 1, 1.5];
export const DEPTHS = 12;

/** Plain-stack norms s^L underflow to exactly 0 past depth 9; residual ones stay near 1. */
export function gradientRows(): Row[] {
  const rows: Row[] = [];
  for (const scale of SCALES) {
    for (const series of ["plain", "residual"]) {
    for (let L = 1; L <= DEPTHS; L++) {
      const y = series === "plain" ? (L > 9 ? 0 : scale ** (10 * L)) : 1 + 0.05 * scale * L;
      rows.push({ x: L, y, series, scale });
    }
    }
  }
  return rows;
}

export const columnNorms: Row[] = [1, 2, 3, 4].flatMap((j) => [
  { category: `x${j}`, value: 0.5 * j, matrix: "X" },
  { category: `x${j}`, value: 1.2, matrix: "X̃ (normalised)" },
]);

/** Column norms spanning four decades: on a log axis every bar must still show. */
export const spreadNorms: Row[] = [1, 2, 3, 4].flatMap((j) => [
  { category: `x${j}`, value: 10 ** -j, matrix: "X" },
  { category: `x${j}`, value: 1.2, matrix: "X̃ (normalised)" },
]);

export const singularValues: Row[] = Array.from({ length: 20 }, (_, i) => ({
  x: i + 1,
  y: i < 18 ? 0.9 ** i : 0,
  series: i % 2 === 0 ? "even" : "odd",
}));

export const penalties: Row[] = [0.2, 0.5, 0.8].flatMap((p) =>
  [0.5, 1, 2, 4].map((lambda) => ({ category: `p = ${p}`, value: (lambda * (1 - p)) / p, p })),
);

const gradientTitles = { title: "Gradient norm through depth", xTitle: "depth L (layers)", yTitle: "‖∂L/∂x₀‖ (log scale)" };

/** A builder call with fresh inputs each time, so tests can check what the builder did to them. */
export interface Example {
  build: (rows: Row[], options: object) => ChartSpec;
  rows: () => Row[];
  options: () => object;
}
const example = <O extends object>(build: (rows: Row[], options: O) => ChartSpec, rows: () => Row[], options: () => O): Example =>
  ({ build: (data, opts) => build(data, opts as O), rows, options });

export const calls: Record<string, Example> = {
  line: example(lineChart, () => gradientRows().filter((r) => r.scale === 1), () => ({ ...gradientTitles, points: true })),
  lineLogClampedSlider: example(lineChart, () => gradientRows(), () => ({
    ...gradientTitles,
    logY: true,
    slider: { field: "scale", min: 0.5, max: 1.5, step: 0.5, init: 1, name: "scale", label: "weight scale" },
    annotations: [{ y: 0.25, label: "max σ′ = 1/4" }, { x: 9, label: "underflow" }, { x: 4, y: 1, label: "L = 4" }],
  })),
  lineFacets: example(lineChart, () => gradientRows(), () => ({ ...gradientTitles, logY: true, logX: true, facet: { field: "scale", columns: 3 }, annotations: [{ y: 1 }] })),
  bar: example(barChart, () => columnNorms, () => ({
    title: "Column norms of X and X̃",
    xTitle: "feature",
    yTitle: "column norm ‖X_j‖ (no unit)",
    group: "matrix",
    groupTitle: "design matrix",
    annotations: [{ y: 1.2, label: "common norm" }, { x: "x2", label: "x2" }],
  })),
  barLog: example(barChart, () => spreadNorms, () => ({
    title: "Column norms across decades",
    xTitle: "feature",
    yTitle: "column norm ‖X_j‖ (log scale)",
    group: "matrix",
    logY: true,
  })),
  scatterLog: example(scatterChart, () => singularValues, () => ({ title: "Singular values", xTitle: "index i", yTitle: "σᵢ (log scale)", logY: true })),
  strip: example(stripChart, () => penalties, () => ({
    title: "Dropout penalty per feature",
    valueTitle: "penalty weight λ(1 − p)/p",
    categoryTitle: "keep probability",
    logValue: true,
  })),
  scatterSlider: example(scatterChart, () => penalties.map((r) => ({ ...r, x: r.value, y: r.p })), () => ({
    title: "Penalty by keep probability",
    xTitle: "penalty weight (no unit)",
    yTitle: "keep probability p",
    slider: { field: "p", min: 0.2, max: 0.8, step: 0.3 },
  })),
};

export const examples: Record<string, () => ChartSpec> = Object.fromEntries(
  Object.entries(calls).map(([name, { build, rows, options }]) => [name, () => build(rows(), options())]),
);

/** Axis titles each example must show in its rendered SVG. */
export const axisTitles: Record<string, string[]> = {
  line: [gradientTitles.xTitle, gradientTitles.yTitle],
  lineLogClampedSlider: [gradientTitles.xTitle, gradientTitles.yTitle],
  lineFacets: [gradientTitles.xTitle, gradientTitles.yTitle],
  bar: ["feature", "column norm ‖X_j‖ (no unit)"],
  barLog: ["feature", "column norm ‖X_j‖ (log scale)"],
  scatterLog: ["index i", "σᵢ (log scale)"],
  strip: ["penalty weight λ(1 − p)/p", "keep probability"],
  scatterSlider: ["penalty weight (no unit)", "keep probability p"],
};
