// Chart builders: (data, options) => plain vega-lite v5 spec.
export { VEGA_LITE_SCHEMA, defaults as chartDefaults, type ChartSpec, type Row, type Layer } from "./defaults";
export { clampForLog, type ClampOptions, type Clamped } from "./logsafe";
export { type SliderOptions } from "./slider";
export { type Annotation } from "./annotate";
export { type FacetOptions, type FrameOptions } from "./compose";
export { type LogAxes, type XYOptions } from "./axes";
export { lineChart, type LineOptions } from "./line";
export { barChart, type BarOptions } from "./bar";
export { scatterChart, stripChart, type ScatterOptions, type StripOptions } from "./scatter";
export { describeChart } from "./describe";
export { heatmapChart, type HeatmapOptions } from "./heatmap";
export { sideBySide, type SideBySideOptions } from "./side-by-side";
export { decadeTicks, logFormat, withAxisTicks, LABEL_SEPARATION } from "./ticks";
