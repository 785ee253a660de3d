// One Jupyter display_data content holding what each front end needs to show a chart:
// JupyterLab and VS Code the live vega-lite spec, GitHub and nbconvert the PNG, a terminal
// the text line. A chart's SVG is not stored (it would double the notebook's size): the
// deck and its printed handout draw it from the spec at build time.
import { fail } from "../checks";
import { requireTitle } from "../charts/guards";
import { VEGA_LITE_MIME } from "./mime";
import { pngSize } from "./png";
import { renderSvg, svgToPng, type PngOptions } from "./render";
import { chartText, requireVegaLite, type VegaLiteSpec } from "./spec";

/** The content of a display_data message: MIME type → data, plus per-type metadata. */
export interface DisplayBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

function pngPart(svg: string, options: PngOptions): DisplayBundle {
  // GitHub and nbconvert show this PNG at the chart's own size; zoom 1 keeps a notebook with
  // a dozen charts under 1 MB. { zoom: 2 } is sharper on high-DPI screens, 3-4 times the bytes.
  const { zoom = 1 } = options;
  const png = svgToPng(svg, { zoom });
  const { width, height } = pngSize(png);
  return {
    data: { "image/png": png.toString("base64") },
    // Drawn at `zoom` times the size, shown at the chart's own size.
    metadata: { "image/png": { width: Math.round(width / zoom), height: Math.round(height / zoom) } },
  };
}

/**
 * Bundle for any vega-lite v5 spec (validated against the schema): spec + PNG + its title
 * as text. Pure: same spec, same bytes.
 */
export function displayBundle(spec: VegaLiteSpec, options: PngOptions = {}): DisplayBundle {
  requireVegaLite(spec);
  const image = pngPart(renderSvg(spec), options);
  return { data: { [VEGA_LITE_MIME]: spec, ...image.data, "text/plain": chartText(spec) }, metadata: image.metadata };
}

/** Bundle for a hand-drawn SVG figure (e.g. the residual block diagram): SVG + PNG + title. */
export function svgBundle(svg: string, title: string, options: PngOptions = {}): DisplayBundle {
  if (typeof svg !== "string" || !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg)) {
    fail("svg", typeof svg === "string" ? svg.slice(0, 20) : typeof svg, "an SVG document string starting with <svg");
  }
  const text = requireTitle("title", title);
  const image = pngPart(svg, options);
  return { data: { ...image.data, "image/svg+xml": svg, "text/plain": text }, metadata: image.metadata };
}
