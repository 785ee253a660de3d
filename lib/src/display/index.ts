// Rendering charts headless and displaying them in tslab notebooks.
export { CHART_FONT, compileToVega, chartView, toSvg, renderSvg, svgToPng, toPng, type PngOptions } from "./render";
export { VEGA_LITE_MIME, PROGRESS_METADATA } from "./mime";
export { displayBundle, svgBundle, pngSize, type DisplayBundle } from "./bundle";
export { show, showSvg } from "./show";
