// The display module as a browser bundle sees it (package.json "browser" maps ./display to
// this file): no kernel and no headless vega, so show() hands the spec to whatever page runs
// the notebook's code — a live deck installs that receiver — and the Node-only renderers say
// where they work.
import type { ChartSpec } from "../charts/defaults";

export { VEGA_LITE_MIME } from "./mime";

/** What a page running notebook code in the browser installs to receive each shown chart. */
export type DisplayReceiver = (spec: ChartSpec) => void;

const RECEIVER = "skipAndDropDisplay";

function receiver(): DisplayReceiver {
  const found = (globalThis as Record<string, unknown>)[RECEIVER];
  if (typeof found !== "function") throw new Error(`show() in a browser needs a page that receives charts (globalThis.${RECEIVER}); none is installed`);
  return found as DisplayReceiver;
}

export function show(spec: ChartSpec): void {
  receiver()(spec);
}

/** A hand-drawn figure does not depend on parameters: the page keeps the one it has. */
export function showSvg(_svg: string, _title: string): void {}

function nodeOnly(name: string): () => never {
  return () => {
    throw new Error(`${name}() renders with Node (vega headless, resvg) and is not part of the browser bundle`);
  };
}

export const compileToVega = nodeOnly("compileToVega");
export const chartView = nodeOnly("chartView");
export const toSvg = nodeOnly("toSvg");
export const renderSvg = nodeOnly("renderSvg");
export const svgToPng = nodeOnly("svgToPng");
export const toPng = nodeOnly("toPng");
export const displayBundle = nodeOnly("displayBundle");
export const svgBundle = nodeOnly("svgBundle");
export const pngSize = nodeOnly("pngSize");
