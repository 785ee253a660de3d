// Rendering charts headless and displaying them in tslab notebooks.
export { CHART_FONT, compileToVega, chartView, toSvg, renderSvg, svgToPng, toPng, type PngOptions, type RenderOptions } from "./render";
export { VEGA_LITE_MIME, PROGRESS_METADATA } from "./mime";
export { displayBundle, svgBundle, type DisplayBundle } from "./bundle";
export { pngSize } from "./png";
export { show, showSvg } from "./show";
export { chartText, requireVegaLite, type VegaLiteSpec } from "./spec";
